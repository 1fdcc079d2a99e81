// Character tests shared by the scanners, on UTF-16 code units.

/** JavaScript's \s. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A-Z or a-z: the code units whose c | 32 falls in a-z, in one compare. */
export const isAsciiLetter = (c: number): boolean => ((c | 32) - 97) >>> 0 < 26;

/** A regex \w code unit: A-Z, a-z, 0-9 or "_". */
export const isWordChar = (c: number): boolean => isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;

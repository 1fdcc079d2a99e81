// Texts the scanners read one code unit at a time, held the way V8 reads fastest.
//
// V8 keeps a substring of 13 or more characters as a view into the string it was cut from (a
// "sliced" string) and a concatenation as a pair of strings (a "cons" string, or rope). Reading
// characters from either takes a slower path in optimised code, and once one has been through a
// hot loop, the loop stays on that path for every text after it. Every sentence splitSentences
// cuts from a body is such a view. Joining pieces with Array.prototype.join builds a new sequential
// string (a slice, concat or template literal would not), which costs far less than it saves in the
// scans that follow (figures: docs/performance.md, "Flat strings").

/** `text` as a sequential string (same characters). Shorter strings are never views or ropes. */
export function flat(text: string): string {
  return text.length < 13 ? text : [text.slice(0, 1), text.slice(1)].join('');
}

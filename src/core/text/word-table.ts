// A fixed set of words, looked up by a hash computed while scanning text, so hot loops can
// find a word without first cutting it out of the text as a new string. Open addressing
// over typed arrays; FNV-1a over UTF-16 code units (the scanner computes the same steps).

export const HASH_SEED = 0x811c9dc5 | 0;

export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

export function hashOf(word: string, start = 0, end = word.length): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, word.charCodeAt(i));
  return h;
}

export interface WordTable {
  readonly words: readonly string[];
  /** The id of `word`, or -1. */
  id(word: string): number;
  /** The id of text.slice(start, end), whose hash is `hash`, or -1. */
  idAt(hash: number, text: string, start: number, end: number): number;
  /** idAt for the text with A-Z read as a-z (`hash` taken over the lowered code units). */
  readonly idAtLower: (hash: number, text: string, start: number, end: number) => number;
  /**
   * idAtLower for a run of ASCII letters, given also its first and last six letters packed as
   * lettersHead and lettersTail read them: those and the length settle a word of up to twelve
   * letters without comparing it letter by letter.
   */
  readonly idOfLetters: (hash: number, head: number, tail: number, text: string, start: number, end: number) => number;
}

/** Letters packed five bits each (a = 1 ... z = 26), as many as fit in 30 bits. */
const PACKED_LETTERS = 6;

/** A letter's code in a packed run (A-Z read as a-z): 1 to 26. */
const letterCode = (c: number): number => (c | 32) - 96;

/** The first PACKED_LETTERS letters of word[start, end), packed (the scan takes the same). */
export function lettersHead(word: string, start: number, end: number): number {
  let p = 0;
  for (let i = start; i < Math.min(end, start + PACKED_LETTERS); i++) p = (p << 5) | letterCode(word.charCodeAt(i));
  return p;
}

/** The last PACKED_LETTERS letters of word[start, end), packed. */
export function lettersTail(word: string, start: number, end: number): number {
  let p = 0;
  for (let i = Math.max(start, end - PACKED_LETTERS); i < end; i++) p = (p << 5) | letterCode(word.charCodeAt(i));
  return p;
}

const LOWER_LETTERS_RE = /^[a-z]+$/;

export function createWordTable(words: Iterable<string>): WordTable {
  return wordTableFrom(wordTableData(words));
}

/**
 * The table's arrays (typed arrays and the word list, no functions), so a build can store them
 * (src/data/precomputed.ts) and wordTableFrom put the lookups back over them.
 */
export function wordTableData(words: Iterable<string>) {
  const list = [...new Set(words)];
  let size = 16;
  while (size < list.length * 2) size *= 2;
  const mask = size - 1;
  // Every word's code units end to end, so a lookup compares in a plain loop.
  const offsets = new Int32Array(list.length + 1);
  list.forEach((w, id) => {
    offsets[id + 1] = (offsets[id] as number) + w.length;
  });
  const units = new Uint16Array(offsets[list.length] as number);
  list.forEach((w, id) => {
    for (let k = 0; k < w.length; k++) units[(offsets[id] as number) + k] = w.charCodeAt(k);
  });
  // Hash, id, where the word's units start and its length side by side: a probe reads one
  // cache line before it compares units (a lookup is mostly a cache miss, not arithmetic).
  const slots = new Int32Array(size * 4).fill(-1);
  /** The first free slot of `table` (four ints each, -1 in the second when free) from hash h. */
  const freeSlot = (table: Int32Array, h: number): number => {
    let at = h & mask;
    while (table[at * 4 + 1] !== -1) at = (at + 1) & mask;
    return at;
  };
  list.forEach((w, id) => {
    const h = hashOf(w);
    const at = freeSlot(slots, h);
    slots[at * 4] = h;
    slots[at * 4 + 1] = id;
    slots[at * 4 + 2] = offsets[id] as number;
    slots[at * 4 + 3] = w.length;
  });
  // The words of a-z only, keyed by hash with their length, id, head and tail in the slot.
  const letterSlots = new Int32Array(size * 4).fill(-1);
  list.forEach((w, id) => {
    if (!LOWER_LETTERS_RE.test(w)) return;
    if (w.length >= 2048 || id >= 1 << 20)
      throw new Error(`word table too large for packed slots: ${w.length} letters, id ${id}`);
    const h = hashOf(w);
    const at = freeSlot(letterSlots, h);
    letterSlots[at * 4] = h;
    letterSlots[at * 4 + 1] = id | (w.length << 20);
    letterSlots[at * 4 + 2] = lettersHead(w, 0, w.length);
    letterSlots[at * 4 + 3] = lettersTail(w, 0, w.length);
  });
  return { words: list, offsets, units, slots, letterSlots };
}

export type WordTableData = ReturnType<typeof wordTableData>;

/** The lookups over a table's arrays, made now or read back from a build. */
export function wordTableFrom(data: WordTableData): WordTable {
  const { words: list, offsets, units, slots, letterSlots } = data;
  const mask = slots.length / 4 - 1;
  const idAt = (hash: number, text: string, start: number, end: number): number => {
    const len = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const id = slots[at * 4 + 1] as number;
      if (id === -1) return -1;
      if (slots[at * 4] !== hash || slots[at * 4 + 3] !== len) continue;
      const from = slots[at * 4 + 2] as number;
      let k = 0;
      while (k < len && units[from + k] === text.charCodeAt(start + k)) k++;
      if (k === len) return id;
    }
  };
  // The same probe as idAt with the compare lowering A-Z: two loops rather than one with a flag,
  // because the scorer's scan calls this for every word of every article.
  const idAtLower = (hash: number, text: string, start: number, end: number): number => {
    const len = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const id = slots[at * 4 + 1] as number;
      if (id === -1) return -1;
      if (slots[at * 4] !== hash || slots[at * 4 + 3] !== len) continue;
      const from = slots[at * 4 + 2] as number;
      let k = 0;
      for (; k < len; k++) {
        const c = text.charCodeAt(start + k);
        if ((units[from + k] as number) !== (c >= 65 && c <= 90 ? c + 32 : c)) break;
      }
      if (k === len) return id;
    }
  };
  const LONGEST_PACKED = 2 * PACKED_LETTERS;
  const idOfLetters = (hash: number, head: number, tail: number, text: string, start: number, end: number): number => {
    const len = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const v = letterSlots[at * 4 + 1] as number;
      if (v === -1) return -1;
      if (
        letterSlots[at * 4] !== hash ||
        letterSlots[at * 4 + 2] !== head ||
        letterSlots[at * 4 + 3] !== tail ||
        v >>> 20 !== len
      )
        continue;
      const id = v & 0xfffff;
      if (len <= LONGEST_PACKED) return id;
      // Head and tail cover all but the middle of a longer word.
      const from = offsets[id] as number;
      let k = PACKED_LETTERS;
      for (; k < len - PACKED_LETTERS; k++)
        if ((units[from + k] as number) !== (text.charCodeAt(start + k) | 32)) break;
      if (k === len - PACKED_LETTERS) return id;
    }
  };
  return { words: list, id: (word) => idAt(hashOf(word), word, 0, word.length), idAt, idAtLower, idOfLetters };
}

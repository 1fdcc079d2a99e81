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
}

export function createWordTable(words: Iterable<string>): WordTable {
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
  list.forEach((w, id) => {
    const h = hashOf(w);
    let at = h & mask;
    while (slots[at * 4 + 1] !== -1) at = (at + 1) & mask;
    slots[at * 4] = h;
    slots[at * 4 + 1] = id;
    slots[at * 4 + 2] = offsets[id] as number;
    slots[at * 4 + 3] = w.length;
  });
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
  return { words: list, id: (word) => idAt(hashOf(word), word, 0, word.length), idAt, idAtLower };
}

// The compiled scorer's word pairs (`b:` features): the three weights of each pair the model knows,
// keyed by (first word id, second word id) in one int. Open addressing with the key and the weights
// side by side in one 32-byte slot, so a probe that finds its pair reads one cache line; in front
// of it a filter of one bit per hashed key, small enough to stay in cache, because most adjacent
// words in a text are no pair of the model's and the bit says so without a probe.

/** log2 of the filter's bits (2^18 bits: 32 KiB). */
const FILTER_BITS = 18;
/** Float64s per slot: the key, then the pair's three weights. */
export const PAIR_SLOT = 4;

export interface PairTable {
  /** PAIR_SLOT float64s per slot; key -1 marks a free slot. */
  readonly slots: Float64Array;
  /** Slot count - 1 (a power of two). */
  readonly mask: number;
  readonly filter: Int32Array;
  /** The vocabulary size the keys are made with: first * words + second. */
  readonly words: number;
}

/** The slot a key's probe starts at (before masking). */
export const pairHome = (key: number): number => Math.imul(key, 0x9e3779b1) >>> 15;

/** The key's bit in the filter. */
export const pairFilterBit = (key: number): number => Math.imul(key, 0x85ebca6b) >>> (32 - FILTER_BITS);

export function createPairTable(
  pairs: ReadonlyArray<readonly [first: number, second: number, weights: readonly number[]]>,
  words: number,
): PairTable {
  if (words * words >= 2 ** 31) throw new Error(`sentiment model vocabulary too large to compile: ${words}`);
  // Load stays under 2/3.
  let size = 16;
  while (size * 2 < pairs.length * 3) size *= 2;
  const mask = size - 1;
  const filter = new Int32Array(1 << (FILTER_BITS - 5));
  const slots = new Float64Array(size * PAIR_SLOT).fill(-1);
  for (const [a, b, w] of pairs) {
    const key = a * words + b;
    const bit = pairFilterBit(key);
    filter[bit >>> 5] = (filter[bit >>> 5] as number) | (1 << (bit & 31));
    let at = pairHome(key) & mask;
    while (slots[at * PAIR_SLOT] !== -1) at = (at + 1) & mask;
    slots[at * PAIR_SLOT] = key;
    for (let k = 0; k < 3; k++) slots[at * PAIR_SLOT + 1 + k] = w[k] ?? 0;
  }
  return { slots, mask, filter, words };
}

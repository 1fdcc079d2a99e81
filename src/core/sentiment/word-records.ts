// The compiled scorer's per-word record: everything the scoring loop reads about a token, in one
// 64-byte record per word id, so a token costs one cache line instead of one in each of several
// arrays. Read as float64s for the weights and as int32s for the flags and masks:
//
//   float64 [0, 3)   weights as read (negative, neutral, positive), the lexicon value folded in
//   float64 [3, 6)   weights in a negation's scope
//   int32   12       flags (BREAK ... HAS_PAIRS) in the low byte; above it, the word's row in the
//                    side and near weight tables (0: the word has none)
//   int32   13       the phrase rules the word may trigger (rules.ts)
//   int32   14       the finance frames it may trigger (frames.ts)
//   int32   15       the frames it is a second word of (FinanceFrame.also)

/** Float64s per record, and where its two weight triples start. */
export const RECORD_FLOATS = 8;
export const PLAIN_AT = 0;
export const NEGATED_AT = 3;
/** Int32s per record, and the slots of the flags and masks. */
export const RECORD_INTS = 16;
export const FLAGS_AT = 12;
export const RULES_AT = 13;
export const FRAMES_AT = 14;
export const FRAMES_ALSO_AT = 15;

/** Where a word's side and near weight row sits in its flags slot (flags >>> SIDE_ROW_SHIFT). */
export const SIDE_ROW_SHIFT = 8;

// Flags.
/** Ends a negation scope and a word pair (punctuation). */
export const BREAK = 1;
/** A contrast word ("but"): what comes before it is discounted. */
export const CONTRASTS = 2;
/** Opens a conceded clause ("despite"). */
export const CONCEDES = 4;
/** A negator: the next words read negated. */
export const NEGATES = 8;
/** Starts at least one word pair of the model's (pair-table.ts). */
export const HAS_PAIRS = 16;

export interface WordRecords {
  readonly weights: Float64Array;
  readonly bits: Int32Array;
}

/**
 * Records for `size` word ids from per-id arrays: plain and negated weights (three per id), flags,
 * side and near weight rows (0: none), rule masks, and frame masks (two per id: triggers, also), or
 * null when the model has no frames.
 */
export function createWordRecords(
  size: number,
  plain: Float64Array,
  negated: Float64Array,
  flags: Uint8Array,
  sideRows: Int32Array,
  rules: Int32Array,
  frames: Int32Array | null,
): WordRecords {
  const buffer = new ArrayBuffer(size * RECORD_FLOATS * 8);
  const weights = new Float64Array(buffer);
  const bits = new Int32Array(buffer);
  for (let t = 0; t < size; t++) {
    for (let k = 0; k < 3; k++) {
      weights[t * RECORD_FLOATS + PLAIN_AT + k] = plain[t * 3 + k] as number;
      weights[t * RECORD_FLOATS + NEGATED_AT + k] = negated[t * 3 + k] as number;
    }
    bits[t * RECORD_INTS + FLAGS_AT] = (flags[t] as number) | ((sideRows[t] as number) << SIDE_ROW_SHIFT);
    bits[t * RECORD_INTS + RULES_AT] = rules[t] as number;
    if (frames !== null) {
      bits[t * RECORD_INTS + FRAMES_AT] = frames[t * 2] as number;
      bits[t * RECORD_INTS + FRAMES_ALSO_AT] = frames[t * 2 + 1] as number;
    }
  }
  return { weights, bits };
}

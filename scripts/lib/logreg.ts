// Multinomial logistic regression trained by AdaGrad over sparse features, in a fixed
// example order from a seeded shuffle, so `npm run train` gives the same weights every run.
import { softmax3 } from '../../src/core/sentiment/model.ts';

export interface SparseExample {
  readonly idx: Int32Array;
  readonly val: Float64Array;
  /** 0 negative, 1 neutral, 2 positive. */
  readonly y: number;
}

export interface TrainOptions {
  readonly epochs: number;
  readonly l2: number;
  readonly rate: number;
  readonly seed: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weights as a flat array: feature i, class k at i * 3 + k. */
/** The three class scores of one sparse example under weights laid out [feature * 3 + class]. */
export function logits(w: Float64Array, ex: SparseExample): [number, number, number] {
  const z: [number, number, number] = [0, 0, 0];
  for (let k = 0; k < ex.idx.length; k++) {
    const base = (ex.idx[k] as number) * 3;
    const v = ex.val[k] as number;
    z[0] += (w[base] as number) * v;
    z[1] += (w[base + 1] as number) * v;
    z[2] += (w[base + 2] as number) * v;
  }
  return z;
}

/**
 * `prior`, laid out as the weights: what each weight starts from and is pulled back to; `l2Of`, per
 * feature, how hard (opts.l2 where not given).
 * Features i with neutralOnly[i] === 1 learn only their neutral weight (the other two stay 0): they
 * may say how likely a text is to be neutral, never which way it leans.
 */
export function trainLogReg(
  examples: readonly SparseExample[],
  features: number,
  opts: TrainOptions,
  neutralOnly?: Uint8Array,
  prior?: Float64Array,
  l2Of?: Float64Array,
): Float64Array {
  // Weights start at their prior (zero where none is given), and the l2 penalty pulls them back to it.
  const w = prior === undefined ? new Float64Array(features * 3) : Float64Array.from(prior);
  const p0 = prior ?? new Float64Array(features * 3);
  const g2 = new Float64Array(features * 3).fill(1e-8);
  const order = examples.map((_, i) => i);
  const rand = mulberry32(opts.seed);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const n of order) {
      const ex = examples[n] as SparseExample;
      const p = softmax3(logits(w, ex));
      for (let k = 0; k < ex.idx.length; k++) {
        const base = (ex.idx[k] as number) * 3;
        const v = ex.val[k] as number;
        const only = neutralOnly !== undefined && neutralOnly[ex.idx[k] as number] === 1;
        for (let c = only ? 1 : 0; c < (only ? 2 : 3); c++) {
          const at = base + c;
          const grad =
            ((p[c] as number) - (ex.y === c ? 1 : 0)) * v +
            (l2Of === undefined ? opts.l2 : (l2Of[ex.idx[k] as number] as number)) *
              ((w[at] as number) - (p0[at] as number));
          g2[at] = (g2[at] as number) + grad * grad;
          w[at] = (w[at] as number) - (opts.rate * grad) / Math.sqrt(g2[at]);
        }
      }
    }
  }
  return w;
}

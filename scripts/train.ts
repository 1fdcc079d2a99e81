// Trains the sentiment model and writes src/data/sentiment-model.json.
// Usage: npm run train -- [data-dir] [--transfer]   (default ../shared/data; see scripts/lib/sentiment-data.ts
// for the split). The settings were chosen by 4-fold cross-validation over train + dev, five
// repetitions; the dev slice is scored for reference. The test files are never opened here.
import { writeFileSync } from 'node:fs';
import { featuresOf } from '../src/core/sentiment/features.ts';
import { CLASSES, softmax3, type SentimentModel } from '../src/core/sentiment/model.ts';
import { loadLexicons } from '../src/data/load.ts';
import { dataDirFromArgs, repoRoot } from './lib/data-dir.ts';
import { logits, trainLogReg, type SparseExample, type TrainOptions } from './lib/logreg.ts';
import { exampleView, loadTrainDev, type Example } from './lib/sentiment-data.ts';

const MIN_COUNT = 2;
const PRUNE_BELOW = 0.02;
const SEED = 20240601;

const lexicons = loadLexicons();
// Train and dev only: the test files are not opened.
const splits = loadTrainDev(dataDirFromArgs(process.argv.slice(2)));

function featurize(examples: readonly Example[]): Array<Map<string, number>> {
  return examples.map((e) => {
    const view = exampleView(e);
    return featuresOf(view.tokens, view.text, lexicons).values;
  });
}

function vocabulary(feats: ReadonlyArray<Map<string, number>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of feats) for (const k of f.keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [k, c] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (c >= MIN_COUNT) vocab.set(k, vocab.size);
  return vocab;
}

function sparse(feats: ReadonlyArray<Map<string, number>>, examples: readonly Example[], vocab: Map<string, number>): SparseExample[] {
  return feats.map((f, n) => {
    const idx: number[] = [];
    const val: number[] = [];
    for (const [k, v] of f) {
      const i = vocab.get(k);
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx: Int32Array.from(idx), val: Float64Array.from(val), y: CLASSES.indexOf((examples[n] as Example).label) };
  });
}

function accuracy(w: Float64Array, data: readonly SparseExample[]): number {
  let right = 0;
  for (const ex of data) {
    const p = softmax3(logits(w, ex));
    const best = p[2] >= p[0] && p[2] >= p[1] ? 2 : p[0] >= p[1] ? 0 : 1;
    if (best === ex.y) right++;
  }
  return right / data.length;
}

// `--transfer`: how far what one set teaches carries to the other, reading train + dev only (no test
// split): fit on one source's examples, score the other source's, print, and write nothing.
if (process.argv.includes('--transfer')) {
  const all = [...splits.train, ...splits.dev];
  for (const [from, to] of [['sentfin', 'twitter'], ['twitter', 'sentfin']] as const) {
    const src = all.filter((e) => e.source === from);
    const dst = all.filter((e) => e.source === to);
    const srcFeats = featurize(src);
    const v = vocabulary(srcFeats);
    const w = trainLogReg(sparse(srcFeats, src, v), v.size, { l2: 1e-4, epochs: 6, rate: 0.05, seed: SEED });
    console.log(`fit on ${from} (${src.length}), scored on ${to} (${dst.length}): accuracy ${accuracy(w, sparse(featurize(dst), dst, v)).toFixed(3)}`);
  }
  process.exit(0);
}

const trainFeats = featurize(splits.train);
const devFeats = featurize(splits.dev);
const vocab = vocabulary(trainFeats);
const trainSparse = sparse(trainFeats, splits.train, vocab);
const devSparse = sparse(devFeats, splits.dev, vocab);
console.log(`train ${splits.train.length} examples, dev ${splits.dev.length}, ${vocab.size} features`);

// Chosen by cross-validation over train + dev (4 folds by headline, 5 repetitions): l2 from 3e-5 to
// 3e-4 and 4 to 9 epochs all landed within 0.0005 of these; l2 0.01 with 10 epochs 0.002 lower on
// both sets. The dev slice alone (about 1,500 SEntFiN entities) is too small to choose among them,
// so the grid below is printed for reference only.
const CHOSEN = { l2: 1e-4, epochs: 6 };
const grid: TrainOptions[] = [];
for (const l2 of [1e-4, 1e-3, 1e-2]) for (const epochs of [6, 10]) grid.push({ l2, epochs, rate: 0.05, seed: SEED });
let best: { opts: TrainOptions; dev: number } | null = null;
for (const opts of grid) {
  const w = trainLogReg(trainSparse, vocab.size, opts);
  const dev = accuracy(w, devSparse);
  const bySource = (['sentfin', 'twitter'] as const).map((s) => `${s} ${accuracy(w, devSparse.filter((_, i) => splits.dev[i]?.source === s)).toFixed(4)}`);
  console.log(`l2=${opts.l2} epochs=${opts.epochs}: train ${accuracy(w, trainSparse).toFixed(4)} dev ${dev.toFixed(4)} (${bySource.join(', ')})`);
  if (opts.l2 === CHOSEN.l2 && opts.epochs === CHOSEN.epochs) best = { opts, dev };
}
if (best === null) throw new Error('no settings tried');

// Final fit on train + dev with the chosen settings.
const all = [...splits.train, ...splits.dev];
const allFeats = [...trainFeats, ...devFeats];
const finalVocab = vocabulary(allFeats);
const w = trainLogReg(sparse(allFeats, all, finalVocab), finalVocab.size, best.opts);
const weights: Record<string, [number, number, number]> = {};
for (const [k, i] of finalVocab) {
  const ws: [number, number, number] = [w[i * 3] as number, w[i * 3 + 1] as number, w[i * 3 + 2] as number];
  if (k !== 'bias' && Math.max(...ws.map(Math.abs)) < PRUNE_BELOW) continue;
  weights[k] = ws.map((x) => Math.round(x * 1000) / 1000) as [number, number, number];
}
const model: SentimentModel = {
  version: 1,
  trainedOn:
    `SEntFiN 1.0 (MIT) train+dev headlines by fnv1a32(title) % 10 >= 2, one example per entity; ` +
    `Twitter financial news sentiment (MIT) sent_train.csv. ${all.length} examples, features seen >= ${MIN_COUNT} times, ` +
    `l2=${best.opts.l2}, epochs=${best.opts.epochs}, AdaGrad rate ${best.opts.rate}, seed ${SEED}; dev accuracy ${best.dev.toFixed(4)}.`,
  weights,
};
const out = `${repoRoot}src/data/sentiment-model.json`;
writeFileSync(out, `{"version":1,"trainedOn":${JSON.stringify(model.trainedOn)},"weights":{\n${Object.entries(weights).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',\n')}\n}}\n`);
console.log(`chose l2=${best.opts.l2} epochs=${best.opts.epochs} (dev ${best.dev.toFixed(4)}); wrote ${Object.keys(weights).length} weights to ${out}`);

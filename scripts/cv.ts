// Cross-validated accuracy of the shipped training procedure, over train + dev only (the test
// files are never opened): how model and feature changes are chosen. SEntFiN entities are folded
// by headline, so a headline's entities stay in one fold; tweets by text. Each repetition draws an
// independent partition, so a change can be compared fold by fold against the same folds.
// Usage: npm run cv -- [data-dir] [--folds 4] [--reps 5]
import { loadLexicons } from '../src/data/load.ts';
import { dataDirFromArgs } from './lib/data-dir.ts';
import { loadOwnSplits } from './lib/own-data.ts';
import { fnv1a32, loadTrainDev, ownExamples, type Example } from './lib/sentiment-data.ts';
import { CHOSEN, accuracy, featurizeAll, fitLogReg, sparse, vocabulary } from './lib/training.ts';

const arg = (flag: string, fallback: number): number => {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const FOLDS = arg('--folds', 4);
const REPS = arg('--reps', 5);
const dataArgs = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--'));

/** A 32-bit mix of the group's hash with the repetition, so each repetition partitions anew (FNV's low bits alone would not). */
function foldOf(group: string, rep: number, folds: number): number {
  let h = (fnv1a32(group) ^ Math.imul(rep + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % folds;
}

const lexicons = loadLexicons();
const { train, dev } = loadTrainDev(dataDirFromArgs(dataArgs));
const all: Example[] = [...train, ...dev, ...ownExamples(loadOwnSplits().train)];
const feats = featurizeAll(all, lexicons);
// (Own sentences are folded by text here, so a company's variants may straddle folds: a lenient figure.)
const group = (e: Example): string => e.full;
const scores: Record<Example['source'], number[]> = { sentfin: [], twitter: [], own: [] };
for (let rep = 0; rep < REPS; rep++) {
  const fold = all.map((e) => foldOf(group(e), rep, FOLDS));
  for (let f = 0; f < FOLDS; f++) {
    const trainAt = all.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const testAt = all.flatMap((_, i) => (fold[i] === f ? [i] : []));
    const trainFeats = trainAt.map((i) => feats[i] as Map<string, number>);
    const vocab = vocabulary(trainFeats);
    const w = fitLogReg(
      sparse(
        trainFeats,
        trainAt.map((i) => all[i] as Example),
        vocab,
      ),
      vocab,
      CHOSEN,
    );
    for (const source of ['sentfin', 'twitter', 'own'] as const) {
      const at = testAt.filter((i) => all[i]?.source === source);
      scores[source].push(
        accuracy(
          w,
          sparse(
            at.map((i) => feats[i] as Map<string, number>),
            at.map((i) => all[i] as Example),
            vocab,
          ),
        ),
      );
    }
  }
}
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]): number => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
console.log(`${FOLDS}-fold cross-validation over train + dev, ${REPS} repetitions (${all.length} examples):`);
for (const source of ['sentfin', 'twitter', 'own'] as const) {
  const xs = scores[source];
  console.log(
    `${{ sentfin: 'SEntFiN entities', twitter: 'Twitter         ', own: 'own train split ' }[source]}  accuracy ${mean(xs).toFixed(4)}  fold sd ${sd(xs).toFixed(4)}  range ${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)}`,
  );
}

// Rebuilds the `text` and `mentions` of each SEntFiN row in test/fixtures/sentiment-sample.json (the
// fixed sample behind the CI accuracy floor) with the current entity-clause code, keeping the same
// rows, so the floor test reads entities exactly the way the analyzer and `npm run eval` do.
// Usage: node --import tsx scripts/refresh-eval-sample.ts [data-dir]   (default labelled/)
import { readFileSync, writeFileSync } from 'node:fs';
import { dataDirFromArgs, repoRoot } from './lib/data-dir.ts';
import { loadSplits, type Example } from './lib/sentiment-data.ts';

const path = `${repoRoot}test/fixtures/sentiment-sample.json`;
const sample = JSON.parse(readFileSync(path, 'utf8')) as { about: string; sentfin: Example[]; twitter: Example[] };
const { sentfinTest } = loadSplits(dataDirFromArgs(process.argv.slice(2)));
const key = (e: Example): string => `${e.full}\u0000${e.entity ?? ''}`;
const current = new Map(sentfinTest.map((e) => [key(e), e]));
let changed = 0;
sample.sentfin = sample.sentfin.map((e) => {
  const now = current.get(key(e));
  if (now === undefined) throw new Error(`sample row no longer in the test split: ${e.full} / ${e.entity ?? ''}`);
  if (now.text !== e.text || JSON.stringify(now.mentions) !== JSON.stringify(e.mentions)) changed++;
  const { mentions: _old, ...rest } = e;
  return now.mentions === undefined ? { ...rest, text: now.text } : { ...rest, text: now.text, mentions: now.mentions };
});
// One row per line, so a rebuild shows as a readable diff.
const rows = (list: readonly Example[]): string => list.map((e) => JSON.stringify(e)).join(',\n');
writeFileSync(
  path,
  `{"about":${JSON.stringify(sample.about)},"sentfin":[\n${rows(sample.sentfin)}],"twitter":[\n${rows(sample.twitter)}]}\n`,
);
console.log(`rebuilt ${sample.sentfin.length} SEntFiN rows (${changed} texts changed)`);

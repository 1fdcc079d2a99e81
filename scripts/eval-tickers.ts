// Measures ticker finding (which companies a story is about) on the labelled ticker sets.
// Usage: npm run eval:tickers -- [data-dir] [--errors] [--own-only]
//   data-dir   where the Twitter set lives (default labelled/, laid out as labelled/); the own headlines are always labelled/own.
//   --errors   lists the misses, false finds and over-rated sources/peers of the TRAIN split only (the blind set has none).
//   --own-only skips the Twitter cashtag recovery set (no data dir needed).
// Rules and split: scripts/lib/ticker-eval.ts and docs/labelling-tickers.md.
import { createDefaultAnalyzer } from '../src/analyzer.ts';
import { MENTION_ONLY_CAP } from '../src/core/tickers/relevance.ts';
import { dataDirFromArgs, repoRoot } from './lib/data-dir.ts';
import {
  familiesFrom,
  findWith,
  measureTickerSets,
  readBlindHeadlines,
  readOwnHeadlines,
  readTickerData,
  readTwitterRecovery,
  tableRows,
  tickerTable,
  type TickerCase,
  type TickerSet,
} from './lib/ticker-eval.ts';

const args = process.argv.slice(2);
const floor = MENTION_ONLY_CAP;
const data = readTickerData(repoRoot);
const families = familiesFrom(data.rows);
const analyzer = createDefaultAnalyzer();
const find = findWith(analyzer);

const sets: TickerSet[] = [readOwnHeadlines(repoRoot), readBlindHeadlines(repoRoot)];
if (!args.includes('--own-only')) sets.push(readTwitterRecovery(dataDirFromArgs(args), data));

const measured = measureTickerSets(sets, find, families, floor);

console.log(`Ticker finding (alert floor: relevance >= ${floor}; companies compared by SEC CIK family)\n`);
console.log(tickerTable(tableRows(measured)));
console.log(
  '\nprecision: found companies that are labelled (any role) / found; recall: labelled subjects found at any relevance;\n' +
    'recall at the alert floor: labelled subjects found with relevance >= the floor; sources/peers at the floor: labelled\n' +
    'sources and peers given relevance >= the floor / all labelled sources and peers. Twitter: precision is a lower bound\n' +
    '(only cashtagged companies are labelled) and it labels no sources or peers.',
);

if (args.includes('--errors')) {
  const show = (r: number | null): string => (r === null ? 'not found' : `relevance ${r.toFixed(2)}`);
  for (const { set, scores } of measured.filter((m) => m.split === 'train')) {
    const cases = set.train;
    console.log(`\n## ${set.name}, train split: errors`);
    let n = 0;
    scores.forEach((s, i) => {
      if (s.missed.length === 0 && s.falseFinds.length === 0 && s.sidelinesPromoted.length === 0) return;
      n++;
      const c = cases[i] as TickerCase;
      const labels = c.tickers.map((t) => `${t.symbol}:${t.role}`).join(' ') || '(no company)';
      console.log(`\n${c.id} [${labels}] ${c.title}${c.body === undefined ? '' : ` | ${c.body}`}`);
      for (const m of s.missed) console.log(`  missed subject ${m.symbol} (${show(m.relevance)})`);
      for (const f of s.falseFinds) console.log(`  false find ${f.symbol} (relevance ${f.relevance.toFixed(2)})`);
      for (const p of s.sidelinesPromoted)
        console.log(`  ${p.role} ${p.symbol} at relevance ${p.relevance.toFixed(2)}`);
    });
    console.log(`\n${n} of ${cases.length} train stories with an error`);
  }
}

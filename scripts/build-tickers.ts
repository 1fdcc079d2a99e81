// Rebuilds src/data/tickers.json from the SEC's company_tickers.json.
// Usage: npm run tickers:refresh -- [path/to/company_tickers.json]
// Default input: ../shared/data/tickers/company_tickers.json beside the repo. The SEC serves the
// same file at https://www.sec.gov/files/company_tickers.json (download it yourself; this
// script never touches the network). Order is kept: the SEC lists the largest companies first,
// and the ticker finder uses that rank to prefer well-known names.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface SecRow {
  cik_str: number;
  ticker: string;
  title: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const input = process.argv[2] ?? `${root}../shared/data/tickers/company_tickers.json`;
const rows = Object.values(JSON.parse(readFileSync(input, 'utf8')) as Record<string, SecRow>);
const seen = new Set<string>();
const out: Array<[string, string, number]> = [];
for (const row of rows) {
  const symbol = row.ticker.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9.-]{0,9}$/.test(symbol) || seen.has(symbol)) continue;
  seen.add(symbol);
  out.push([symbol, row.title.trim(), row.cik_str]);
}
const body = `[\n${out.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
writeFileSync(`${root}src/data/tickers.json`, body);
console.log(`wrote ${out.length} tickers to src/data/tickers.json`);

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The blind set is read here as plain data, without the finder: it is held out from tuning (docs/labelling-tickers-blind.md).
const root = join(import.meta.dirname, '..', '..');
const BLIND = join(root, 'labelled', 'own', 'ticker-headlines-blind.jsonl');
const TUNED = join(root, 'labelled', 'own', 'ticker-headlines.jsonl');
const ROLES = ['subject', 'source', 'peer', 'other'];
const STYLES = ['wire', 'analyst', 'press-release', 'regulatory', 'market-wrap'];

interface Story {
  id: string;
  group: string;
  title: string;
  body?: string;
  tickers: { symbol: string; role: string }[];
  style: string;
}

const readLines = (path: string): string[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
const stories = readLines(BLIND).map((l) => JSON.parse(l) as Story);

const rows = JSON.parse(readFileSync(join(root, 'src', 'data', 'tickers.json'), 'utf8')) as [string, string, number][];
const cikOf = new Map(rows.map(([symbol, , cik]) => [symbol, cik]));
const primaryOf = new Map<number, string>();
for (const [symbol, , cik] of rows) if (!primaryOf.has(cik)) primaryOf.set(cik, symbol);

describe('the blind ticker set (labelled/own/ticker-headlines-blind.jsonl)', () => {
  it('has the fields, styles and roles of the labelling guide, with unique ids and texts', () => {
    expect(stories.length).toBeGreaterThanOrEqual(400);
    for (const s of stories) {
      const keys = Object.keys(s).filter((k) => k !== 'body');
      expect(keys).toEqual(['id', 'group', 'title', 'tickers', 'style']);
      expect(s.id).toMatch(/^tb-\d{4}$/);
      expect(STYLES).toContain(s.style);
      for (const t of s.tickers) expect(ROLES).toContain(t.role);
    }
    expect(new Set(stories.map((s) => s.id)).size).toBe(stories.length);
    expect(new Set(stories.map((s) => `${s.title}\n${s.body ?? ''}`)).size).toBe(stories.length);
  });

  it('labels only listed companies, each by its family’s primary listing and once per story', () => {
    const wrong: string[] = [];
    for (const s of stories) {
      const families = s.tickers.map((t) => cikOf.get(t.symbol));
      for (const t of s.tickers) {
        const cik = cikOf.get(t.symbol);
        if (cik === undefined || primaryOf.get(cik) !== t.symbol) wrong.push(`${s.id} ${t.symbol}`);
      }
      if (new Set(families).size !== families.length) wrong.push(`${s.id} family twice`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps each group on consecutive lines, named by its first story, never reused', () => {
    const seen = new Set<string>();
    let previous = '';
    for (const s of stories) {
      if (s.group !== previous) {
        expect(s.group).toBe(s.id);
        expect(seen.has(s.group)).toBe(false);
        seen.add(s.group);
      }
      previous = s.group;
    }
  });

  it('shares no headline with the set the finder is tuned on', () => {
    const tuned = new Set(readLines(TUNED).map((l) => (JSON.parse(l) as Story).title.toLowerCase()));
    expect(stories.filter((s) => tuned.has(s.title.toLowerCase())).map((s) => s.id)).toEqual([]);
  });
});

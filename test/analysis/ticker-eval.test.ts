import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TickerRow } from '../../src/core/tickers/universe.ts';
import {
  familiesFrom,
  nameWordsFrom,
  OWN_HEADLINES_PATH,
  parseTickerCases,
  scoreCase,
  splitOf,
  stripSymbols,
  summarize,
  tweetCases,
  type LabelledTicker,
} from '../../scripts/lib/ticker-eval.ts';

const root = new URL('../../', import.meta.url);
const rows = JSON.parse(readFileSync(new URL('src/data/tickers.json', root), 'utf8')) as TickerRow[];
const aliases = JSON.parse(readFileSync(new URL('src/data/ticker-aliases.json', root), 'utf8')) as Record<
  string,
  string[]
>;
const families = familiesFrom(rows);

describe('the labelled ticker headlines', () => {
  const cases = parseTickerCases(readFileSync(new URL(OWN_HEADLINES_PATH, root), 'utf8'), OWN_HEADLINES_PATH);

  it('parse, with unique ids and texts, and every symbol in the shipped ticker list', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    expect(new Set(cases.map((c) => `${c.title}\n${c.body ?? ''}`)).size).toBe(cases.length);
    const symbols = new Set(rows.map((r) => r[0]));
    const unknown = cases.flatMap((c) =>
      c.tickers.filter((t) => !symbols.has(t.symbol)).map((t) => `${c.id} ${t.symbol}`),
    );
    expect(unknown).toEqual([]);
  });

  it('name each group after its first story and keep a group together, so no group id is reused', () => {
    const seen = new Set<string>();
    let current = '';
    for (const c of cases) {
      if (c.group !== current) {
        expect(c.group, `${c.id} starts group ${c.group}`).toBe(c.id);
        expect(seen.has(c.group)).toBe(false);
        seen.add(c.group);
        current = c.group;
      }
    }
  });

  it('label each company once per story', () => {
    const twice = cases.filter(
      (c) => new Set(c.tickers.map((t) => families.familyOf(t.symbol))).size !== c.tickers.length,
    );
    expect(twice.map((c) => c.id)).toEqual([]);
  });

  it('split by group hash: fixed for known groups, about 30% test, and both splits hold every kind of story', () => {
    // fnv1a32: th-0002 -> 1334192922 (% 10 = 2), th-0003 -> ... 1, th-0001 -> 3, th-0004 -> 8.
    expect(['th-0001', 'th-0002', 'th-0003', 'th-0004', 'th-0008'].map(splitOf)).toEqual([
      'train',
      'test',
      'test',
      'train',
      'test',
    ]);
    const groups = [...new Set(cases.map((c) => c.group))];
    const share = groups.filter((g) => splitOf(g) === 'test').length / groups.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.4);
    const test = cases.filter((c) => splitOf(c.group) === 'test');
    expect(test.some((c) => c.tickers.length === 0)).toBe(true);
    for (const role of ['subject', 'peer', 'source'] as const)
      expect(test.some((c) => c.tickers.some((t) => t.role === role))).toBe(true);
  });
});

describe('ticker scoring', () => {
  const subject = (symbol: string): LabelledTicker => ({ symbol, role: 'subject' });

  it('counts any ticker of the same company as the labelled one (GOOG for GOOGL, BRK-A for BRK-B)', () => {
    const s = scoreCase(
      [subject('GOOGL'), subject('BRK-B')],
      [
        { symbol: 'GOOG', relevance: 0.6 },
        { symbol: 'BRK-A', relevance: 0.2 },
      ],
      families,
      0.3,
    );
    expect(s).toMatchObject({
      found: 2,
      foundLabelled: 2,
      subjects: 2,
      subjectsFound: 2,
      subjectsAtFloor: 1,
      falseFinds: [],
    });
    expect(s.missed).toEqual([{ symbol: 'BRK-B', relevance: 0.2 }]);
  });

  it('counts a company found under two share classes once, at its higher relevance', () => {
    const s = scoreCase(
      [subject('FOXA')],
      [
        { symbol: 'FOX', relevance: 0.2 },
        { symbol: 'FOXA', relevance: 0.5 },
      ],
      families,
      0.3,
    );
    expect(s).toMatchObject({ found: 1, foundLabelled: 1, subjectsAtFloor: 1 });
  });

  it('scores sources and peers: found is precise, at the floor is wrong; unlabelled finds are false', () => {
    const labels: LabelledTicker[] = [
      subject('INTC'),
      { symbol: 'JPM', role: 'source' },
      { symbol: 'AMD', role: 'peer' },
      { symbol: 'MSFT', role: 'other' },
    ];
    const s = scoreCase(
      labels,
      [
        { symbol: 'INTC', relevance: 0.9 },
        { symbol: 'JPM', relevance: 0.57 },
        { symbol: 'AMD', relevance: 0.1 },
        { symbol: 'MSFT', relevance: 0.1 },
        { symbol: 'MAX', relevance: 0.57 },
      ],
      families,
      0.3,
    );
    expect(s).toMatchObject({
      found: 5,
      foundLabelled: 4,
      subjects: 1,
      subjectsAtFloor: 1,
      sidelines: 2,
      sidelinesAtFloor: 1,
    });
    expect(s.falseFinds).toEqual([{ symbol: 'MAX', relevance: 0.57 }]);
    expect(s.sidelinesPromoted).toEqual([{ symbol: 'JPM', role: 'source', relevance: 0.57 }]);
    const m = summarize([s, scoreCase([subject('BA')], [], families, 0.3)]);
    expect(m).toMatchObject({
      stories: 2,
      found: 5,
      subjects: 2,
      precision: 0.8,
      recall: 0.5,
      recallAtFloor: 0.5,
      sidelinesAtFloorRate: 0.5,
    });
  });

  it('reads a story with no company and nothing found as no error, and has no precision to report', () => {
    const m = summarize([scoreCase([], [], families, 0.3)]);
    expect(m.found).toBe(0);
    expect(Number.isNaN(m.precision)).toBe(true);
  });

  it('rejects a bad line with its line number', () => {
    expect(() =>
      parseTickerCases('{"id":"a","group":"a","title":"t","tickers":[],"style":"wire"}\n{"id":"b"', 'f'),
    ).toThrow(/^f:2: not JSON/);
    expect(() =>
      parseTickerCases(
        '{"id":"a","group":"a","title":"t","tickers":[{"symbol":"BA","role":"hero"}],"style":"wire"}',
        'f',
      ),
    ).toThrow(/f:1: tickers\[0\]/);
  });
});

describe('Twitter cashtag recovery cases', () => {
  const names = nameWordsFrom(rows, aliases, families);
  const opts = { idPrefix: 'tw', families, names };

  it('takes out cashtags, exchange notes and the bare symbol, keeping the words', () => {
    expect(stripSymbols('$DELL $HPE - Dell, HPE targets trimmed', ['DELL', 'HPE'])).toBe('Dell, targets trimmed');
    expect(stripSymbols('Overweight rating on Crocs (NASDAQ: $CROX) today', ['CROX'])).toBe(
      'Overweight rating on Crocs today',
    );
    expect(stripSymbols('$CMI - Cummins (CMI) Investor Presentation', ['CMI'])).toBe('Cummins Investor Presentation');
    expect(stripSymbols('London said Uber $UBER was not fit', ['UBER'])).toBe('London said Uber was not fit');
    expect(stripSymbols('$SNY - Sanofi wins approval from the Food and Drug Administration (FDA)', ['SNY'])).toBe(
      'Sanofi wins approval from the Food and Drug Administration (FDA)',
    );
  });

  it('keeps a cashtag only where the company is named in words', () => {
    const cases = tweetCases(
      [
        '$TAP - Barclays cools on Molson Coors https://t.co/x',
        '$TAP: Barclays cuts to Equal Weight',
        '$CACI - CACI gains a bull',
        '$DELL $HPE - Dell, HPE targets trimmed',
        'No cashtag at all',
      ],
      opts,
    );
    expect(cases.map((c) => [c.id, c.title, c.tickers.map((t) => t.symbol)])).toEqual([
      ['tw-00001', 'Barclays cools on Molson Coors https://t.co/x', ['TAP']],
      ['tw-00004', 'Dell, targets trimmed', ['DELL']],
    ]);
  });
});

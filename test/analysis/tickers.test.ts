import { describe, expect, it } from 'vitest';
import { loadTickerUniverse } from '../../src/data/load.ts';
import { shippedFinder, symbolsIn } from './helpers.ts';

const finder = shippedFinder();
const universe = loadTickerUniverse();

describe('ticker finding: what it must find', () => {
  it.each([
    ['Google unveils new Gemini model', ['GOOGL']],
    ['Facebook faces new EU privacy fine', ['META']],
    ['Meta shares rose after earnings', ['META']],
    ['Apple shares slip as iPhone sales cool', ['AAPL']],
    ['Berkshire adds to BRK.B buyback', ['BRK-B']],
    ['Shares of (NYSE: BABA) rose 3%', ['BABA']],
    ['Alibaba (9988.HK) gained in Hong Kong', ['BABA']],
    ['The stock (HKEX: 9988) gained in Hong Kong', ['BABA']],
    ['Traders piled into $NVDA calls', ['NVDA']],
    ['Target shares fell after the retailer cut its outlook', ['TGT']],
    ['Some lender (0005.HK) slipped', ['0005.HK']],
    ['Oracle beats estimates, Adobe misses', ['ADBE', 'ORCL']],
    // Names the SEC writes in capitals or with filing tags ("DEERE & CO", "MCKESSON CORP", "ICICI BANK LTD").
    ['ICICI Bank Q2 net profit up 15%', ['IBN']],
    ['Deere cuts its outlook again', ['DE']],
    ['McKesson raises guidance', ['MCK']],
    ['Wall Street climbs on Procter & Gamble, Microsoft', ['MSFT', 'PG']],
    ['AstraZeneca up 20% on delisting proposal', ['AZN']],
  ] as const)('%s -> %j', (text, expected) => {
    expect(symbolsIn(finder, text)).toEqual(expected);
  });

  it('counts a bare symbol once per sentence, beside its cashtag, and anew in the next sentence and the next story', () => {
    const mentions = (sentences: string[]): string[] =>
      finder.find(sentences).flatMap((h) => h.mentions.map((m) => `${h.symbol}:${m.sentence}:${m.kind}`));
    expect(mentions(['$NVDA beats; NVDA guides up', 'NVDA also said NVDA would buy back shares'])).toEqual([
      'NVDA:0:cashtag',
      'NVDA:1:symbol',
    ]);
    // A new story starts with nothing claimed, whatever the last one named in its first sentence.
    expect(mentions(['NVDA rises'])).toEqual(['NVDA:0:symbol']);
    expect(mentions(['NVDA rises'])).toEqual(['NVDA:0:symbol']);
  });

  it('treats BRK.B, BRK-B and brk/b as one class of shares', () => {
    expect(universe.canonical('BRK.B')).toBe('BRK-B');
    expect(universe.canonical('brk/b')).toBe('BRK-B');
    expect(universe.canonical('9988.HK')).toBe('BABA');
  });

  it('reads a symbol as listed the way it reads the same symbol typed loosely (" $brk.b ")', () => {
    const pieces = ['BRK', 'B', 'A', '.', '-', '/', 'HK', '9988', '0700', 'T', 'BABA', 'GOOGL', 'AAPL', 'BF', 'X', '1'];
    let state = 7;
    const next = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 16) % n;
    };
    let found = 0;
    for (let t = 0; t < 3000; t++) {
      let symbol = '';
      const length = 1 + next(3);
      for (let k = 0; k < length; k++) symbol += pieces[next(pieces.length)];
      const loose = universe.canonical(` $${symbol.toLowerCase()} `);
      expect(universe.canonical(symbol), symbol).toBe(loose);
      if (loose !== undefined) found++;
    }
    // The generated symbols include listed ones, dotted classes and foreign listings.
    expect(found).toBeGreaterThan(100);
  });
});

describe('ticker finding: well-known false positives', () => {
  it.each([
    ['I ate an apple and a pear for lunch'],
    ['Apple pie recipes for the autumn'],
    ['Target your savings at the goals that matter'],
    ['A meta analysis of 40 studies found no effect'],
    ['IT spending is ON track, and ALL teams are hiring NOW'],
    ['A new report says I should buy a car'],
    ['Leveraged fund TQQQ hit a record'],
    ['Share to Facebook'],
    ['Share on Twitter  Share to Facebook $FB'],
    ['Follow us on Facebook for more stories'],
    ['Valuation Gap Versus US Peers'],
    ['Apple picking season beats expectations of farmers'],
    ['Metal stocks sink as China PMI data raises demand concerns'],
    ['Bullish on tyres, says a fund manager'],
    ['Post RBI policy: bonds draw comfort from future guidance'],
  ])('%s -> nothing', (text) => {
    expect(symbolsIn(finder, text)).toEqual([]);
  });

  it('does not find QQQ inside TQQQ but does find QQQ on its own', () => {
    expect(symbolsIn(finder, 'Flows into TQQQ and SQQQ jumped')).not.toContain('QQQ');
    expect(symbolsIn(finder, 'Flows into QQQ jumped')).toEqual(['QQQ']);
  });

  it('accepts an ambiguous name when the same story names the company unambiguously', () => {
    expect(symbolsIn(finder, 'Apple was mentioned')).toEqual([]);
    const hits = finder.find(['Apple Inc reported on Thursday.', 'Apple was mentioned.']);
    expect(hits.find((h) => h.symbol === 'AAPL')?.mentions.length).toBe(2);
  });
});

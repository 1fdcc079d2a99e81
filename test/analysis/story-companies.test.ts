// Which companies a story is about: the right tickers, what each does in the story (subject,
// source, peer) and a relevance on the right side of the 0.3 alert floor. One row per case.
import { describe, expect, it } from 'vitest';
import type { MatchedMention, TickerMention } from '../../src/core/types.ts';
import { shippedAnalyzer } from './helpers.ts';

const analyzer = shippedAnalyzer();
const FLOOR = 0.3;

/** What a row expects of one ticker: its role, whether it clears the alert floor, and (for a source) a neutral sentiment. */
type Band = 'alerts' | 'below floor';
interface Expected {
  readonly role: MatchedMention['role'];
  readonly band: Band;
  readonly neutral?: boolean;
}

function tickersOf(title: string, body = ''): Map<string, TickerMention> {
  return new Map(analyzer.analyze({ title, body }).tickers.map((t) => [t.symbol, t]));
}

function check(
  title: string,
  body: string,
  expected: Readonly<Record<string, Expected>>,
  absent: readonly string[],
): void {
  const found = tickersOf(title, body);
  for (const [symbol, want] of Object.entries(expected)) {
    const t = found.get(symbol);
    expect(t, `${symbol} in ${title}`).toBeDefined();
    if (t === undefined) continue;
    expect(t.matched?.role, `${symbol} role`).toBe(want.role);
    if (want.band === 'alerts') expect(t.relevance, `${symbol} relevance`).toBeGreaterThanOrEqual(FLOOR);
    else expect(t.relevance, `${symbol} relevance`).toBeLessThan(FLOOR);
    if (want.neutral === true) expect(t.sentiment, `${symbol} sentiment`).toEqual({ score: 0, label: 'neutral' });
  }
  for (const symbol of absent) expect(found.has(symbol), `${symbol} must not be found in ${title}`).toBe(false);
}

const subject: Expected = { role: 'subject', band: 'alerts' };
const source: Expected = { role: 'source', band: 'below floor', neutral: true };
const peer: Expected = { role: 'peer', band: 'below floor' };

describe('the examples that broke the watchlist promise', () => {
  it.each([
    [
      'Analysts at Goldman Sachs said Boeing faces more delays to its 737 MAX deliveries',
      { BA: subject, GS: source },
      ['MAX'],
    ],
    ['Ford beats, GM misses', { F: subject, GM: subject }, []],
    ['GM misses estimates', { GM: subject }, []],
    ['Alphabet shares jump 6%', { GOOGL: subject }, ['GOOG']],
    ['Apple to pay $500M to settle lawsuit', { AAPL: subject }, []],
    ['JPMorgan downgrades Intel to underweight; shares slide 5%', { INTC: subject, JPM: source }, []],
  ] as const)('%s', (title, expected, absent) => {
    check(title, '', expected, absent);
  });

  it('reads "Nov 27, 2025" as a date and "Tim Cook" as a person', () => {
    check('Apple CEO Tim Cook to speak on Nov 27, 2025', '', { AAPL: subject }, ['NOV', 'TIMB']);
  });

  it("gives a broker the story's sentiment no more than its relevance", () => {
    const jpm = tickersOf('JPMorgan downgrades Intel to underweight; shares slide 5%').get('JPM');
    const intc = tickersOf('JPMorgan downgrades Intel to underweight; shares slide 5%').get('INTC');
    expect(jpm?.sentiment.label).toBe('neutral');
    expect(intc?.sentiment.score).toBeLessThan(-0.3);
  });
});

describe('subject, source and peer', () => {
  it.each([
    ['Morgan Stanley says Tesla beats delivery estimates', { TSLA: subject, MS: source }],
    ['Boeing, according to Reuters, will cut 10% of its workforce', { BA: subject }],
    ['Intel was downgraded to underweight at JPMorgan', { INTC: subject, JPM: source }],
    ['Nvidia-backed CoreWeave jumps in its market debut', { CRWV: subject }],
    ['Citigroup, JPMorgan and Wells Fargo beat estimates', { C: subject, JPM: subject, WFC: subject }],
    ['Tesla missed estimates, and rivals Ford and GM also cut forecasts', { TSLA: subject, F: peer, GM: peer }],
    ['Goldman Sachs raises its dividend after stress test', { GS: subject }],
    ['"Demand is slowing," said Goldman Sachs analyst Jane Doe', { GS: source }],
  ] as const)('%s', (title, expected) => {
    check(title, '', expected, []);
  });

  it('does not let an X-backed company take the story of the one it backs', () => {
    const found = tickersOf('Nvidia-backed CoreWeave jumps in its market debut');
    expect(found.get('NVDA')?.relevance ?? 0).toBeLessThan(FLOOR);
  });

  it('never treats a company that opens a sentence of the story as a passing mention', () => {
    check(
      'Sportswear makers cut forecasts',
      'Adidas shares fell 4% in Frankfurt after the company cut its outlook. Analysts expect more cuts across the sector. ' +
        'Retailers have been cautious about orders this season. Inventories are still high. Nike said on Tuesday it would cut 2% of its jobs.',
      { NKE: subject },
      [],
    );
  });
});

describe('symbols as people write them', () => {
  it.each([
    ['Johnson & Johnson <JNJ.N> raises its forecast', ['JNJ']],
    ['Amazon.com <AMZN.O> shares fell after hours', ['AMZN']],
    ['Vodafone <VOD.L> shares fell in London', ['VOD']],
    ['Tesco <TSCO.L> raises its profit outlook', []],
    ['Toyota <7203.T> recalls 1 million cars', ['TM']],
    ['Shares of Alibaba (NYSE: BABA) rose 3%', ['BABA']],
    ['Nasdaq-listed Nvidia hit a record', ['NVDA']],
    ['GM US Equity rose 2%', ['GM']],
    ['Traders bought $TSLA calls', ['TSLA']],
    ["Apple's iPhone sales fell in China", ['AAPL']],
    ["Google's ad revenue rose 10%", ['GOOGL']],
    ['Facebook owner faces EU fine', ['META']],
    ['Instagram adds new limits for teens', ['META']],
    ['Chase cuts credit card fees', ['JPM']],
    ['GM shares rose 3%', ['GM']],
    ["GM's Cruise unit halts robotaxis", ['GM']],
    ['Ford, GM and Stellantis face a strike', ['F', 'GM', 'STLA']],
    ['GE shares fall', ['GE']],
    ['MS downgrades INTC', ['INTC', 'MS']],
  ] as const)('%s -> %j', (title, expected) => {
    expect([...tickersOf(title).keys()].sort()).toEqual(expected);
  });

  it.each([
    ['IT spending rises, AI shares rally'],
    ['US shares fell as UK stocks rose'],
    ['AP reported the deal on Monday'],
    ['FT said the talks stalled'],
    ['ON track: ALL teams report NOW'],
  ])('keeps the common-word guards: %s -> nothing', (title) => {
    expect([...tickersOf(title).keys()]).toEqual([]);
  });
});

describe('no invented companies', () => {
  it.each([
    ['The Nasdaq rose 1% and the Dow fell'],
    ['The Nasdaq Composite rose 1%'],
    ['The Dow Jones Industrial Average fell 200 points'],
    ['The S&P 500 hit a record close'],
    ['S&P 500 futures slipped'],
    ['WTI crude rose 2% while Brent fell'],
    ['The deal is expected to close Mar 3, 2026'],
    ['Shares were flat on Nov 27, 2025'],
    ['737 MAX deliveries resume in March'],
    ['Samsung Galaxy S24 Ultra sales beat forecasts'],
    ['Tim Cook said demand was strong'],
    ['The plant adds 500 MW of capacity'],
    ['The dollar rose against the EUR and JPY'],
    ['Breaking News'],
    ['Market Wrap: Stocks close higher'],
    ['Follow us on Twitter for more'],
    ['Share this article on Facebook'],
  ])('%s -> nothing', (title) => {
    expect([...tickersOf(title).keys()]).toEqual([]);
  });

  it('reads the companies behind the index names when the text means them', () => {
    expect([...tickersOf('Nasdaq Inc shares rose after earnings').keys()]).toEqual(['NDAQ']);
    expect([...tickersOf('Dow Inc shares fell on weak demand').keys()]).toEqual(['DOW']);
  });

  it('finds the maker, not the model: "737 MAX" is Boeing, "iPhone 16 Pro" is Apple', () => {
    expect([...tickersOf('Boeing 737 MAX deliveries resume').keys()]).toEqual(['BA']);
    expect([...tickersOf('Apple unveils the iPhone 16 Pro').keys()]).toEqual(['AAPL']);
  });
});

describe('names news uses, roles by what a company does', () => {
  it.each([
    // Names without their generic last words, with a legal word, or as news writes SEC capitals.
    ['Royal Caribbean lifts its cruise outlook', { RCL: subject }, []],
    ['Hilton trims its full-year room forecast', { HLT: subject }, []],
    ['Southern Co. raises its power demand outlook', { SO: subject }, []],
    ['Williams-Sonoma beats on furniture demand', { WSM: subject }, []],
    ["Kohl's to close 30 stores", { KSS: subject }, []],
    // A word that is a name counts when the company acts or sits in a list with one.
    ['Oracle signs a cloud contract with a chip startup', { ORCL: subject }, []],
    ['Delta, United and American Airlines add transatlantic flights', { DAL: subject, UAL: subject, AAL: subject }, []],
    // Short symbols that are words, in company context only.
    ['PM beats on heated tobacco sales', { PM: subject }, []],
    ['GM, F fall after the tariff ruling', { GM: subject, F: subject }, []],
    // The backer is named in passing; a broker acting through its desk is the source.
    ['Nvidia-backed CoreWeave raises $2 billion', { NVDA: peer, CRWV: subject }, []],
    ['Evercore ISI upgrades Nike to outperform', { NKE: subject, EVR: source }, []],
    ['Nike cut to neutral at Citi on China weakness', { NKE: subject, C: source }, []],
    // Peers by comparison.
    ['Costco grows sales faster than Walmart and Target', { COST: subject, WMT: peer, TGT: peer }, []],
    ['Lyft shares slide; Uber falls in sympathy', { LYFT: subject, UBER: peer }, []],
    // A company closing its own sentence as the speaker is its subject.
    ['New Surface laptops ship in March, Microsoft says', { MSFT: subject }, []],
  ] as const)('%s', (title, expected, absent) => {
    check(title, '', expected, absent);
  });

  it('reads a company the body adds "also" or "in sympathy" as a peer of the one named before', () => {
    check(
      'Lennar misses on margins',
      'Lennar said incentives rose. KB Home has also cut prices.',
      { LEN: subject, KBH: peer },
      [],
    );
  });

  it('keeps a broker quoted in the title as the source when the body quotes it again', () => {
    check(
      'Nike cut to neutral at Citi',
      'Citi said the sportswear maker faces weaker demand in China.',
      { NKE: subject, C: source },
      [],
    );
  });

  it('does not read a time as Philip Morris', () => {
    expect(tickersOf('Markets close at 4 PM on Friday').has('PM')).toBe(false);
  });
});

describe('companies beyond the best-known listings, and names as news writes them', () => {
  it.each([
    // A lesser-known company's one-word name, with a market word right beside it (after or before).
    ['Daktronics shares jump after raising its outlook', { DAKT: subject }, []],
    ['Shares of Xperi fall 9% after licensing revenue disappoints', { XPER: subject }, []],
    ['Zumiez, Inc. reports third-quarter results', { ZUMZ: subject }, []],
    ['Culp posts a narrower loss', { CULP: subject }, []],
    // ... or in a list with a company found.
    ['Arvinas and Pfizer report mixed data for a breast cancer drug', { ARVN: subject, PFE: subject }, []],
    // Its full name, the name without the generic last word, "Pharma", the first two words of a long name.
    ['Tandem Diabetes Care recalls some insulin pump batteries', { TNDM: subject }, []],
    ['Corbus Pharma stock soars on trial data', { CRBP: subject }, []],
    ['Sunstone Hotel raises its quarterly dividend', { SHO: subject }, []],
    ["Papa John's explores a sale", { PZZA: subject }, []],
    // Names the SEC writes in capitals, as news writes them.
    ['AECOM wins a highway design contract', { ACM: subject }, []],
    ['DaVita cuts its profit forecast', { DVA: subject }, []],
    ['SeaChange reports a wider quarterly loss', { SEAC: subject }, []],
    ['Destination XL Group names a new chief executive', { DXLG: subject }, []],
    // A best-known company whose name is an ordinary word, beside a market word.
    ['Toast shares jump on a raised outlook', { TOST: subject }, []],
    ['Dover raises its earnings guidance', { DOV: subject }, []],
    // A two-letter symbol as the object of a sentence that names another company.
    ['Barclays sees Toyota outselling GM as hybrids gain', { TM: subject, GM: subject, BCS: source }, []],
    // A broker's view, event or credit is the source, the company it is about the subject.
    ['JPMorgan constructive on Kraft Heinz', { KHC: subject, JPM: source }, []],
    ['Uber, Lyft can raise prices - Barclays', { UBER: subject, LYFT: subject, BCS: source }, []],
    ['Texas Instruments presents at the UBS Global Technology Conference', { TXN: subject, UBS: source }, []],
    // The same words as ordinary words are no company.
    ['Waters recede across the Midwest', {}, ['WAT']],
    ['Crane collapse halts work at the port', {}, ['CR']],
    ['Pool party: why small caps could rally into year-end', {}, ['POOL']],
    ['Toast to the bull market, strategists say', {}, ['TOST']],
    ['After A Big Gain, Deere Looks Expensive', { DE: subject }, ['GANX']],
    ['Pfizer drug for MS patients wins approval in Europe', { PFE: subject }, ['MS']],
  ] as const)('%s', (title, expected, absent) => {
    check(title, '', expected, absent);
  });
});

describe('every finding says why', () => {
  it.each([
    [
      'Analysts at Goldman Sachs said Boeing faces more delays',
      'BA',
      { text: 'Boeing', rule: 'company name', role: 'subject' },
    ],
    [
      'Analysts at Goldman Sachs said Boeing faces more delays',
      'GS',
      { text: 'Goldman Sachs', rule: 'company name', role: 'source' },
    ],
    [
      'Apple to pay $500M to settle lawsuit',
      'AAPL',
      { text: 'Apple', rule: 'name beside market words', role: 'subject' },
    ],
    ['GM misses estimates', 'GM', { text: 'GM', rule: 'short symbol before a market word', role: 'subject' }],
    [
      'Ford, GM and Stellantis face a strike',
      'GM',
      { text: 'GM', rule: 'short symbol in a list of companies', role: 'subject' },
    ],
    [
      'Johnson & Johnson <JNJ.N> raises its forecast',
      'JNJ',
      { text: '<JNJ.N>', rule: 'Reuters code', role: 'subject' },
    ],
    ['Traders bought $TSLA calls', 'TSLA', { text: '$TSLA', rule: 'cashtag', role: 'subject' }],
    ['Shares of (NYSE: BABA) rose 3%', 'BABA', { text: 'NYSE: BABA', rule: 'exchange prefix', role: 'subject' }],
    ['GM US Equity rose 2%', 'GM', { text: 'GM US Equity', rule: 'Bloomberg code', role: 'subject' }],
    ['Flows into QQQ jumped', 'QQQ', { text: 'QQQ', rule: 'upper-case symbol', role: 'subject' }],
    [
      'Daktronics shares jump',
      'DAKT',
      { text: 'Daktronics', rule: 'lesser-known name beside a market word', role: 'subject' },
    ],
    [
      'Barclays sees Toyota outselling GM as hybrids gain',
      'GM',
      { text: 'GM', rule: 'short symbol beside a company named', role: 'subject' },
    ],
  ] as const)('%s: %s', (title, symbol, found) => {
    const explained = analyzer.analyze({ title, body: '' }).tickerEvidence?.find((t) => t.symbol === symbol);
    expect(explained?.found).toContainEqual(found);
  });
});

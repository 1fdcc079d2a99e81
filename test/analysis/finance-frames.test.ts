import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labelFor } from '../../src/core/sentiment/label.ts';
import { entityViews, findNameSpans } from '../../src/core/sentiment/entity-text.ts';
import { FINANCE_FRAMES, FRAME_PRIORS, detectFrames, frameFeatures } from '../../src/core/sentiment/frames.ts';
import { shippedAnalyzer, shippedScorer } from './helpers.ts';

// How a trader reads each construction of financial text (frames.ts), its negation and a contrast
// that turns it round. `lean`: 'positive' / 'negative' are the label's side; 'not positive' and
// 'not negative' allow neutral as well (a negated event is not always news the other way).
type Lean = 'positive' | 'negative' | 'neutral' | 'not positive' | 'not negative';

const scorer = shippedScorer();
const side = (score: number): 'positive' | 'negative' | 'neutral' => {
  const label = labelFor(score);
  return label === 'neutral' ? 'neutral' : label.endsWith('bullish') ? 'positive' : 'negative';
};
const fits = (lean: Lean, got: ReturnType<typeof side>): boolean =>
  lean === 'not positive' ? got !== 'positive' : lean === 'not negative' ? got !== 'negative' : got === lean;

const cases: ReadonlyArray<readonly [construction: string, text: string, lean: Lean]> = [
  // Metric x direction x polarity.
  ['metric up', 'Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period', 'positive'],
  ['metric up, negated', 'Operating profit did not rise in the corresponding period', 'not positive'],
  [
    'metric up, contrasted',
    'Operating profit rose to EUR 13.1 mn from EUR 8.7 mn, but the company cut its outlook for the year',
    'negative',
  ],
  ['metric down', 'Net sales decreased by 5% to EUR 220 million', 'negative'],
  // "net" alone is net profit in results headlines.
  ['net up', 'Kestrel Q3 net up 40% at Rs 228 crore', 'positive'],
  ['net up, negated', 'Kestrel Q3 net did not rise in the quarter', 'not positive'],
  ['net up, contrasted', 'Kestrel Q3 net up 4%, but the company cut its full-year outlook', 'negative'],
  ['net down', 'Kestrel Q4 net falls 30% to Rs 41 crore', 'negative'],
  ['profit doubles', 'Kestrel quarterly profit doubles to EUR 40 mn', 'positive'],
  ['metric down, negated', 'Net sales did not decrease in the quarter', 'not negative'],
  [
    'metric down, contrasted',
    'Net sales slipped 2%, but operating profit rose to EUR 30 mn from EUR 21 mn',
    'positive',
  ],
  ['loss narrowed', 'The net loss narrowed to EUR 2.1 mn from EUR 5.3 mn', 'positive'],
  ['loss narrowed, negated', 'The net loss did not narrow as the company had hoped', 'not positive'],
  ['loss narrowed, contrasted', 'The net loss narrowed, but revenue fell 12% to EUR 40 mn', 'negative'],
  ['margin widened', 'Gross margin widened to 41% from 38%', 'positive'],
  ['debt reduced', 'The company reduced its net debt by EUR 40 mn', 'positive'],
  ['costs up', 'Operating costs rose 8% in the quarter', 'negative'],
  ['impairments up', 'Impairments increased to EUR 12 mn from EUR 3 mn', 'negative'],
  // Direction carried by the numbers.
  ['from Y to X', 'Revenue went from EUR 5.2 mn to EUR 7.9 mn', 'positive'],
  ['N% higher than', 'Order intake was 14% higher than a year earlier', 'positive'],
  ['down N%', 'Deliveries were down 12% on the year', 'negative'],
  // Expectations and guidance.
  ['beat', 'Kestrel beats analyst estimates for the quarter', 'positive'],
  ['beat, negated', 'Kestrel failed to beat analyst estimates', 'not positive'],
  ['fall short', 'Quarterly revenue fell short of expectations', 'negative'],
  ['guidance withdrawn', 'The company withdrew its full-year outlook', 'negative'],
  ['guidance reaffirmed', 'The company reaffirmed its full-year guidance', 'not negative'],
  ['profit warning', 'Harlow Freight issues profit warning as volumes dry up', 'negative'],
  // Capital and corporate events.
  ['dividend cut', 'The company suspended its dividend', 'negative'],
  ['dividend cancelled', 'Kestrel cancels its dividend', 'negative'],
  ['dividend scrapped, negated', 'Kestrel did not scrap its dividend', 'not negative'],
  [
    'dividend scrapped, contrasted',
    'Kestrel scrapped its dividend, but net profit rose to EUR 80 mn from EUR 52 mn',
    'positive',
  ],
  [
    'dividend cut, contrasted',
    'The company suspended its dividend, but net profit rose to EUR 80 mn from EUR 52 mn',
    'positive',
  ],
  ['layoffs', 'The company will cut 2,000 jobs as demand weakens', 'negative'],
  ['bankruptcy', 'The retailer filed for Chapter 11 bankruptcy protection', 'negative'],
  ['takeover premium', 'Rival offers to buy the company at a 35% premium', 'positive'],
  // Legal and regulatory events: fine the noun, not the adjective.
  ['fine', 'Meta hit with record $1.3 billion EU privacy fine', 'negative'],
  ['fine, negated', 'Meta avoids EU privacy fine as regulator closes case', 'not negative'],
  ['fine, contrasted', 'Meta was fined EUR 20 mn, but quarterly revenue rose 25% to a record', 'positive'],
  ['fine, the adjective', 'Analysts said the quarter was fine', 'not negative'],
  ['settlement', 'Apple to pay $500M to settle lawsuit', 'negative'],
  ['lawsuit dismissed', 'Court dismisses lawsuit against Apple', 'positive'],
  ['lawsuit dismissed, as a headline', 'Kestrel lawsuit dismissed', 'positive'],
  ['fraud or scandal', 'Kestrel CEO resigns amid accounting scandal', 'negative'],
  ['fraud or scandal, negated', 'Kestrel cleared of fraud allegations', 'not negative'],
  [
    'fraud or scandal, contrasted',
    'Kestrel was hit by a fraud scandal, but quarterly revenue rose 25% to a record',
    'positive',
  ],
  // Setbacks at another's hands: rejected, blocked, lost, a warning letter.
  ['application rejected', "Regulators reject Kestrel's drug application", 'negative'],
  ['application rejected, negated', "Regulators did not reject Kestrel's drug application", 'not negative'],
  [
    'contract lost, contrasted',
    'Kestrel lost a key supply contract, but full-year operating profit rose to EUR 80 mn from EUR 52 mn',
    'positive',
  ],
  ['customer lost', 'Kestrel loses its biggest customer to a rival', 'negative'],
  ['warning letter', 'Kestrel receives FDA warning letter over plant hygiene', 'negative'],
  ['probe', 'Regulator opens probe into the bank over loan sales', 'negative'],
  ['recall', 'The automaker recalls 500,000 vehicles over brake faults', 'negative'],
  ['approval', "FDA approves the company's new diabetes drug", 'positive'],
  ['approval, negated', "FDA has not approved the company's new diabetes drug", 'not positive'],
  ['buyback', 'The board approved a EUR 500 mn share buyback', 'positive'],
];

// Read wrong by the shipped model: the frame fires the right way (see the frame tests below), but
// words the training data reads as neutral (figures, "compared with", "but") outweigh it. Kept
// here so a model that reads them right turns these red and they move up into `cases`.
const knownMisreads: ReadonlyArray<readonly [construction: string, text: string, lean: Lean]> = [
  ['compared with, lower', 'Operating profit was EUR 8.7 mn, compared with EUR 13.1 mn a year earlier', 'negative'],
  [
    'compared with, higher',
    'Operating profit totalled EUR 13.1 mn, compared with EUR 8.7 mn a year earlier',
    'positive',
  ],
  ['beat, contrasted', 'Kestrel beats estimates but cuts full-year guidance', 'negative'],
];

describe('finance constructions, as a trader reads them', () => {
  it.each(cases)('%s: %s -> %s', (_, text, lean) => {
    const { score } = scorer(text);
    expect(fits(lean, side(score)), `${text}: ${score}`).toBe(true);
  });

  it.fails.each(knownMisreads)('known misread, %s: %s -> %s', (_, text, lean) => {
    expect(fits(lean, side(scorer(text).score))).toBe(true);
  });

  // A broker's call on the company, as market commentary writes it: read for the company it names.
  it.each([
    ['Buy Nvidia with a target of $180: strategist', 'NVDA', 'positive'],
    ['Nvidia is a strong buy: strategist', 'NVDA', 'positive'],
    ['Do not buy Nvidia at these levels: strategist', 'NVDA', 'not positive'],
    ['Sell Intel with a target of $18: strategist', 'INTC', 'negative'],
    ['Go short on Intel: strategist', 'INTC', 'negative'],
    ['Sell Intel, but the strategist raised the price target to $40', 'INTC', 'positive'],
    ["Regulators reject Pfizer's drug application", 'PFE', 'negative'],
  ] as const)('per company: %s -> %s %s', (title, symbol, lean) => {
    const ticker = shippedAnalyzer()
      .analyze({ title, body: '' })
      .tickers.find((t) => t.symbol === symbol);
    expect(ticker, `${symbol} found in ${title}`).toBeDefined();
    expect(fits(lean, side(ticker?.sentiment.score ?? 0)), `${title}: ${ticker?.sentiment.score}`).toBe(true);
  });

  it("the analyst's rated company carries the sentiment, the broker none", () => {
    const tickers = shippedAnalyzer().analyze({ title: 'JPMorgan downgrades Intel', body: '' }).tickers;
    const intc = tickers.find((t) => t.symbol === 'INTC');
    expect(intc?.sentiment.label).toMatch(/bearish/);
    expect(tickers.find((t) => t.symbol === 'JPM')?.sentiment.label ?? 'neutral').toBe('neutral');
  });

  it('explains the Why examples with the finance frames that moved them', () => {
    const rules = (t: string): Array<string | null> => scorer.explain(t).map((e) => e.rule);
    expect(rules('Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period')).toContain(
      'good-metric-up',
    );
    expect(rules('Meta hit with record $1.3 billion EU privacy fine')).toContain('fine');
    expect(rules('Apple to pay $500M to settle lawsuit')).toContain('pays-to-settle');
  });
});

describe('finance frames: what fires, and which way', () => {
  const read = (t: string): string[] =>
    detectFrames(t.toLowerCase()).map((h) => `${h.name}${h.polarity > 0 ? '+' : h.polarity < 0 ? '-' : '0'}`);
  it.each([
    ['Net loss narrowed to EUR 2 mn from EUR 5 mn', 'bad-metric-down+'],
    ['Net loss widened to EUR 5 mn from EUR 2 mn', 'bad-metric-up-'],
    ['Operating profit was EUR 8.7 mn, compared with EUR 13.1 mn', 'good-metric-compared-'],
    ['Costs fell from EUR 9 mn to EUR 7 mn', 'bad-metric-from-to+'],
    ['Operating profit did not rise', 'good-metric-up-'],
    ['Regulators dropped the probe into the bank', 'probe+'],
    ['_ent_ downgrades _oth_ to sell', 'acts-on-other0'],
    [' _ent_  q3 net up 40% at rs 228 crore', 'good-metric-up+'],
    ['net loss rose to eur 3 mn', 'bad-metric-up-'],
    ['buy  _ent_  with a target of rs 400: analyst', 'analyst-positive+'],
    [' _ent_  is a sell: analyst', 'analyst-negative-'],
    ["regulators reject  _ent_ 's application", 'setback-'],
  ])('%s -> %s', (text, expected) => {
    expect(read(text)).toContain(expected);
  });

  it('reads "net" as net profit only where no bad metric or flow follows it', () => {
    expect(read('net loss rose to eur 3 mn')).not.toContain('good-metric-up+');
    expect(read('fii net selling rose sharply')).toEqual([]);
    expect(read('net charge-offs fell to 2.1%')).not.toContain('good-metric-down-');
  });

  it('reads a sale of the company as no sell call', () => {
    expect(read('tata to sell  _ent_  to a rival')).toEqual([]);
  });

  it('gives a frame read the other way a key of its own, leaning the other way before training', () => {
    const [hit] = frameFeatures('operating profit was eur 8.7 mn, compared with eur 13.1 mn');
    expect(hit).toMatchObject({ key: 'f:~good-metric-compared', value: 1, shared: 'f:-' });
    const prior = FRAME_PRIORS['f:~good-metric-compared'];
    expect(prior?.[0]).toBeGreaterThan(prior?.[2] ?? 0);
    expect(frameFeatures('operating profit rose 5%')[0]?.key).toBe('f:good-metric-up');
  });

  it('reads "fine" as a penalty only where it is the noun', () => {
    expect(read('We had a fine quarter')).toEqual([]);
    expect(read('The regulator imposed a fine of EUR 3 mn')).toContain('fine-');
  });

  it('discounts a frame before "but" and inside a conceded clause', () => {
    const [before] = detectFrames('sales rose 5%, but costs rose 9%');
    expect(before?.factor).toBeLessThan(1);
    const conceded = detectFrames('despite weaker sales, operating profit rose').find(
      (h) => h.name === 'good-metric-down',
    );
    expect(conceded?.factor).toBeLessThan(1);
  });
});

// One company acting on another: the story is about the one acted on. Read through the analyzer,
// per ticker, and through the entity view the scorer reads (frames see the view's text as built).
describe('finance frames: a company acting on another', () => {
  const perTicker = (title: string): Map<string, number> =>
    new Map(
      shippedAnalyzer()
        .analyze({ title, body: '' })
        .tickers.map((t) => [t.symbol, t.sentiment.score]),
    );
  it.each([
    ['JPMorgan downgrades Intel to underweight; shares slide 5%', 'INTC', 'negative'],
    ['JPMorgan downgrades Intel to underweight; shares slide 5%', 'JPM', 'neutral'],
    ['Goldman upgrades Boeing', 'BA', 'positive'],
    ['Goldman upgrades Boeing', 'GS', 'neutral'],
    ['EU fines Meta $1.3 billion', 'META', 'negative'],
    ['Meta fined $1.3 billion by EU regulators', 'META', 'negative'],
    ['Meta was fined by the EU over data transfers', 'META', 'negative'],
    ['EU drops probe into Meta Platforms', 'META', 'not negative'],
    ['Pfizer sues Moderna over vaccine patents', 'MRNA', 'negative'],
    ['Pfizer sues Moderna over vaccine patents', 'PFE', 'not negative'],
    ['Moderna sued by Pfizer over vaccine patents', 'MRNA', 'negative'],
    ['Pfizer loses patent case to Moderna', 'PFE', 'negative'],
    ['Pfizer loses patent case to Moderna', 'MRNA', 'not negative'],
    ['Moderna loses patent case to Pfizer', 'MRNA', 'negative'],
    ['Moderna loses patent case to Pfizer', 'PFE', 'not negative'],
  ] as const)('%s -> %s %s', (title, symbol, lean) => {
    const score = perTicker(title).get(symbol);
    expect(score, `${symbol} found in ${title}`).toBeDefined();
    expect(fits(lean, side(score ?? 0)), `${title}: ${symbol} ${score}`).toBe(true);
  });

  // The frame reads Pfizer as acting (see below), but the words "sued" and "sued by" still lean
  // negative for whoever is next to them and outweigh it.
  it.fails('known misread: Moderna sued by Pfizer over vaccine patents -> PFE not negative', () => {
    const score = perTicker('Moderna sued by Pfizer over vaccine patents').get('PFE') ?? 0;
    expect(fits('not negative', side(score))).toBe(true);
  });

  const inView = (sentence: string, judged: string, other: string): string[] => {
    const mention = (key: string) => findNameSpans(sentence, key).map((span) => ({ key, span }));
    const text = entityViews(sentence, [...mention(judged), ...mention(other)]).get(judged)?.text ?? '';
    return detectFrames(text.toLowerCase()).map((h) => `${h.name}${h.polarity > 0 ? '+' : h.polarity < 0 ? '-' : '0'}`);
  };
  it.each([
    ['Pfizer sues Moderna over vaccine patents', 'Pfizer', 'Moderna', 'acts-on-other0'],
    ['Pfizer sues Moderna over vaccine patents', 'Moderna', 'Pfizer', 'lawsuit-'],
    ['Pfizer files a lawsuit against Moderna', 'Pfizer', 'Moderna', 'acts-on-other0'],
    ['Moderna sued by Pfizer', 'Pfizer', 'Moderna', 'acts-on-other0'],
    ['Moderna sued by Pfizer', 'Moderna', 'Pfizer', 'lawsuit-'],
    ['Apple fined by EU, Google says', 'Apple', 'Google', 'fine-'],
    ['Apple was fined, Google says', 'Apple', 'Google', 'fine-'],
    ['Apple, fined on Tuesday, trails Google', 'Apple', 'Google', 'fine-'],
    ['Apple faces a probe as Google grows', 'Apple', 'Google', 'probe-'],
    ['Moderna loses patent case to Pfizer', 'Moderna', 'Pfizer', 'setback-'],
    ['Moderna loses patent case to Pfizer', 'Pfizer', 'Moderna', 'setback+'],
  ])('%s, read for %s -> %s', (sentence, judged, other, expected) => {
    expect(inView(sentence, judged, other)).toContain(expected);
  });

  it('reads a passive act as done to the company, not by it', () => {
    expect(inView('Apple fined by EU, Google says', 'Apple', 'Google')).not.toContain('acts-on-other0');
    expect(inView('Moderna sued by Pfizer', 'Moderna', 'Pfizer')).not.toContain('acts-on-other0');
  });
});

describe('finance frames: lead words', () => {
  // The scorer searches a frame with lead words only from the first of them (FinanceFrame.leads), so
  // a match that started anywhere else would be missed there and found by the named features.
  const own = ['sentiment-a.jsonl', 'sentiment-b.jsonl'].flatMap((f) =>
    readFileSync(new URL(`../../labelled/own/${f}`, import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => (JSON.parse(l) as { text: string }).text),
  );
  const sample = JSON.parse(readFileSync(new URL('../fixtures/sentiment-sample.json', import.meta.url), 'utf8')) as {
    sentfin: Array<{ full: string; text: string }>;
    twitter: Array<{ full: string }>;
  };
  const edges = [
    'Pre-tax profit rose 4%',
    'Q3 margin widened to 12%',
    '_ent_ margins improved',
    '3.5 margin rose',
    'Write-downs fell sharply',
    'The group paid down its debt',
    'Higher quarterly net sales',
    'Record free cash flow of EUR 3 mn compared with EUR 2 mn',
    'Weaker demand hit sales',
    'Costs fell from EUR 9 mn to EUR 7 mn',
  ];
  const texts = [
    ...edges,
    ...own,
    ...sample.sentfin.flatMap((e) => [e.full, e.text]),
    ...sample.twitter.map((e) => e.full),
  ].map((t) => t.toLowerCase());
  const leading = FINANCE_FRAMES.filter((f) => f.leads !== undefined);

  it.each(leading.map((f) => [f.name, f] as const))(
    '%s: every match starts at a lead word or a word before a leadsBefore word',
    (_, frame) => {
      const leads = new Set(frame.leads);
      const before = new Set(frame.leadsBefore ?? []);
      let matched = 0;
      for (const text of texts) {
        const m = frame.pattern.exec(text);
        if (m === null) continue;
        matched++;
        const first = /^[a-z]*/.exec(text.slice(m.index))?.[0] ?? '';
        const next = /^\w+ ([a-z]+)/.exec(text.slice(m.index))?.[1] ?? '';
        expect(
          leads.has(first) || before.has(next),
          `${frame.name} at "${text.slice(m.index, m.index + 30)}" in: ${text}`,
        ).toBe(true);
      }
      expect(matched, 'texts the frame fires on').toBeGreaterThan(0);
    },
  );
});

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeArticle } from '../../src/core/normalize.ts';
import { entityViews, findNameSpans } from '../../src/core/sentiment/entity-text.ts';
import { NAME_PREFIX } from '../../src/core/sentiment/features.ts';
import { loadSentimentModel } from '../../src/data/load.ts';
import { parseArticleFile } from '../../src/sources/parse-file.ts';
import { shippedAnalyzer, shippedScorer } from './helpers.ts';

const analyzer = shippedAnalyzer();
const tick = (title: string, body = '') => analyzer.analyze({ title, body }).tickers;

describe('entity clauses', () => {
  const spans = (sentence: string, names: readonly string[]) =>
    names.flatMap((name) => findNameSpans(sentence, name).map((span) => ({ key: name, span })));

  it('reads the judged company as _ent_ and the others as _oth_', () => {
    const s = 'Rupee falls 32 paise against dollar';
    const views = entityViews(s, spans(s, ['Rupee', 'dollar']));
    expect(views.get('dollar')?.text.trim()).toBe('_oth_  falls 32 paise against  _ent_');
    expect(views.get('Rupee')?.text.trim()).toBe('_ent_  falls 32 paise against  _oth_');
    expect(views.get('dollar')?.tokens).toEqual(['_oth_', 'falls', '_num_', 'paise', 'against', '_ent_']);
  });

  it('names the company by the last word of its first mention as written, and a cashtag by none', () => {
    const name = (s: string, key: string, span: { start: number; end: number }) =>
      entityViews(s, [{ key, span }]).get(key)?.name;
    const at = (s: string, w: string) => ({ start: s.indexOf(w), end: s.indexOf(w) + w.length });
    let s = 'Tata Motors shares rise 4%';
    expect(name(s, 'TTM', at(s, 'Tata Motors'))).toBe('motors');
    s = "Reliance's profit beats estimates";
    expect(name(s, 'RIL', at(s, 'Reliance'))).toBe('reliance');
    s = '$BABA jumps after earnings';
    expect(name(s, 'BABA', at(s, '$BABA'))).toBeNull();
    s = 'ICICI Bank and HDFC Bank rise; HDFC Bank leads';
    const views = entityViews(s, [
      { key: 'IBN', span: at(s, 'ICICI Bank') },
      { key: 'HDB', span: at(s, 'HDFC Bank') },
    ]);
    expect([views.get('IBN')?.name, views.get('HDB')?.name]).toEqual(['bank', 'bank']);
  });

  it('reads the company acting on another as neutral whatever its name, and a quoted broker as more likely neutral than an unknown name', () => {
    const scorer = shippedScorer();
    const neutral = (s: string, names: readonly string[], judged: string) =>
      scorer.sentence(s, spans(s, names)).entities.get(judged)?.probs[1] ?? Number.NaN;
    // The act is read from the sentence (acts-on-other), not learned from the regulator's name.
    for (const actor of ['SEBI', 'Zorblax']) {
      const s = `${actor} fines Zee Entertainment`;
      expect(neutral(s, [actor, 'Zee Entertainment'], actor)).toBeGreaterThan(0.9);
      expect(neutral(s, [actor, 'Zee Entertainment'], 'Zee Entertainment')).toBeLessThan(0.5);
    }
    expect(
      neutral('Buy Tata Motors; target Rs 500: Sharekhan', ['Tata Motors', 'Sharekhan'], 'Sharekhan'),
    ).toBeGreaterThan(neutral('Buy Tata Motors; target Rs 500: Zorblax', ['Tata Motors', 'Zorblax'], 'Zorblax') + 0.1);
  });

  it('never lets a company name decide which way the news leans: name words carry neutral weight only', () => {
    const names = Object.entries(loadSentimentModel().weights).filter(([k]) => k.startsWith(NAME_PREFIX));
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter(([, w]) => w[0] !== 0 || w[2] !== 0)).toEqual([]);
  });

  it('does not split a clause at a thousands separator', () => {
    const s = 'HUDCO raises Rs 2,185 crore from bonds, Nifty slips';
    expect(entityViews(s, spans(s, ['HUDCO'])).get('HUDCO')?.text).toContain('Rs 2,185 crore from bonds');
  });
});

describe('per-ticker sentiment and relevance', () => {
  it('gives each company the clause about it: "A beats, B misses"', () => {
    const t = tick('Microsoft beats estimates, Intel misses');
    expect(t.find((x) => x.symbol === 'MSFT')?.sentiment.score).toBeGreaterThan(0.15);
    expect(t.find((x) => x.symbol === 'INTC')?.sentiment.score).toBeLessThan(-0.15);
  });

  it('tells the company it judges from the one beside it in the same clause, most of the time', () => {
    // Headlines where one company gains at another's expense, in one clause. A linear model over
    // words reads most of them, not all ("takes market share from", "trails" are rare in the
    // training news); the floor is set from what the shipped model measured here (4 of 6, mean gap
    // 0.43), and the model before side and near-word features failed it (3 of 6, mean gap 0.25).
    const cases = [
      ['Nvidia outperforms Intel in data center sales', 'NVDA', 'INTC'],
      ['AMD takes market share from Intel', 'AMD', 'INTC'],
      ['Tesla outsells Ford in electric vehicles', 'TSLA', 'F'],
      ['Walmart beats Target on holiday sales', 'WMT', 'TGT'],
      ['Intel trails AMD in server chips', 'AMD', 'INTC'],
      ['Netflix adds subscribers while Disney loses them', 'NFLX', 'DIS'],
    ] as const;
    const gaps = cases.map(([title, winner, loser]) => {
      const t = tick(title);
      const w = t.find((x) => x.symbol === winner)?.sentiment.score ?? Number.NaN;
      const l = t.find((x) => x.symbol === loser)?.sentiment.score ?? Number.NaN;
      return w - l;
    });
    expect(gaps.every(Number.isFinite)).toBe(true);
    expect(gaps.filter((g) => g > 0.15).length).toBeGreaterThanOrEqual(4);
    expect(gaps.reduce((a, b) => a + b, 0) / gaps.length).toBeGreaterThan(0.3);
  });

  it('finds a company named by an ambiguous word when the sentence talks earnings', () => {
    const t = tick('Oracle beats estimates, Adobe misses');
    expect(t.find((x) => x.symbol === 'ORCL')?.sentiment.score).toBeGreaterThan(0.15);
    expect(t.find((x) => x.symbol === 'ADBE')?.sentiment.score).toBeLessThan(-0.15);
  });

  it('keeps a contrast inside one company\'s clauses: "beats estimates but cuts guidance" is not bullish', () => {
    const a = analyzer.analyze({ title: 'Nike beats estimates but cuts guidance', body: '' });
    const nke = a.tickers.find((x) => x.symbol === 'NKE');
    expect(nke?.sentiment.score).toBeLessThan(0.15);
    expect(a.tickerEvidence?.find((e) => e.symbol === 'NKE')?.clauses.join(' ')).toContain(' but ');
  });

  it('keeps a sentence-level reading when only one company is named', () => {
    const [t] = tick('Tesla misses estimates; shares plunge');
    expect(t?.symbol).toBe('TSLA');
    expect(t?.sentiment.label).toBe('bearish');
  });

  it('ranks the subject above a bank quoted as a source', () => {
    const t = tick(
      'Nike shares slump after weak forecast',
      'Nike cut its outlook for the year. "Demand is soft," analysts at Goldman Sachs said in a note. Nike shares fell 6%.',
    );
    const nike = t.find((x) => x.symbol === 'NKE');
    const gs = t.find((x) => x.symbol === 'GS');
    expect(nike?.relevance).toBeGreaterThan(0.8);
    expect(gs?.relevance).toBeLessThanOrEqual(0.3);
  });

  it('keeps competitors in a list below the company the story is about', () => {
    const t = tick(
      'Shopify posts record quarter',
      'Shopify grew revenue 25%. It competes with rivals such as Amazon, Walmart and eBay for merchants.',
    );
    expect(t[0]?.symbol).toBe('SHOP');
    for (const s of ['AMZN', 'WMT']) expect(t.find((x) => x.symbol === s)?.relevance ?? 0).toBeLessThanOrEqual(0.3);
  });

  it('finds BABA with high relevance in every seed article', () => {
    const dir = new URL('../../seeds/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const [raw] = parseArticleFile(f, readFileSync(new URL(f, dir), 'utf8'), 'seeds').articles;
      if (raw === undefined) throw new Error(`${f} did not parse`);
      const normalized = normalizeArticle(raw);
      if (!normalized.ok) throw new Error(`${f} did not normalize`);
      const { title, body } = normalized.value.article;
      const baba = analyzer.analyze({ title, body }).tickers.find((x) => x.symbol === 'BABA');
      expect(baba?.relevance, f).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('reads a one-line article once when its line is both title and body', () => {
    const line = 'Microsoft beats estimates, Intel misses';
    const once = analyzer.analyze({ title: line, body: '' });
    const twice = analyzer.analyze({ title: line, body: line });
    expect(twice.tickers).toEqual(once.tickers);
    expect(twice.sentiment).toEqual(once.sentiment);
    expect(twice.tickerEvidence?.find((e) => e.symbol === 'INTC')?.clauses).toHaveLength(1);
  });

  it('explains each ticker with its clauses and evidence', () => {
    const a = analyzer.analyze({ title: 'Microsoft beats estimates, Intel misses', body: '' });
    const intc = a.tickerEvidence?.find((e) => e.symbol === 'INTC');
    expect(intc?.clauses.join(' ')).toContain('misses');
    expect(intc?.clauses.join(' ')).not.toContain('beats');
    expect(intc?.evidence.some((e) => e.weight < 0)).toBe(true);
  });
});

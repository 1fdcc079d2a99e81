// Turns text into the sparse features the sentiment model weighs: words and word pairs
// (with negation scope marked), named finance phrase rules, and lexicon sums from AFINN-165
// (the `sentiment` package's table) and a finance-news AFINN variant. Training and scoring
// both call this, so what the model learned is exactly what it sees.
import { BREAK_TOKENS, ENTITY_TOKEN, TICKER_TOKEN, featureTokens } from '../text/tokens.ts';
import { CONTRAST_DISCOUNT, DISCOUNT } from './discounts.ts';
import { POLARITY_FEATURE, describeFrame, frameFeatures, negatedAround, type PolarHit } from './frames.ts';
import { matchRules } from './rules.ts';

export { CONTRAST_DISCOUNT, DISCOUNT };

export interface Lexicons {
  /** AFINN-165 as shipped by the `sentiment` package, -5..5. */
  readonly afinn: ReadonlyMap<string, number>;
  /** Finance-news valence, -5..5 (overrides AFINN where market news uses a word differently). */
  readonly finance: ReadonlyMap<string, number>;
  /** Words that flip the next few words. */
  readonly negators: ReadonlySet<string>;
}

export interface LexiconHit {
  /** The word as read ("not gain" when negated). */
  readonly term: string;
  /** The dense feature it fed. */
  readonly feature: string;
  /** What it added to that feature. */
  readonly value: number;
}

export interface TextFeatures {
  readonly values: Map<string, number>;
  readonly lexiconHits: LexiconHit[];
  /** Each phrase rule and finance frame that fired, with the polarity feature it fed (frames.ts). */
  readonly polarHits: PolarHit[];
}

export const NEGATION_SCOPE = 3;
// Words after which the rest of the text is what the writer means ("beat estimates but cut guidance").
export const CONTRAST: ReadonlySet<string> = new Set(['but', 'however', 'yet']);
// Words that open a clause the writer concedes ("despite weak sales, profit rose").
export const CONCESSIVE: ReadonlySet<string> = new Set(['despite', 'although', 'though', 'notwithstanding']);
/**
 * Placeholders that get no word feature of their own (they still start and end word pairs).
 * ENTITY_TOKEN is not one: how often the judged company is named is evidence (entity clauses in
 * the labelled news lean less neutral than whole texts).
 */
export const PLAIN: ReadonlySet<string> = new Set([TICKER_TOKEN]);
/** The first contrast word in lowercased text: rules matching before it are discounted. */
export const CONTRAST_RE = /\b(?:but|however|yet)\b[^]*$/;

/**
 * Words near the judged company: in a text that names it (ENTITY_TOKEN, i.e. a company's
 * clauses), each token within NEAR tokens left or right of one of its mentions, not past a break
 * token, adds 1 to `n<:X` (X left of it) or `n>:X` (X right of it); another mention of it in
 * between counts in the distance but gets no feature. A word near two mentions counts for each.
 */
export const NEAR = 2;

/**
 * The judged company's own name word: in a text that names it, `m:X` at 1, where X is the last
 * word of its first mention as written ("motors" in "Tata Motors", "sharekhan" in "...: Sharekhan").
 * What kind of company it is moves how the news reads for it: a broker or a regulator quoted on
 * someone else's news is labelled neutral far more often than the company the news is about.
 */
export const NAME_PREFIX = 'm:';

/**
 * Every family of features the model weighs, by the prefix of its keys: the one list the trainer's
 * keys, `--explain` and the compiled scorer (compiled.ts, compileModel) all read. A key is its
 * family's prefix and then its words ("b:profit rose"); a family's values are computed in
 * featuresOf below (training, --explain) and read into the compiled scorer's tables by family, and
 * test/analysis/feature-contract.test.ts holds the two to the same scores family by family.
 */
export const FEATURE_FAMILIES = {
  /** A word as read (with its concession and contrast discounts): `u:profit`. */
  word: 'u:',
  /** A word in a negation's scope: `u:~rise`. */
  negated: 'u:~',
  /** Two adjacent words, no break between: `b:profit rose`. */
  pair: 'b:',
  /** A word before (`e<:`) or after (`e>:`) the judged company's first mention. */
  side: 'e',
  /** A word within NEAR tokens left (`n<:`) or right (`n>:`) of a mention of the judged company. */
  near: 'n',
  /** The judged company's own name word: `m:motors`. */
  name: NAME_PREFIX,
  /** A lexicon sum: `x:afinn+`, `x:finance-`. */
  lexicon: 'x:',
  /** A phrase rule (rules.ts): `r:beat`. */
  rule: 'r:',
  /** A finance frame (frames.ts) or the polarity feature frames and rules share: `f:good-metric-up`, `f:+`. */
  frame: 'f:',
} as const;

export type FeatureFamily = keyof typeof FEATURE_FAMILIES | 'bias';

/** Side and near keys: `e<:`, `e>:`, `n<:`, `n>:`. */
const SIDE_KEY = /^[en][<>]:/;

/** The family a feature key belongs to (`bias` for the bias); throws on a key of no family. */
export function featureFamily(key: string): FeatureFamily {
  if (key === 'bias') return 'bias';
  if (key.startsWith('u:~')) return 'negated';
  if (SIDE_KEY.test(key)) return key[0] === 'e' ? 'side' : 'near';
  switch (key.slice(0, 2)) {
    case 'u:':
      return 'word';
    case 'b:':
      return 'pair';
    case 'm:':
      return 'name';
    case 'x:':
      return 'lexicon';
    case 'r:':
      return 'rule';
    case 'f:':
      return 'frame';
    default:
      throw new Error(`feature key of no family: ${key}`);
  }
}

/** The words a key names after its family's prefix (a pair's two, one for the other word families). */
export function featureWords(key: string): string[] {
  switch (featureFamily(key)) {
    case 'negated':
      return [key.slice(3)];
    case 'side':
    case 'near':
      return [key.slice(3)];
    case 'word':
    case 'name':
      return [key.slice(2)];
    case 'pair': {
      const space = key.indexOf(' ', 2);
      return [key.slice(2, space), key.slice(space + 1)];
    }
    default:
      return [];
  }
}

function add(values: Map<string, number>, key: string, v: number): void {
  values.set(key, (values.get(key) ?? 0) + v);
}

export function extractFeatures(text: string, lexicons: Lexicons): TextFeatures {
  return featuresOf(featureTokens(text), text, lexicons);
}

/**
 * The features of a token list (a whole text's, or a company's clauses as entity-text.ts cuts
 * them), with phrase rules read from `text`, the text the tokens came from, and `name` the
 * judged company's name word (entity-text.ts, EntityView.name).
 */
export function featuresOf(
  tokens: readonly string[],
  text: string,
  lexicons: Lexicons,
  name: string | null = null,
): TextFeatures {
  const values = new Map<string, number>();
  const lexiconHits: LexiconHit[] = [];
  const polarHits: PolarHit[] = [];
  const n = tokens.length;
  const factors = new Float64Array(n).fill(1);
  const negated = new Uint8Array(n);

  let lastContrast = -1;
  let concessive = false;
  let negLeft = 0;
  for (let i = 0; i < n; i++) {
    const t = tokens[i] as string;
    if (BREAK_TOKENS.has(t)) {
      concessive = false;
      negLeft = 0;
      continue;
    }
    if (CONTRAST.has(t)) lastContrast = i;
    if (CONCESSIVE.has(t)) concessive = true;
    if (concessive) factors[i] = DISCOUNT;
    if (negLeft > 0) {
      negated[i] = 1;
      negLeft--;
    }
    if (lexicons.negators.has(t)) negLeft = NEGATION_SCOPE;
  }
  for (let i = 0; i < lastContrast; i++) factors[i] = (factors[i] as number) * CONTRAST_DISCOUNT;
  // Which side of the judged company a word is on ("_ent_ beats _oth_" is not "_oth_ beats _ent_"):
  // in a text that names it, every word feature also adds `e<:X` before its first mention, `e>:X`
  // after it, at 1 (no negation mark, no discount). Whole sentences and tweets get none.
  const firstEntity = tokens.indexOf(ENTITY_TOKEN);

  for (let i = 0; i < n; i++) {
    const t = tokens[i] as string;
    if (BREAK_TOKENS.has(t)) continue;
    const f = factors[i] as number;
    const neg = negated[i] === 1;
    if (!PLAIN.has(t)) add(values, neg ? `u:~${t}` : `u:${t}`, f);
    if (firstEntity >= 0 && t !== ENTITY_TOKEN && !PLAIN.has(t))
      add(values, `${i < firstEntity ? 'e<' : 'e>'}:${t}`, 1);
    const next = tokens[i + 1];
    if (next !== undefined && !BREAK_TOKENS.has(next)) add(values, `b:${t} ${next}`, f);

    const fin = lexicons.finance.get(t);
    const base = fin ?? lexicons.afinn.get(t);
    if (base !== undefined && base !== 0) {
      const v = ((neg ? -base : base) * f) / 5;
      const feature = fin !== undefined ? (v > 0 ? 'x:finance+' : 'x:finance-') : v > 0 ? 'x:afinn+' : 'x:afinn-';
      add(values, feature, Math.abs(v));
      lexiconHits.push({ term: neg ? `not ${t}` : t, feature, value: Math.abs(v) });
    }
  }

  for (let e = firstEntity; e >= 0 && e < n; e++) {
    if (tokens[e] !== ENTITY_TOKEN) continue;
    for (const dir of [-1, 1]) {
      for (let d = 1; d <= NEAR; d++) {
        const t = tokens[e + dir * d];
        if (t === undefined || BREAK_TOKENS.has(t)) break;
        if (t !== ENTITY_TOKEN) add(values, `${dir < 0 ? 'n<' : 'n>'}:${t}`, 1);
      }
    }
  }

  if (firstEntity >= 0 && name !== null) values.set(`${NAME_PREFIX}${name}`, 1);

  const lower = text.toLowerCase();
  const contrastAt = lastContrast >= 0 ? lower.search(CONTRAST_RE) : -1;
  for (const hit of matchRules(lower)) {
    const v = contrastAt > hit.index ? CONTRAST_DISCOUNT : 1;
    // A negated rule ("failed to beat estimates") counts against itself and for the other side.
    const neg = hit.polarity !== 0 && negatedAround(lower, hit.index, hit.end);
    polarHits.push({
      key: `r:${hit.name}`,
      value: neg ? -v : v,
      shared: POLARITY_FEATURE[neg ? (-hit.polarity as 1 | -1) : hit.polarity],
      sharedValue: v,
    });
  }
  polarHits.push(...frameFeatures(lower));
  for (const hit of polarHits) {
    add(values, hit.key, hit.value);
    add(values, hit.shared, hit.sharedValue);
  }
  values.set('bias', 1);
  return { values, lexiconHits, polarHits };
}

/** How a feature reads in `--explain` output: the words, and the rule that named them. */
export function describeFeature(key: string): { term: string; rule: string | null } {
  const body = key.slice(2);
  switch (featureFamily(key)) {
    case 'negated':
      return { term: `not ${key.slice(3)}`, rule: 'negation' };
    case 'word':
      return { term: body, rule: null };
    case 'pair':
      return { term: body, rule: 'phrase' };
    case 'rule':
      return { term: body, rule: body };
    case 'frame':
      return describeFrame(key);
    case 'lexicon':
      return { term: body, rule: 'lexicon' };
    case 'side':
      return { term: key.slice(3), rule: key[1] === '<' ? 'before company' : 'after company' };
    case 'near':
      return { term: key.slice(3), rule: 'next to company' };
    case 'name':
      return { term: body, rule: 'company name' };
    case 'bias':
      return { term: key, rule: null };
  }
}

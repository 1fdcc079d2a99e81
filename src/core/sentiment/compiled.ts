// The trained model compiled for scoring many texts fast. It computes what
// predict(weights, extractFeatures(text)) computes (features.ts, model.ts), up to float
// rounding: the model is linear in the feature values, so each token's share of the logits
// is added as the token is read, instead of building a map of feature names and looking
// each one up again.
//
// The text is read once, in the same steps as scanTokens (text/tokens.ts): each token is
// hashed while it is scanned and looked up as an id, so no token string is cut out. Per id,
// typed arrays hold its word weights (plain and negated, with its lexicon value folded in),
// whether it breaks, negates, contrasts or concedes, and which phrase rules it may trigger;
// word pairs are a second table keyed by the two ids. A rule runs only when a trigger word
// is present (rules.ts).
import { BREAK_TOKENS, ENTITY_TOKEN, NUMBER_TOKEN, TICKER_TOKEN, cashtagEnd, foldLinks, linksIn } from '../text/tokens.ts';
import { HASH_SEED, createWordTable, hashStep } from '../text/word-table.ts';
import { CONCESSIVE, CONTRAST, CONTRAST_DISCOUNT, CONTRAST_RE, DISCOUNT, NEGATION_SCOPE, PLAIN, type Lexicons } from './features.ts';
import { softmax3, type Prediction, type SentimentModel } from './model.ts';
import { PHRASE_RULES, ruleTriggers, type PhraseRule } from './rules.ts';

const BREAK = 1;
const CONTRASTS = 2;
const CONCEDES = 4;
const NEGATES = 8;
const HAS_PAIRS = 16;
/** log2 of the pair filter's bits (2^18 bits: 32 KiB). */
const PAIR_FILTER_BITS = 18;

export type CompiledScorer = (text: string) => Prediction;

const isLetter = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function lexiconFeature(finance: boolean, positive: boolean): string {
  return `x:${finance ? 'finance' : 'afinn'}${positive ? '+' : '-'}`;
}

export function compileModel(model: SentimentModel, lexicons: Lexicons): CompiledScorer {
  const weights = Object.entries(model.weights);
  const triggers = ruleTriggers();
  // Every word that carries a weight, a flag or a trigger, and every token the scan names.
  const vocabulary = new Set<string>([...BREAK_TOKENS, ...CONTRAST, ...CONCESSIVE, ...lexicons.negators, ...triggers.keys()]);
  for (const t of [NUMBER_TOKEN, ENTITY_TOKEN, TICKER_TOKEN, 'not', '%']) vocabulary.add(t);
  for (const [key] of weights) {
    if (key.startsWith('u:~')) vocabulary.add(key.slice(3));
    else if (key.startsWith('u:')) vocabulary.add(key.slice(2));
    else if (key.startsWith('b:')) for (const t of key.slice(2).split(' ')) vocabulary.add(t);
  }
  for (const w of lexicons.afinn.keys()) vocabulary.add(w);
  for (const w of lexicons.finance.keys()) vocabulary.add(w);
  const table = createWordTable(vocabulary);
  const size = table.words.length;
  const id = (t: string): number => table.id(t);

  const flags = new Uint8Array(size);
  const rules = new Int32Array(size);
  const plain = new Float64Array(size * 3);
  const negated = new Float64Array(size * 3);
  const bias = [0, 0, 0];
  const ruleWeights: Array<readonly number[] | null> = PHRASE_RULES.map(() => null);
  const lexiconWeights = new Map<string, readonly number[]>();
  const ruleIndex = new Map(PHRASE_RULES.map((r, i) => [`r:${r.name}`, i]));
  const add = (into: Float64Array, at: number, w: readonly number[], scale: number): void => {
    for (let k = 0; k < 3; k++) into[at * 3 + k] = (into[at * 3 + k] as number) + (w[k] ?? 0) * scale;
  };

  // Word pairs: open addressing on (first id, second id).
  const pairList: Array<[number, number, readonly number[]]> = [];
  for (const [key, w] of weights) {
    if (key === 'bias') for (let k = 0; k < 3; k++) bias[k] = (bias[k] as number) + (w[k] ?? 0);
    else if (key.startsWith('u:~')) add(negated, id(key.slice(3)), w, 1);
    else if (key.startsWith('u:')) {
      if (!PLAIN.has(key.slice(2))) add(plain, id(key.slice(2)), w, 1);
    } else if (key.startsWith('b:')) {
      const space = key.indexOf(' ', 2);
      const first = id(key.slice(2, space));
      flags[first] = (flags[first] as number) | HAS_PAIRS;
      pairList.push([first, id(key.slice(space + 1)), w]);
    } else if (key.startsWith('r:')) {
      const i = ruleIndex.get(key);
      if (i !== undefined) ruleWeights[i] = w;
    } else if (key.startsWith('x:')) lexiconWeights.set(key, w);
  }
  // Keyed by first * size + second in one int; key and weight index side by side, so a probe
  // reads one cache line. Load stays under 2/3.
  if (size * size >= 2 ** 31) throw new Error(`sentiment model vocabulary too large to compile: ${size}`);
  let pairSize = 16;
  while (pairSize * 2 < pairList.length * 3) pairSize *= 2;
  const pairMask = pairSize - 1;
  const pairW = new Float64Array(pairList.length * 3);
  const pairSlot = (key: number): number => Math.imul(key, 0x9e3779b1) >>> 15;
  // One bit per hashed pair key, small enough to stay in cache: most adjacent words in a text
  // are no pair of the model's, and the bit says so without a probe into the big table.
  const pairBits = new Int32Array(1 << (PAIR_FILTER_BITS - 5));
  const pairBit = (key: number): number => Math.imul(key, 0x85ebca6b) >>> (32 - PAIR_FILTER_BITS);
  pairList.forEach(([a, b, w], index) => {
    const key = a * size + b;
    const bit = pairBit(key);
    pairBits[bit >>> 5] = (pairBits[bit >>> 5] as number) | (1 << (bit & 31));
    add(pairW, index, w, 1);
  });
  // Key and the pair's three weights in one slot: a probe that finds its pair reads one cache line.
  const pairs = new Float64Array(pairSize * 4).fill(-1);
  pairList.forEach(([a, b], index) => {
    const key = a * size + b;
    let at = pairSlot(key) & pairMask;
    while (pairs[at * 4] !== -1) at = (at + 1) & pairMask;
    pairs[at * 4] = key;
    for (let k = 0; k < 3; k++) pairs[at * 4 + 1 + k] = pairW[index * 3 + k] as number;
  });

  // Lexicon values: the finance table wins where it has the word (even at 0).
  for (const word of new Set([...lexicons.afinn.keys(), ...lexicons.finance.keys()])) {
    const fin = lexicons.finance.get(word);
    const base = fin ?? lexicons.afinn.get(word) ?? 0;
    if (base === 0) continue;
    const asRead = lexiconWeights.get(lexiconFeature(fin !== undefined, base > 0));
    const flipped = lexiconWeights.get(lexiconFeature(fin !== undefined, base < 0));
    if (asRead !== undefined) add(plain, id(word), asRead, Math.abs(base) / 5);
    if (flipped !== undefined) add(negated, id(word), flipped, Math.abs(base) / 5);
  }
  const flag = (words: Iterable<string>, f: number): void => {
    for (const t of words) flags[id(t)] = (flags[id(t)] as number) | f;
  };
  flag(BREAK_TOKENS, BREAK);
  flag(CONTRAST, CONTRASTS);
  flag(CONCESSIVE, CONCEDES);
  flag(lexicons.negators, NEGATES);
  for (const [t, mask] of triggers) rules[id(t)] = (rules[id(t)] as number) | mask;
  // Per word id, one 64-byte record: plain weights, negated weights, flags, rule triggers.
  // A token then costs one cache line here instead of one in each of four arrays.
  const records = new ArrayBuffer(size * 64);
  const weightsOf = new Float64Array(records);
  const bitsOf = new Int32Array(records);
  for (let t = 0; t < size; t++) {
    for (let k = 0; k < 3; k++) {
      weightsOf[t * 8 + k] = plain[t * 3 + k] as number;
      weightsOf[t * 8 + 3 + k] = negated[t * 3 + k] as number;
    }
    bitsOf[t * 16 + 12] = flags[t] as number;
    bitsOf[t * 16 + 13] = rules[t] as number;
  }
  const punctuation = new Int32Array(128).fill(-1);
  for (const p of '%;:!?,.') punctuation[p.charCodeAt(0)] = id(p);
  const NUM = id(NUMBER_TOKEN);
  const NOT = id('not');
  const DASH = id('-');
  const TICKER = id(TICKER_TOKEN);

  // Imported bindings are read through an accessor on every use when the TypeScript runs
  // through tsx (as the bin and the benches do); the hot loop reads these local copies instead.
  const SEED = HASH_SEED;
  const step = hashStep;
  const cashtagAt = cashtagEnd;
  const withoutLinks = foldLinks;
  const linksOf = linksIn;
  const soft3 = softmax3;
  const discount = DISCOUNT;
  const contrastDiscount = CONTRAST_DISCOUNT;
  const negationScope = NEGATION_SCOPE;
  const rulesList = PHRASE_RULES;
  const contrastRe = CONTRAST_RE;

  /** Rules any whole word of lowercased text may trigger (used when folding hides words). */
  const triggersIn = (lower: string): number => {
    let mask = 0;
    const n = lower.length;
    let i = 0;
    while (i < n) {
      if (!isLetter(lower.charCodeAt(i))) {
        i++;
        continue;
      }
      let h = SEED;
      const start = i;
      while (i < n && isLetter(lower.charCodeAt(i))) h = step(h, lower.charCodeAt(i++));
      const t = table.idAt(h, lower, start, i);
      if (t >= 0) mask |= rules[t] as number;
    }
    return mask;
  };

  const NO_TOKEN = -2;
  // Rare paths live in their own functions so the hot loop stays small enough to optimise
  // whole; what they find for the rules is collected here and read at the end of a call.
  let rareMask = 0;
  let rareEnd = 0;

  /** The token of the word with an apostrophe at s[i, k), apostrophe at j: "analyst's", "doesn't". */
  const apostropheWord = (s: string, i: number, j: number, k: number): number => {
    rareEnd = k;
    const first = table.id(s.slice(i, j));
    const second = table.id(s.slice(j + 1, k));
    if (first >= 0) rareMask |= rules[first] as number;
    if (second >= 0) rareMask |= rules[second] as number;
    const oneLetter = k === j + 2;
    if (oneLetter && s.charCodeAt(j + 1) === 116 && s.charCodeAt(j - 1) === 110) return NOT;
    if (oneLetter && s.charCodeAt(j + 1) === 115) return first;
    return table.id(`${s.slice(i, j)}'${s.slice(j + 1, k)}`);
  };

  /** The cashtag at the "$" at i, folded to one token; NO_TOKEN when it is not one. */
  const cashtag = (s: string, i: number): number => {
    const end = cashtagAt(s, i);
    rareEnd = end === -1 ? i + 1 : end;
    if (end === -1) return NO_TOKEN;
    rareMask |= triggersIn(s.slice(i + 1, end));
    return TICKER;
  };

  return (text) => {
    const lower = text.toLowerCase();
    // Rules read the lowercased text itself; where folding drops words, their triggers come from it.
    // Links are folded here, curly apostrophes and cashtags in the scan.
    const s = withoutLinks(lower);
    // Every whole word outside the links is read by the scan below (a word running into a
    // link is no whole word of the text), so only the links' own words need a look here.
    let mask = 0;
    if (s !== lower) for (const link of linksOf(lower)) mask |= triggersIn(link);
    rareMask = 0;
    // Locals, not closure state: this loop runs for every character of every article.
    let z0 = 0;
    let z1 = 0;
    let z2 = 0;
    // Logits from tokens before the last contrast word seen so far (discounted at the end).
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let prev = -1;
    let prevFlags = 0;
    let prevFactor = 0;
    let concessive = false;
    let negLeft = 0;
    let sawContrast = false;
    const n = s.length;
    let i = 0;
    while (i < n) {
      const c = s.charCodeAt(i);
      let t = NO_TOKEN;
      if (c >= 97 && c <= 122) {
        let h = SEED;
        let j = i;
        while (j < n) { const d = s.charCodeAt(j); if (d < 97 || d > 122) break; h = step(h, d); j++; }
        const q = j < n ? s.charCodeAt(j) : 0;
        if ((q === 39 || q === 0x2019 || q === 0x2018) && j + 1 < n && isLetter(s.charCodeAt(j + 1))) {
          let k = j + 1;
          while (k < n && isLetter(s.charCodeAt(k))) k++;
          t = apostropheWord(s, i, j, k);
          i = k;
        } else {
          t = table.idAt(h, s, i, j);
          i = j;
        }
      } else if (c >= 48 && c <= 57) {
        let j = i + 1;
        for (;;) {
          while (j < n && isDigit(s.charCodeAt(j))) j++;
          const d = j < n ? s.charCodeAt(j) : 0;
          if ((d === 46 || d === 44) && j + 1 < n && isDigit(s.charCodeAt(j + 1))) j += 2;
          else break;
        }
        t = NUM;
        i = j;
      } else if (c === 95) {
        let j = i + 1;
        while (j < n && isLetter(s.charCodeAt(j))) j++;
        if (j > i + 1 && j < n && s.charCodeAt(j) === 95) {
          t = table.id(s.slice(i, j + 1));
          i = j + 1;
        } else i++;
      } else if (c === 36) {
        t = cashtag(s, i);
        i = rareEnd;
      } else if (c === 32 && i + 2 < n && s.charCodeAt(i + 1) === 45 && s.charCodeAt(i + 2) === 32) {
        t = DASH;
        i += 3;
      } else {
        if (c < 128) {
          const p = punctuation[c] as number;
          if (p !== -1) t = p;
        }
        i++;
      }
      if (t === NO_TOKEN) continue;

      // The pair the previous token starts, at the previous token's factor.
      const f = t >= 0 ? (bitsOf[t * 16 + 12] as number) : 0;
      if (prev >= 0 && t >= 0 && (f & BREAK) === 0 && (prevFlags & HAS_PAIRS) !== 0) {
        const key = prev * size + t;
        const bit = Math.imul(key, 0x85ebca6b) >>> (32 - PAIR_FILTER_BITS);
        if (((pairBits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0) {
          for (let at = pairSlot(key) & pairMask; ; at = (at + 1) & pairMask) {
            const k = pairs[at * 4] as number;
            if (k === -1) break;
            if (k === key) {
              z0 += (pairs[at * 4 + 1] as number) * prevFactor;
              z1 += (pairs[at * 4 + 2] as number) * prevFactor;
              z2 += (pairs[at * 4 + 3] as number) * prevFactor;
              break;
            }
          }
        }
      }
      if ((f & BREAK) !== 0) {
        concessive = false;
        negLeft = 0;
        prev = -1;
        continue;
      }
      prev = t;
      prevFlags = f;
      if ((f & CONTRASTS) !== 0) {
        sawContrast = true;
        p0 += z0;
        p1 += z1;
        p2 += z2;
        z0 = 0;
        z1 = 0;
        z2 = 0;
      }
      if ((f & CONCEDES) !== 0) concessive = true;
      const factor = concessive ? discount : 1;
      let neg = false;
      if (negLeft > 0) {
        neg = true;
        negLeft--;
      }
      if ((f & NEGATES) !== 0) negLeft = negationScope;
      prevFactor = factor;
      if (t < 0) continue;
      mask |= bitsOf[t * 16 + 13] as number;
      const w = t * 8 + (neg ? 3 : 0);
      z0 += (weightsOf[w] as number) * factor;
      z1 += (weightsOf[w + 1] as number) * factor;
      z2 += (weightsOf[w + 2] as number) * factor;
    }

    let y0 = bias[0] as number;
    let y1 = bias[1] as number;
    let y2 = bias[2] as number;
    y0 += p0 * contrastDiscount + z0;
    y1 += p1 * contrastDiscount + z1;
    y2 += p2 * contrastDiscount + z2;
    mask |= rareMask;
    if (mask !== 0) {
      let contrastAt = sawContrast ? -2 : -1;
      for (let r = 0; r < rulesList.length; r++) {
        const w = ruleWeights[r];
        if ((mask & (1 << r)) === 0 || w === null || w === undefined) continue;
        const rule = rulesList[r] as PhraseRule;
        if (rule.requires !== undefined && !rule.requires.test(lower)) continue;
        const m = rule.pattern.exec(lower);
        if (m === null) continue;
        if (contrastAt === -2) contrastAt = lower.search(contrastRe);
        const v = contrastAt > m.index ? contrastDiscount : 1;
        y0 += (w[0] ?? 0) * v;
        y1 += (w[1] ?? 0) * v;
        y2 += (w[2] ?? 0) * v;
      }
    }
    const probs = soft3([y0, y1, y2]);
    return { probs, score: probs[2] - probs[0], margin: y2 - y0 };
  };
}

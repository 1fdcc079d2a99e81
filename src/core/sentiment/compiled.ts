// The trained model compiled for scoring many texts fast. It computes what
// predict(weights, featuresOf(tokens, text)) computes (features.ts, model.ts), up to float
// rounding: the model is linear in the feature values, so each token's share of the logits is
// added as the token is read, instead of building a map of feature names and looking each one
// up again.
//
// A sentence is scanned once (text/tokens.ts) and its tokens looked up as ids in place, without
// cutting out strings. The sentence is scored from those ids, and so is each company's clauses:
// they are a list of the sentence's own tokens (text/clauses.ts), so no clause text is scanned
// again. Per id, one record holds its word weights (plain and negated, with its lexicon value
// folded in), whether it breaks, negates, contrasts or concedes, and which phrase rules it may
// trigger; word pairs are a second table keyed by the two ids. A phrase rule's regex runs only
// when a trigger word is among the tokens (rules.ts), on the text the tokens came from (for
// clauses, built only then).
import { isAsciiLetter } from '../text/chars.ts';
import { SEMI, nameToken, refIsOwn, refsText, visitClauses, type KeyedSpan } from '../text/clauses.ts';
import {
  APOSTROPHE,
  BREAK_TOKENS,
  CASHTAG,
  ENTITY_TOKEN,
  NOT,
  NUMBER_TOKEN,
  OTHER_TOKEN,
  TICKER_TOKEN,
  createTokenSpans,
  scanTokens,
  type TokenIds,
} from '../text/tokens.ts';
import { HASH_SEED, hashStep, wordTableData, wordTableFrom } from '../text/word-table.ts';
import {
  CONCESSIVE,
  CONTRAST,
  CONTRAST_DISCOUNT,
  CONTRAST_RE,
  DISCOUNT,
  NEAR,
  NEGATION_SCOPE,
  PLAIN,
  featureFamily,
  featureWords,
  type Lexicons,
} from './features.ts';
import { labelledScore, type ScoredText, type SentimentModel } from './model.ts';
import {
  FINANCE_FRAMES,
  FRAMES_WITH_LEADS,
  POLARITY_FEATURE,
  frameFeatures,
  frameLeads,
  frameTriggers,
  framesToTry,
  negatedAround,
} from './frames.ts';
import { PAIR_SLOT as PAIR_SLOT_FLOATS, createPairTable, pairFilterBit, pairHome } from './pair-table.ts';
import { PHRASE_RULES, ruleTriggers, rulesToTry, type PhraseRule } from './rules.ts';
import {
  BREAK,
  CONCEDES,
  CONTRASTS,
  FLAGS_AT,
  FRAMES_ALSO_AT,
  FRAMES_AT,
  HAS_PAIRS,
  NEGATED_AT,
  NEGATES,
  PLAIN_AT,
  RECORD_FLOATS,
  RECORD_INTS,
  RULES_AT,
  SIDE_ROW_SHIFT,
  createWordRecords,
} from './word-records.ts';

export interface CompiledScorer {
  /** A whole text read as one unit. */
  text(text: string): ScoredText;
  /**
   * A sentence, and the clauses about each company mentioned in it (mentions in text order),
   * from one scan; each key's score is set in `entities`.
   */
  sentence<K>(
    sentence: string,
    mentions: ReadonlyArray<KeyedSpan<K>> | null,
    entities?: Map<K, ScoredText>,
  ): ScoredText;
}

function lexiconFeature(finance: boolean, positive: boolean): string {
  return `x:${finance ? 'finance' : 'afinn'}${positive ? '+' : '-'}`;
}

interface CaselessRule {
  readonly pattern: RegExp;
  readonly requires: RegExp | null;
  readonly fromLead: RegExp | null;
}

function caseless(re: RegExp, extra = ''): RegExp {
  if (re.flags.includes('u') || re.flags.includes('v'))
    throw new Error(`rule patterns are read without the u flag: ${re.source}`);
  return new RegExp(re.source, `${re.flags.replace('i', '')}i${extra}`);
}

/**
 * The tables the scorer reads, built from the model and lexicons: typed arrays, maps, regular
 * expressions and numbers, no functions, so a build can store them (src/data/precomputed.ts) and a
 * start read them back instead of building them again.
 */
export function compileTables(model: SentimentModel, lexicons: Lexicons) {
  const weights = Object.entries(model.weights);
  const triggers = ruleTriggers();
  const frameWords = frameTriggers();
  const frameLeadWords = frameLeads();
  // Every word that carries a weight, a flag or a trigger, and every token the scan names.
  const leadWords = PHRASE_RULES.flatMap((r) => r.leads ?? []);
  const vocabulary = new Set<string>([
    ...BREAK_TOKENS,
    ...CONTRAST,
    ...CONCESSIVE,
    ...lexicons.negators,
    ...triggers.keys(),
    ...leadWords,
    ...frameWords.keys(),
    ...frameLeadWords.keys(),
  ]);
  for (const t of [NUMBER_TOKEN, ENTITY_TOKEN, OTHER_TOKEN, TICKER_TOKEN, 'not', '%', 's', 't']) vocabulary.add(t);
  for (const [key] of weights) for (const w of featureWords(key)) vocabulary.add(w);
  for (const w of lexicons.afinn.keys()) vocabulary.add(w);
  for (const w of lexicons.finance.keys()) vocabulary.add(w);
  const wordTable = wordTableData(vocabulary);
  const table = wordTableFrom(wordTable);
  const size = table.words.length;
  const id = (t: string): number => table.id(t);

  const flags = new Uint8Array(size);
  const rules = new Int32Array(size);
  const plain = new Float64Array(size * 3);
  const negated = new Float64Array(size * 3);
  // Per word id: weights of its side features (before, after the judged company) and its near
  // features (left of it, right of it), three each; compacted below to the words that have them.
  const sideById = new Float64Array(size * 6);
  const nearById = new Float64Array(size * 6);
  // Per word id: its weights as the judged company's name word.
  const nameW = new Float64Array(size * 3);
  const bias = [0, 0, 0];
  const ruleWeights: Array<readonly number[] | null> = PHRASE_RULES.map(() => null);
  const lexiconWeights = new Map<string, readonly number[]>();
  const frameWeights = new Map<string, readonly number[]>();
  const ruleIndex = new Map(PHRASE_RULES.map((r, i) => [`r:${r.name}`, i]));
  const add = (into: Float64Array, at: number, w: readonly number[], scale: number): void => {
    for (let k = 0; k < 3; k++) into[at * 3 + k] = (into[at * 3 + k] as number) + (w[k] ?? 0) * scale;
  };

  // Word pairs (pair-table.ts): (first id, second id, weights).
  const pairList: Array<[number, number, readonly number[]]> = [];
  // Each family of features (features.ts, FEATURE_FAMILIES) into the table it is read from.
  for (const [key, w] of weights) {
    const family = featureFamily(key);
    const words = featureWords(key);
    switch (family) {
      case 'bias':
        for (let k = 0; k < 3; k++) bias[k] = (bias[k] as number) + (w[k] ?? 0);
        break;
      case 'negated':
        add(negated, id(words[0] as string), w, 1);
        break;
      case 'word':
        if (!PLAIN.has(words[0] as string)) add(plain, id(words[0] as string), w, 1);
        break;
      case 'pair': {
        const first = id(words[0] as string);
        flags[first] = (flags[first] as number) | HAS_PAIRS;
        pairList.push([first, id(words[1] as string), w]);
        break;
      }
      case 'rule': {
        const i = ruleIndex.get(key);
        if (i !== undefined) ruleWeights[i] = w;
        break;
      }
      case 'lexicon':
        lexiconWeights.set(key, w);
        break;
      case 'frame':
        frameWeights.set(key, w);
        break;
      case 'name':
        add(nameW, id(words[0] as string), w, 1);
        break;
      case 'side':
      case 'near': {
        const t = id(words[0] as string);
        const after = key[1] === '>' ? 3 : 0;
        for (let k = 0; k < 3; k++) (family === 'side' ? sideById : nearById)[t * 6 + after + k] = w[k] ?? 0;
        break;
      }
    }
  }
  // A rule also feeds its polarity's shared feature (rules.ts, frames.ts), folded into its weights
  // as read and as negated (its own weights against it, the other polarity's shared feature for it).
  const ruleNegated: Array<readonly number[] | null> = PHRASE_RULES.map(() => null);
  PHRASE_RULES.forEach((r, i) => {
    const own = ruleWeights[i] ?? [0, 0, 0];
    const shared = frameWeights.get(POLARITY_FEATURE[r.polarity]) ?? [0, 0, 0];
    const flipped = r.polarity === 0 ? null : (frameWeights.get(POLARITY_FEATURE[-r.polarity as 1 | -1]) ?? [0, 0, 0]);
    if (ruleWeights[i] === null && frameWeights.size === 0) return;
    ruleWeights[i] = own.map((x, k) => x + (shared[k] ?? 0));
    if (flipped !== null) ruleNegated[i] = own.map((x, k) => -x + (flipped[k] ?? 0));
  });
  const { slots: pairs, mask: pairMask, filter: pairBits } = createPairTable(pairList, size);

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
  // Per word id: bit i when a match of rule i can start with the word (PhraseRule.leads).
  const leadBits = new Int32Array(size);
  PHRASE_RULES.forEach((r, i) => {
    for (const w of r.leads ?? []) leadBits[id(w)] = (leadBits[id(w)] as number) | (1 << i);
  });
  // Each rule read case-insensitively (see score), and for rules with leads as a global regex
  // whose search starts at the first lead word (lastIndex).
  const caselessRules: CaselessRule[] = PHRASE_RULES.map((r) => ({
    pattern: caseless(r.pattern),
    requires: r.requires === undefined ? null : caseless(r.requires),
    fromLead: r.leads === undefined ? null : caseless(r.pattern, 'g'),
  }));
  const contrastCaseless = caseless(CONTRAST_RE);
  // The finance frames each word may trigger and be a second word of (frames.ts), when the model weighs frames.
  let frameMasks: Int32Array | null = null;
  if (frameWeights.size > 0) {
    frameMasks = new Int32Array(size * 2);
    for (const [t, [mask, also]] of frameWords) {
      frameMasks[id(t) * 2] = (frameMasks[id(t) * 2] as number) | mask;
      frameMasks[id(t) * 2 + 1] = (frameMasks[id(t) * 2 + 1] as number) | also;
    }
  }
  // Side and near weights, read for every token of a company's clauses, in rows for only the words
  // that have any (a few thousand of the vocabulary), so the tables are a fraction of the cache they
  // took per word id; a word's row is in its record (0: none, and nothing to add).
  const sideRows = new Int32Array(size);
  let rowCount = 1;
  for (let t = 0; t < size; t++) {
    for (let k = 0; k < 6; k++) {
      if (sideById[t * 6 + k] !== 0 || nearById[t * 6 + k] !== 0) {
        sideRows[t] = rowCount++;
        break;
      }
    }
  }
  const sideW = new Float64Array(rowCount * 6);
  const nearW = new Float64Array(rowCount * 6);
  for (let t = 0; t < size; t++) {
    const row = sideRows[t] as number;
    if (row === 0) continue;
    sideW.set(sideById.subarray(t * 6, t * 6 + 6), row * 6);
    nearW.set(nearById.subarray(t * 6, t * 6 + 6), row * 6);
  }
  // Per word id, one record (word-records.ts).
  const { weights: weightsOf, bits: bitsOf } = createWordRecords(
    size,
    plain,
    negated,
    flags,
    sideRows,
    rules,
    frameMasks,
  );
  // Per word id: the frames a match of which may start with it, or a word before it (FinanceFrame.leads).
  const frameLead = new Int32Array(size);
  const frameLeadBefore = new Int32Array(size);
  for (const [t, [lead, before]] of frameLeadWords) {
    frameLead[id(t)] = lead;
    frameLeadBefore[id(t)] = before;
  }
  const punctuation = new Int32Array(128).fill(-1);
  for (const p of '%;:!?,.') punctuation[p.charCodeAt(0)] = id(p);
  const NUM_ID = id(NUMBER_TOKEN);
  const NOT_ID = id('not');
  const DASH_ID = id('-');
  const TICKER_ID = id(TICKER_TOKEN);
  const ENT_ID = id(ENTITY_TOKEN);
  const OTH_ID = id(OTHER_TOKEN);
  const SEMI_ID = id(';');
  // A possessive's "s" is read as no token of its own, so the scan need not look at it again.
  if (rules[id('s')] !== 0) throw new Error('"s" may not be a phrase-rule trigger word');
  return {
    wordTable,
    size,
    rules,
    leadBits,
    weightsOf,
    bitsOf,
    pairs,
    pairMask,
    pairBits,
    sideW,
    nearW,
    nameW,
    bias,
    ruleWeights,
    ruleNegated,
    frameWeights,
    frameLead,
    frameLeadBefore,
    caselessRules,
    contrastCaseless,
    punctuation,
    NUM_ID,
    NOT_ID,
    DASH_ID,
    TICKER_ID,
    ENT_ID,
    OTH_ID,
    SEMI_ID,
  };
}

export type CompiledTables = ReturnType<typeof compileTables>;

export function compileModel(model: SentimentModel, lexicons: Lexicons): CompiledScorer {
  return scorerFromTables(compileTables(model, lexicons));
}

/** The scorer over tables compileTables built, now or in a build. */
export function scorerFromTables(tables: CompiledTables): CompiledScorer {
  const {
    size,
    rules,
    leadBits,
    weightsOf,
    bitsOf,
    pairs,
    pairMask,
    pairBits,
    sideW,
    nearW,
    nameW,
    bias,
    ruleWeights,
    ruleNegated,
    frameWeights,
    frameLead,
    frameLeadBefore,
    caselessRules,
    contrastCaseless,
    punctuation,
    NUM_ID,
    NOT_ID,
    DASH_ID,
    TICKER_ID,
    ENT_ID,
    OTH_ID,
    SEMI_ID,
  } = tables;
  const table = wordTableFrom(tables.wordTable);
  /** Per frame: where its search starts in the text being scored (set by frameStarts). */
  const frameFrom = new Int32Array(FINANCE_FRAMES.length);

  // Imported bindings read through local copies in the hot loops: run through tsx, an imported
  // binding can cost an accessor call on every use.
  const SEED = HASH_SEED;
  const pairSlot = pairHome;
  const pairBit = pairFilterBit;
  const PAIR_SLOT = PAIR_SLOT_FLOATS;
  const REC = RECORD_INTS;
  const FLAGS = FLAGS_AT;
  const ROW_SHIFT = SIDE_ROW_SHIFT;
  const RULES = RULES_AT;
  const FRAMES = FRAMES_AT;
  const ALSO = FRAMES_ALSO_AT;
  const RF = RECORD_FLOATS;
  const AS_READ = PLAIN_AT;
  const NEGATED = NEGATED_AT;
  const step = hashStep;
  const labelled = labelledScore;
  const discount = DISCOUNT;
  const contrastDiscount = CONTRAST_DISCOUNT;
  const negationScope = NEGATION_SCOPE;
  const near = NEAR;
  const rulesList = PHRASE_RULES;
  const contrastRe = CONTRAST_RE;
  const toTry = rulesToTry;
  const toTryFrames = framesToTry;
  const scan = scanTokens;
  const idAtLower = table.idAtLower;

  /** Rules the whole words (runs of letters) of s[from, to) may trigger. */
  const triggersIn = (s: string, from: number, to: number): number => {
    let mask = 0;
    let i = from;
    while (i < to) {
      if (!isAsciiLetter(s.charCodeAt(i))) {
        i++;
        continue;
      }
      let h = SEED;
      const start = i;
      while (i < to && isAsciiLetter(s.charCodeAt(i))) h = step(h, s.charCodeAt(i++) | 32);
      const t = idAtLower(h, s, start, i);
      if (t >= 0) mask |= rules[t] as number;
    }
    return mask;
  };

  /** The frame masks (record slots 14 and 15) of the whole words (runs of letters) of s[from, to), ORed into rareFrameTriggers and rareFrameAlso. */
  const frameWordsIn = (s: string, from: number, to: number): void => {
    let i = from;
    while (i < to) {
      if (!isAsciiLetter(s.charCodeAt(i))) {
        i++;
        continue;
      }
      let h = SEED;
      const start = i;
      while (i < to && isAsciiLetter(s.charCodeAt(i))) h = step(h, s.charCodeAt(i++) | 32);
      const t = idAtLower(h, s, start, i);
      if (t >= 0) {
        rareFrameTriggers |= bitsOf[t * REC + FRAMES] as number;
        rareFrameAlso |= bitsOf[t * REC + ALSO] as number;
      }
    }
  };
  /** The frames the last scanned text's rare tokens and links may trigger (set by rareTriggers). */
  let rareFrameTriggers = 0;
  let rareFrameAlso = 0;

  const tokenIds: TokenIds = {
    word: idAtLower,
    letters: table.idOfLetters,
    punct: punctuation,
    number: NUM_ID,
    dash: DASH_ID,
    cashtag: TICKER_ID,
    not: NOT_ID,
  };

  // The last scanned sentence's tokens (with their ids), and the rules each rare token may
  // trigger beyond its own id's (a cashtag's letters, both halves of an apostrophe word).
  const tokens = createTokenSpans(256);
  let extras = new Int32Array(256);
  let clauseIds = new Int32Array(256);
  /** What the last scanned text's links may trigger (a clause may hold any of them). */
  let linkTriggers = 0;

  /**
   * Finishes a scan of `text`: looks up the apostrophe words the scan left without an id, and
   * returns the rules its rare tokens and links may trigger beyond their ids'.
   */
  const rareTriggers = (text: string): number => {
    const n = tokens.n;
    let all = 0;
    if (tokens.rare) {
      if (extras.length < n) extras = new Int32Array(tokens.kind.length);
      const { kind, start, end, hash, mid, id } = tokens;
      for (let k = 0; k < n; k++) {
        const kd = kind[k] as number;
        let extra = 0;
        if (kd === CASHTAG) extra = triggersIn(text, (start[k] as number) + 1, end[k] as number);
        else if (kd === NOT || kd === APOSTROPHE) {
          // Both halves may trigger rules, as they read in the text.
          const m = mid[k] as number;
          const first = idAtLower(hash[k] as number, text, start[k] as number, m);
          extra = (first >= 0 ? (rules[first] as number) : 0) | triggersIn(text, m + 1, end[k] as number);
          if (kd === APOSTROPHE)
            id[k] = table.id(`${text.slice(start[k], m)}'${text.slice(m + 1, end[k])}`.toLowerCase());
        }
        // ("'s" triggers nothing, and the word before it is the token's own id.)
        extras[k] = extra;
        all |= extra;
      }
    }
    // A text with a link or a rare token (cashtag, apostrophe word) may hold frame words that are no
    // token of their own: every word in a rare token or a link counts for the frames there (the
    // other words are tokens, whose ids carry their masks; for a clause, a superset).
    rareFrameTriggers = 0;
    rareFrameAlso = 0;
    if (frameWeights.size > 0) {
      if (tokens.rare) {
        const { kind, start, end } = tokens;
        for (let k = 0; k < n; k++) {
          const kd = kind[k] as number;
          if (kd === CASHTAG || kd === NOT || kd === APOSTROPHE)
            frameWordsIn(text, start[k] as number, end[k] as number);
        }
      }
      const ranges = tokens.linkRanges;
      for (let r = 0; r < ranges.length; r += 2) frameWordsIn(text, ranges[r] as number, ranges[r + 1] as number);
    }
    // Words in links are no tokens, but the rules read the text with its links.
    const links = tokens.linkRanges;
    linkTriggers = 0;
    for (let r = 0; r < links.length; r += 2)
      linkTriggers |= triggersIn(text, links[r] as number, links[r + 1] as number);
    return all | linkTriggers;
  };

  /** Whether token k of the sequence being scored is a rare token (cashtag, apostrophe word), whose id is not its words'. */
  const rareAt = (k: number, clause: boolean): boolean => {
    const at = clause ? (currentRefs[k] as number) : k;
    const kd = at >= 0 ? (tokens.kind[at] as number) : 0;
    return kd === CASHTAG || kd === NOT || kd === APOSTROPHE;
  };

  /**
   * Fills frameFrom for the frames in `todo` that have lead words: the start of the first token that
   * may begin a match (a lead word, the word before a leadsBefore word, a rare token), or of the
   * first link if earlier; -1 where there is none. Returns false when positions cannot be read off
   * the tokens (the frames then search the whole text).
   */
  const frameStarts = (seq: Int32Array, n: number, todo: number, clause: boolean): boolean => {
    if (tokens.exotic || (clause && tokens.links)) return false;
    const starts = clause ? clauseStarts : tokens.start;
    const linkStart = !clause && tokens.links ? (tokens.linkRanges[0] as number) : -1;
    let pending = todo & FRAMES_WITH_LEADS;
    for (let i = 0; i < frameFrom.length; i++) frameFrom[i] = linkStart;
    const rare = tokens.rare;
    for (let k = 0; k < n && pending !== 0; k++) {
      const t = seq[k] as number;
      const next = k + 1 < n ? (seq[k + 1] as number) : -1;
      let found = (t >= 0 ? (frameLead[t] as number) : 0) | (next >= 0 ? (frameLeadBefore[next] as number) : 0);
      // The word before the first token may be no token at all ("_ margin"): from the start.
      if (k === 0 && t >= 0 && (frameLeadBefore[t] as number) !== 0) found |= frameLeadBefore[t] as number;
      if (rare && rareAt(k, clause)) found = pending;
      found &= pending;
      if (found === 0) continue;
      const at = k === 0 && t >= 0 && ((frameLeadBefore[t] as number) & found) !== 0 ? 0 : (starts[k] as number);
      for (let i = 0; i < frameFrom.length; i++) {
        if ((found & (1 << i)) !== 0 && (linkStart < 0 || at < linkStart)) frameFrom[i] = at;
      }
      pending &= ~found;
    }
    return true;
  };

  /**
   * The prediction for the token ids in seq[0, n), with phrase rules read from `text` (null: the
   * clause being visited, whose text is built only then) when the tokens' trigger masks (and
   * `extra`, the rare tokens' and links') say one may fire. `firstEnt`: where the judged company
   * is first named (-1: nowhere), `name`: the id of its name word (-1: none).
   */
  const score = (
    seq: Int32Array,
    n: number,
    extra: number,
    text: string | null,
    firstEnt: number,
    name: number,
  ): ScoredText => {
    let mask = extra;
    let frames = rareFrameTriggers;
    let framesAlso = rareFrameAlso;
    // Side features: undiscounted, kept apart from the logits a contrast discounts.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
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
    for (let k = 0; k < n; k++) {
      const t = seq[k] as number;
      // The pair the previous token starts, at the previous token's factor.
      const f = t >= 0 ? (bitsOf[t * REC + FLAGS] as number) : 0;
      if (prev >= 0 && t >= 0 && (f & BREAK) === 0 && (prevFlags & HAS_PAIRS) !== 0) {
        const key = prev * size + t;
        const bit = pairBit(key);
        if (((pairBits[bit >>> 5] as number) & (1 << (bit & 31))) !== 0) {
          for (let at = pairSlot(key) & pairMask; ; at = (at + 1) & pairMask) {
            const pk = pairs[at * PAIR_SLOT] as number;
            if (pk === -1) break;
            if (pk === key) {
              z0 += (pairs[at * PAIR_SLOT + 1] as number) * prevFactor;
              z1 += (pairs[at * PAIR_SLOT + 2] as number) * prevFactor;
              z2 += (pairs[at * PAIR_SLOT + 3] as number) * prevFactor;
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
      mask |= bitsOf[t * REC + RULES] as number;
      frames |= bitsOf[t * REC + FRAMES] as number;
      framesAlso |= bitsOf[t * REC + ALSO] as number;
      const w = t * RF + (neg ? NEGATED : AS_READ);
      z0 += (weightsOf[w] as number) * factor;
      z1 += (weightsOf[w + 1] as number) * factor;
      z2 += (weightsOf[w + 2] as number) * factor;
      const row = f >>> ROW_SHIFT;
      if (firstEnt >= 0 && row !== 0 && t !== ENT_ID && t !== TICKER_ID) {
        const o = row * 6 + (k < firstEnt ? 0 : 3);
        s0 += sideW[o] as number;
        s1 += sideW[o + 1] as number;
        s2 += sideW[o + 2] as number;
      }
    }
    // Near features: the tokens within `near` of each mention of the judged company, not past a break.
    for (let e = firstEnt; e >= 0 && e < n; e++) {
      if (seq[e] !== ENT_ID) continue;
      for (let dir = -1; dir <= 1; dir += 2) {
        for (let d = 1; d <= near; d++) {
          const at = e + dir * d;
          if (at < 0 || at >= n) break;
          const t = seq[at] as number;
          const fl = t >= 0 ? (bitsOf[t * REC + FLAGS] as number) : 0;
          if ((fl & BREAK) !== 0) break;
          const row = fl >>> ROW_SHIFT;
          if (row === 0 || t === ENT_ID) continue;
          const o = row * 6 + (dir < 0 ? 0 : 3);
          s0 += nearW[o] as number;
          s1 += nearW[o + 1] as number;
          s2 += nearW[o + 2] as number;
        }
      }
    }
    if (firstEnt >= 0 && name >= 0) {
      s0 += nameW[name * 3] as number;
      s1 += nameW[name * 3 + 1] as number;
      s2 += nameW[name * 3 + 2] as number;
    }

    let y0 = (bias[0] as number) + p0 * contrastDiscount + z0 + s0;
    let y1 = (bias[1] as number) + p1 * contrastDiscount + z1 + s1;
    let y2 = (bias[2] as number) + p2 * contrastDiscount + z2 + s2;
    const todo = mask === 0 ? 0 : toTry(mask);
    let read = text;
    if (todo !== 0) {
      read ??= clauseText();
      // The rules are written for lowercased text. Read case-insensitively instead, they match the
      // text as it is at the same places (its length unchanged), saving the lowercased copy, unless
      // it holds one of the two characters that lowercase to ASCII: U+0130 (to "i" and a dot, two
      // code units) and U+212A (Kelvin, to "k"). Then it is lowercased after all.
      const exotic = tokens.exotic;
      const subject = exotic ? read.toLowerCase() : read;
      // A match starts at a lead word (PhraseRule.leads), and every lead word in the text is a
      // token, lies in a link (whose words are no tokens) or in a rare token (a cashtag's letters, a
      // half of a word with an apostrophe, where the token's id is not the word's). So a search may
      // start at the first of those, unless the text was lowercased or is a clause holding a link
      // (where the link lies in the clause is not kept).
      const clause = text === null;
      const starts = clause ? clauseStarts : tokens.start;
      const byTokens = !exotic && !(clause && tokens.links);
      const linkStart = !clause && tokens.links ? (tokens.linkRanges[0] as number) : Number.MAX_SAFE_INTEGER;
      const rare = tokens.rare;
      let contrastAt = sawContrast ? -2 : -1;
      for (let r = 0; r < rulesList.length; r++) {
        const w = ruleWeights[r];
        if ((todo & (1 << r)) === 0 || w === null || w === undefined) continue;
        const rule = rulesList[r] as PhraseRule;
        const caseless = caselessRules[r] as CaselessRule;
        if (rule.requires !== undefined && !(exotic ? rule.requires : (caseless.requires as RegExp)).test(subject))
          continue;
        let m: RegExpExecArray | null;
        if (byTokens && caseless.fromLead !== null) {
          const bit = 1 << r;
          let k = 0;
          for (; k < n; k++) {
            const t = seq[k] as number;
            if (t >= 0 && ((leadBits[t] as number) & bit) !== 0) break;
            if (rare && rareAt(k, clause)) break;
          }
          const from = Math.min(k < n ? (starts[k] as number) : Number.MAX_SAFE_INTEGER, linkStart);
          // No lead word anywhere: the rule cannot match.
          if (from === Number.MAX_SAFE_INTEGER) continue;
          caseless.fromLead.lastIndex = from;
          m = caseless.fromLead.exec(subject);
        } else m = (exotic ? rule.pattern : caseless.pattern).exec(subject);
        if (m === null) continue;
        if (contrastAt === -2) contrastAt = subject.search(exotic ? contrastRe : contrastCaseless);
        const v = contrastAt > m.index ? contrastDiscount : 1;
        const negatedW = ruleNegated[r];
        if (negatedW !== null && negatedW !== undefined && negatedAround(subject, m.index, m.index + m[0].length)) {
          y0 += (negatedW[0] ?? 0) * v;
          y1 += (negatedW[1] ?? 0) * v;
          y2 += (negatedW[2] ?? 0) * v;
          continue;
        }
        y0 += (w[0] ?? 0) * v;
        y1 += (w[1] ?? 0) * v;
        y2 += (w[2] ?? 0) * v;
      }
    }
    const framesTodo = frames === 0 ? 0 : toTryFrames(frames, framesAlso);
    if (framesTodo !== 0) {
      read ??= clauseText();
      const fromLeads = frameStarts(seq, n, framesTodo, text === null);
      for (const hit of frameFeatures(read.toLowerCase(), framesTodo, fromLeads ? frameFrom : null)) {
        const w = frameWeights.get(hit.key);
        if (w !== undefined) {
          y0 += (w[0] ?? 0) * hit.value;
          y1 += (w[1] ?? 0) * hit.value;
          y2 += (w[2] ?? 0) * hit.value;
        }
        const p = frameWeights.get(hit.shared);
        if (p !== undefined) {
          y0 += (p[0] ?? 0) * hit.sharedValue;
          y1 += (p[1] ?? 0) * hit.sharedValue;
          y2 += (p[2] ?? 0) * hit.sharedValue;
        }
      }
    }
    const top = Math.max(y0, y1, y2);
    const e0 = Math.exp(y0 - top);
    const e1 = Math.exp(y1 - top);
    const e2 = Math.exp(y2 - top);
    const sum = e0 + e1 + e2;
    const probs: [number, number, number] = [e0 / sum, e1 / sum, e2 / sum];
    return { score: labelled(probs, probs[2] - probs[0]), raw: y2 - y0, probs };
  };

  const scoreText = (text: string): ScoredText => {
    scan(text, tokens, tokenIds);
    return score(
      tokens.id,
      tokens.n,
      rareTriggers(text),
      text,
      tokens.placeholder ? tokens.id.subarray(0, tokens.n).indexOf(ENT_ID) : -1,
      -1,
    );
  };

  // The sentence whose clauses are being scored, for the visitor below (made once, not per call).
  let current = '';
  let currentMentions: ReadonlyArray<KeyedSpan<unknown>> = [];
  let currentRefs: Int32Array = clauseIds;
  let currentCount = 0;
  let into: Map<unknown, ScoredText> = new Map();
  /** Where each of the visited clause's token refs starts in its text (filled by clauseText). */
  let clauseStarts = new Int32Array(256);
  const clauseText = (): string => {
    if (clauseStarts.length < currentCount) clauseStarts = new Int32Array(2 * currentCount);
    return refsText(current, tokens, currentRefs, currentCount, currentMentions, clauseStarts);
  };
  const visitClause = (key: unknown, refs: Int32Array, n: number): void => {
    if (clauseIds.length < n) clauseIds = new Int32Array(2 * n);
    // Which link a clause holds is not tracked: every link of the sentence may be in it.
    let clauseMask = linkTriggers;
    const { id } = tokens;
    const rare = tokens.rare;
    let firstEnt = -1;
    for (let r = 0; r < n; r++) {
      const ref = refs[r] as number;
      let t: number;
      if (ref >= 0) {
        t = id[ref] as number;
        if (rare) clauseMask |= extras[ref] as number;
      } else t = ref === SEMI ? SEMI_ID : refIsOwn(ref) ? ENT_ID : OTH_ID;
      clauseIds[r] = t;
      if (t === ENT_ID && firstEnt < 0) firstEnt = r;
    }
    currentRefs = refs;
    currentCount = n;
    const named = firstEnt >= 0 ? nameToken(tokens, currentMentions, key) : -1;
    into.set(key, score(clauseIds, n, clauseMask, null, firstEnt, named >= 0 ? (id[named] as number) : -1));
  };

  return {
    text: scoreText,
    sentence<K>(
      sentence: string,
      mentions: ReadonlyArray<KeyedSpan<K>> | null,
      entities?: Map<K, ScoredText>,
    ): ScoredText {
      scan(sentence, tokens, tokenIds);
      current = sentence;
      const whole = score(
        tokens.id,
        tokens.n,
        rareTriggers(sentence),
        sentence,
        tokens.placeholder ? tokens.id.subarray(0, tokens.n).indexOf(ENT_ID) : -1,
        -1,
      );
      if (mentions === null || mentions.length === 0 || entities === undefined) return whole;
      currentMentions = mentions;
      into = entities;
      visitClauses(sentence, tokens, mentions, visitClause);
      return whole;
    },
  };
}

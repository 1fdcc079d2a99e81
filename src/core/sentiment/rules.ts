// Finance phrase rules. Each fires a named feature whose weight the trained model learns,
// so "beat estimates" is one piece of evidence rather than "beat" (violence) plus noise.
//
// Every rule also names trigger words: whole words at least one of which any match contains,
// and, where it can, a second list of which any match also holds one ("beat" and "estimates").
// The scorer runs a rule's regex only when its words are among a text's tokens, which skips
// almost every regex on almost every sentence without changing what fires.

export interface PhraseRule {
  readonly name: string;
  /** Good (+1), bad (-1) or neither (0) for the company the text is about: the shared polarity feature it also feeds (frames.ts). */
  readonly polarity: 1 | -1 | 0;
  readonly pattern: RegExp;
  /** Whole words (as \b-bounded runs of a-z in the lowercased text), one of which every match contains. */
  readonly triggers: readonly string[];
  /** Tokens (whole words, or "%") one of which every match also contains, besides a trigger. */
  readonly also?: readonly string[];
  /** A cheaper pattern every match also contains, tested before the rule's own. */
  readonly requires?: RegExp;
  /**
   * Whole words one of which every match starts with: the scorer starts the rule's search at the
   * first of them among a text's tokens instead of trying the pattern at every position before it.
   * Absent: the search starts at the beginning ("52-week high" starts with a number).
   */
  readonly leads?: readonly string[];
}

const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;

const UP_WORDS = [
  'up',
  'rise',
  'rises',
  'rose',
  'risen',
  'rising',
  'gain',
  'gains',
  'gained',
  'gaining',
  'jump',
  'jumps',
  'jumped',
  'jumping',
  'surge',
  'surges',
  'surged',
  'surging',
  'climb',
  'climbs',
  'climbed',
  'climbing',
  'soar',
  'soars',
  'soared',
  'soaring',
  'higher',
  'add',
  'adds',
  'added',
  'rally',
  'rallies',
  'rallied',
  'rallying',
  'spurt',
  'spurts',
  'spurted',
  'zoom',
  'zooms',
  'zoomed',
  'advance',
  'advances',
  'advanced',
  'increase',
  'increases',
  'increased',
  'grow',
  'grows',
  'grew',
  'growth',
];
const DOWN_WORDS = [
  'down',
  'fall',
  'falls',
  'fell',
  'falling',
  'drop',
  'drops',
  'dropped',
  'dropping',
  'slip',
  'slips',
  'slipped',
  'slipping',
  'slide',
  'slides',
  'slid',
  'sliding',
  'decline',
  'declines',
  'declined',
  'declining',
  'shed',
  'sheds',
  'lose',
  'loses',
  'lost',
  'losing',
  'lower',
  'tumble',
  'tumbles',
  'tumbled',
  'plunge',
  'plunges',
  'plunged',
  'plunging',
  'sink',
  'sinks',
  'sank',
  'sinking',
  'dip',
  'dips',
  'dipped',
  'slump',
  'slumps',
  'slumped',
  'crash',
  'crashes',
  'crashed',
  'tank',
  'tanks',
  'tanked',
  'decrease',
  'decreases',
  'decreased',
  'plummet',
  'plummets',
  'plummeted',
  'skid',
  'skids',
  'skidded',
];
const EXPECT_WORDS = [
  'estimate',
  'estimates',
  'expectation',
  'expectations',
  'forecast',
  'forecasts',
  'consensus',
  'view',
  'views',
  'street',
  'projection',
  'projections',
];
const GUIDE_WORDS = [
  'guidance',
  'outlook',
  'forecast',
  'forecasts',
  'target',
  'targets',
  'dividend',
  'dividends',
  'payout',
  'payouts',
  'view',
  'views',
  'estimate',
  'estimates',
  'projection',
  'projections',
];
const HEDGE_WORDS = [
  'may',
  'might',
  'could',
  'likely',
  'reportedly',
  'considers',
  'consider',
  'considering',
  'mull',
  'mulls',
  'eyes',
  'seek',
  'seeks',
];

const UP = alt(UP_WORDS);
const DOWN = alt(DOWN_WORDS);
const EXPECT = alt(EXPECT_WORDS);
const GUIDE = alt(GUIDE_WORDS);
// The unit is a whole word ("5 pct" and "5 percentage points" count; "5 pcs" does not), so every
// match holds one of PERCENT as a token, as the scorer's triggers assume.
const NUM = String.raw`(?:_num_|\d[\d.,]*)\s?(?:%|(?:percent|percentage|pct|pc|per cent)\b)`;
const NUM_RE = new RegExp(NUM);
// What every NUM match holds as a token: "%", or a word of "percent", "percentage", "pct", "pc", "per cent".
const PERCENT = ['%', 'percent', 'percentage', 'pct', 'pc', 'per'];
// A word of every "record high" qualifier: record, all-time, 52-week, lifetime, fresh, new.
const RECORD = ['record', 'time', 'week', 'lifetime', 'fresh', 'new'];
const GAP = String.raw`[^;:!?]{0,40}?`;

const BEAT_WORDS = [
  'beat',
  'beats',
  'beating',
  'top',
  'tops',
  'topped',
  'exceed',
  'exceeds',
  'exceeded',
  'surpass',
  'surpasses',
  'surpassed',
  'above',
  'ahead',
];
const MISS_WORDS = [
  'miss',
  'misses',
  'missed',
  'short',
  'below',
  'lag',
  'lags',
  'lagged',
  'trail',
  'trails',
  'trailed',
  'disappoint',
  'disappoints',
];
const RAISE_WORDS = [
  'raise',
  'raises',
  'raised',
  'raising',
  'lift',
  'lifts',
  'lifted',
  'boost',
  'boosts',
  'boosted',
  'hike',
  'hikes',
  'hiked',
  'ups',
  'upped',
  'increase',
  'increases',
  'increased',
];
const CUT_WORDS = [
  'cut',
  'cuts',
  'cutting',
  'lower',
  'lowers',
  'lowered',
  'trim',
  'trims',
  'trimmed',
  'slash',
  'slashes',
  'slashed',
  'reduce',
  'reduces',
  'reduced',
  'pull',
  'pulls',
  'pulled',
  'withdraw',
  'withdraws',
  'withdrew',
  'suspend',
  'suspends',
  'suspended',
  'scrap',
  'scraps',
  'scrapped',
  'cancel',
  'cancels',
  'cancelled',
  'canceled',
  'omit',
  'omits',
  'omitted',
  'skip',
  'skips',
  'skipped',
];
const HEDGE_TRIGGERS = [...HEDGE_WORDS, 'expected', 'plan', 'plans', 'aim', 'aims'];

export const PHRASE_RULES: readonly PhraseRule[] = [
  {
    name: 'beat-estimates',
    polarity: 1,
    pattern: new RegExp(
      String.raw`\b(?:beats?|beating|tops?|topped|exceeds?|exceeded|surpass(?:es|ed)?|above|ahead of)\b${GAP}\b${EXPECT}\b`,
    ),
    triggers: EXPECT_WORDS,
    also: BEAT_WORDS,
    leads: BEAT_WORDS,
  },
  {
    name: 'miss-estimates',
    polarity: -1,
    pattern: new RegExp(
      String.raw`\b(?:miss(?:es|ed)?|short of|below|lags?|lagged|trails?|trailed|disappoints?)\b${GAP}\b${EXPECT}\b`,
    ),
    triggers: EXPECT_WORDS,
    also: MISS_WORDS,
    leads: MISS_WORDS,
  },
  {
    name: 'raise-guidance',
    polarity: 1,
    pattern: new RegExp(
      String.raw`\b(?:raises?|raised|raising|lifts?|lifted|boosts?|boosted|hikes?|hiked|ups|upped|increases?|increased)\b${GAP}\b${GUIDE}\b`,
    ),
    triggers: GUIDE_WORDS,
    also: RAISE_WORDS,
    leads: RAISE_WORDS,
  },
  {
    name: 'cut-guidance',
    polarity: -1,
    pattern: new RegExp(
      String.raw`\b(?:cuts?|cutting|lowers?|lowered|trims?|trimmed|slash(?:es|ed)?|reduces?|reduced|pulls?|pulled|withdraws?|withdrew|suspends?|suspended|scraps?|scrapped|cancel(?:s|led|ed)?|omits?|omitted|skips?|skipped)\b${GAP}\b${GUIDE}\b`,
    ),
    triggers: GUIDE_WORDS,
    also: CUT_WORDS,
    leads: CUT_WORDS,
  },
  {
    name: 'upgrade',
    polarity: 1,
    pattern:
      /\b(?:upgrades?|upgraded|raises? to (?:buy|outperform|overweight)|(?:initiates?|starts?) (?:at |with )?(?:buy|outperform|overweight))\b/,
    triggers: ['upgrade', 'upgrades', 'upgraded', 'buy', 'outperform', 'overweight'],
    leads: ['upgrade', 'upgrades', 'upgraded', 'raise', 'raises', 'initiate', 'initiates', 'start', 'starts'],
  },
  {
    name: 'downgrade',
    polarity: -1,
    pattern:
      /\b(?:downgrades?|downgraded|cuts? to (?:hold|neutral|sell|underweight|underperform|market perform|equal weight)|lowers? to (?:hold|neutral|sell|underweight))\b/,
    triggers: [
      'downgrade',
      'downgrades',
      'downgraded',
      'hold',
      'neutral',
      'sell',
      'underweight',
      'underperform',
      'perform',
      'weight',
    ],
    leads: ['downgrade', 'downgrades', 'downgraded', 'cut', 'cuts', 'lower', 'lowers'],
  },
  {
    name: 'up-percent',
    polarity: 1,
    pattern: new RegExp(String.raw`\b${UP}\b[^;:!?]{0,25}?${NUM}`),
    triggers: UP_WORDS,
    also: PERCENT,
    requires: NUM_RE,
    leads: UP_WORDS,
  },
  {
    name: 'down-percent',
    polarity: -1,
    pattern: new RegExp(String.raw`\b${DOWN}\b[^;:!?]{0,25}?${NUM}`),
    triggers: DOWN_WORDS,
    also: PERCENT,
    requires: NUM_RE,
    leads: DOWN_WORDS,
  },
  {
    name: 'record-high',
    polarity: 1,
    pattern: /\b(?:record|all[- ]time|52[- ]week|lifetime|fresh|new) highs?\b/,
    triggers: ['high', 'highs'],
    also: RECORD,
  },
  {
    name: 'record-low',
    polarity: -1,
    pattern: /\b(?:record|all[- ]time|52[- ]week|lifetime|fresh|new|multi[- ]year) lows?\b/,
    triggers: ['low', 'lows'],
    also: [...RECORD, 'year'],
  },
  {
    name: 'loss-widens',
    polarity: -1,
    pattern: /\b(?:loss(?:es)?|deficit) (?:widens?|widened|swells?|deepens?)\b|\bwider (?:net )?loss\b/,
    triggers: ['loss', 'losses', 'deficit', 'wider'],
    leads: ['loss', 'losses', 'deficit', 'wider'],
  },
  {
    name: 'loss-narrows',
    polarity: 1,
    pattern: /\b(?:loss(?:es)?) (?:narrows?|narrowed|shrinks?)\b|\bnarrower (?:net )?loss\b/,
    triggers: ['loss', 'losses', 'narrower'],
    leads: ['loss', 'losses', 'narrower'],
  },
  {
    name: 'better-than-expected',
    polarity: 1,
    pattern:
      /\b(?:better|stronger|bigger|faster|greater|larger|higher)[- ]than[- ](?:expected|estimated|forecast|anticipated|feared)\b/,
    triggers: ['expected', 'estimated', 'forecast', 'anticipated', 'feared'],
    also: ['than'],
    leads: ['better', 'stronger', 'bigger', 'faster', 'greater', 'larger', 'higher'],
  },
  {
    name: 'worse-than-expected',
    polarity: -1,
    pattern:
      /\b(?:worse|weaker|smaller|lower|less|slower|softer)[- ]than[- ](?:expected|estimated|forecast|anticipated|feared)\b/,
    triggers: ['expected', 'estimated', 'forecast', 'anticipated', 'feared'],
    also: ['than'],
    leads: ['worse', 'weaker', 'smaller', 'lower', 'less', 'slower', 'softer'],
  },
  {
    name: 'hedge',
    polarity: 0,
    pattern: new RegExp(String.raw`\b(?:${HEDGE_WORDS.join('|')}|expected to|plans? to|aims? to|to consider)\b`),
    triggers: HEDGE_TRIGGERS,
    leads: [...HEDGE_TRIGGERS, 'to'],
  },
];

/** Every rule, as a mask (bit i = PHRASE_RULES[i]). */
const ALL_RULES = (1 << PHRASE_RULES.length) - 1;
if (PHRASE_RULES.length > 15) throw new Error('rule masks hold at most 15 rules');

/** The rules with no second word list: their second half is always present. */
const NEEDS_NO_SECOND = PHRASE_RULES.reduce((m, r, i) => (r.also === undefined ? m | (1 << i) : m), 0);

/**
 * Token -> the rules it may take part in: bit i when it is one of rule i's triggers, bit 16 + i
 * when it is one of rule i's `also` words. OR the masks of a text's tokens, then rulesToTry.
 */
export function ruleTriggers(): Map<string, number> {
  const m = new Map<string, number>();
  PHRASE_RULES.forEach((rule, i) => {
    for (const w of rule.triggers) m.set(w, (m.get(w) ?? 0) | (1 << i));
    for (const w of rule.also ?? []) m.set(w, (m.get(w) ?? 0) | (1 << (16 + i)));
  });
  return m;
}

/** The rules worth running for a text whose tokens' trigger masks OR to `mask`. */
export function rulesToTry(mask: number): number {
  return mask & ALL_RULES & ((mask >>> 16) | NEEDS_NO_SECOND);
}

export interface RuleHit {
  readonly name: string;
  readonly polarity: 1 | -1 | 0;
  readonly index: number;
  /** Where the match ends. */
  readonly end: number;
}

/** Rule names that fire in already-lowercased text, with where they matched; `mask` limits which rules run. */
export function matchRules(lower: string, mask = ALL_RULES): RuleHit[] {
  const hits: RuleHit[] = [];
  for (let i = 0; i < PHRASE_RULES.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const rule = PHRASE_RULES[i] as PhraseRule;
    if (rule.requires !== undefined && !rule.requires.test(lower)) continue;
    const m = rule.pattern.exec(lower);
    if (m !== null) hits.push({ name: rule.name, polarity: rule.polarity, index: m.index, end: m.index + m[0].length });
  }
  return hits;
}

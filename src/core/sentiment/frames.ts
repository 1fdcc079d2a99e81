// Finance frames: what a sentence says happened to the company, read the way financial text is
// written rather than learned word by word from two datasets. A metric and the way it moved
// ("operating profit rose", "loss narrowed", "costs up 5%", "sales fell from EUR 9 mn to EUR 7 mn"),
// an expectation or guidance, an analyst's action, a capital or corporate event, a legal or
// regulatory event. Each frame is good (+1), bad (-1) or neither (0) for the company the text is
// about; negation flips it, a contrast or a concession discounts it, as for the other features.
//
// One definition, three readers: `frameFeatures` is called by the named features (features.ts:
// training and --explain) and by the compiled scorer on the same lowercased text, and
// `FRAME_PRIORS` gives the weights the trainer starts from and is pulled back to, so wording the
// training data never shows still moves the score the way finance reads it.
import { isSpace } from '../text/chars.ts';
import { CONTRAST_DISCOUNT, DISCOUNT } from './discounts.ts';

export interface FinanceFrame {
  readonly name: string;
  /** Good (+1), bad (-1) or neither (0) for the company the text is about. */
  readonly polarity: 1 | -1 | 0;
  readonly pattern: RegExp;
  /** Whole words (\b-bounded runs of a-z), one of which every match contains: the scorer runs the pattern only when one is a token. */
  readonly triggers: readonly string[];
  /** Whole words one of which every match also contains, besides a trigger (the direction of a metric frame). */
  readonly also?: readonly string[];
  /** A legal or regulatory event: undone by "dismissed", "dropped", "cleared", "lifted" as well as by negation. */
  readonly legal?: boolean;
  /** An act one company does to another (rates, fines, sues): when the judged company is the one acting, it reads as neither. */
  readonly actor?: boolean;
  /** A loss one company suffers to another ("loses case to"): for the company it is lost to, it reads the other way. */
  readonly lostTo?: boolean;
  /** For a frame read off numbers: its polarity from the match, 0 when the numbers say nothing. */
  readonly fromNumbers?: (m: RegExpExecArray) => 1 | -1 | 0;
  /**
   * Whole words (runs of a-z) one of which every match starts with, or (`leadsBefore`) whose word
   * before it starts the match: the scorer then searches from the first of them instead of trying
   * the pattern at every position of the text (a pattern with no literal prefix).
   */
  readonly leads?: readonly string[];
  readonly leadsBefore?: readonly string[];
}

const alt = (words: readonly string[]): string => `(?:${words.join('|')})`;
const words = (s: string): string[] => s.split(' ');

const GOOD_METRIC_WORDS = words(
  'revenue revenues sales turnover orders order bookings backlog profit profits income earnings ebitda ebit eps margin margins share cash flow dividend dividends deliveries shipments volume volumes demand subscribers net',
);
const BAD_METRIC_WORDS = words(
  'loss losses costs cost expenses expense debt debts borrowings impairment impairments writedown writedowns write churn deficit provisions npas npa liabilities',
);
// "Q3 net up 40%": "net" alone is net profit, unless a bad metric or a flow follows it.
const NET_ALONE = String.raw`net(?! (?:loss|losses|debt|debts|borrowings|expenses?|costs?|npas?|outflows?|inflows?|sell|selling|sellers?|sold|buy|buying|buyers?|bought|interest|asset|assets|worth|impairments?|deficit|charges?|charge-offs?|write-?offs?|\w+ (?:loss|losses|debt|costs?|expenses?))\b)`;
const GOOD_METRIC = String.raw`(?:(?:net |total |gross |operating |pre-tax |pretax |comparable |quarterly |annual |adjusted )*(?:revenues?|(?:net )?sales|turnover|orders?(?: intake| book)?|bookings|backlog|profits?(?! booking| taking| warning)|(?:operating |net )?income|earnings(?! call| date| season)|ebitda|ebit|eps|earnings per share|(?:\w+ )?margins?|market share|(?:free )?cash flow|dividends?|deliveries|shipments|volumes?|demand|subscribers|${NET_ALONE}))`;
const BAD_METRIC = String.raw`(?:(?:net |total |operating |pre-tax |pretax |quarterly |annual |adjusted )*(?:loss(?:es)?|costs?|expenses?|debts?|borrowings|impairments?|write-?downs?|write-offs?|churn|deficit|provisions|npas?|liabilities))`;
const UP_WORDS = words(
  'rose rise rises risen rising increase increased increases increasing grew grow grows grown growing jump jumps jumped climb climbs climbed surge surges surged soar soars soared gain gains gained up higher improve improves improved doubled doubles tripled triples widen widens widened widening expand expands expanded advance advanced boost boosted swell swelled swelling balloon ballooned rebound rebounded',
);
const DOWN_WORDS = words(
  'fell fall falls fallen falling decline declined declines declining decrease decreased decreases decreasing drop dropped drops slid slide slides slipped slip slips sank sink sinks plunge plunged plunges tumble tumbled tumbles down lower shrank shrunk shrink shrinks narrow narrowed narrows narrowing contracted contract contracts reduced reduce reduces cut cuts slashed eased eases dipped dip dips weakened halved lowered trimmed slump slumped',
);
const UP_VERB = alt(UP_WORDS);
const DOWN_VERB = alt(DOWN_WORDS);
const UP_ADJ = words('higher increased rising growing improved strong stronger record bigger wider larger expanded');
const DOWN_ADJ = words('lower reduced falling declining weak weaker smaller narrower shrinking decreased');
// Between a metric and its verb: no clause break (", " ends it; "1,200" does not).
const GAP = String.raw`(?:(?!, )[^;:!?]){0,40}?`;
const AFTER = (metric: string, verb: string): string => String.raw`\b${metric}\b${GAP}\b${verb}\b`;
const BEFORE = (adj: readonly string[], metric: string): string => String.raw`\b${alt(adj)} (?:[a-z-]+ )?${metric}\b`;

// Numbers as written: "EUR 13.1 mn", "$1.3 billion", "Rs 301 crore", "8.7".
const NUM = String.raw`(?:[a-z]{2,3}\.? ?|[$€£¥] ?)?(\d[\d,]*(?:\.\d+)?) ?(k|thousand|m|mn|mln|million|b|bn|billion|crore|cr|lakh)?\b`;
const SCALE: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  lakh: 1e5,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  million: 1e6,
  crore: 1e7,
  cr: 1e7,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};
const valueOf = (digits: string | undefined, scale: string | undefined): number =>
  Number((digits ?? '').replace(/,/g, '')) * (scale === undefined ? 1 : (SCALE[scale] ?? 1));
/** +1 when the first number is above the second, -1 below, 0 when equal or unreadable; `newFirst` says which of the two is the later figure. */
function moved(m: RegExpExecArray, newFirst: boolean): 1 | -1 | 0 {
  const a = valueOf(m[1], m[2]);
  const b = valueOf(m[3], m[4]);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return 0;
  return a > b === newFirst ? 1 : -1;
}
// "from Y to X" (Y earlier) and "X compared with Y" (X later), after a metric.
const FROM_TO = String.raw`${GAP}\bfrom ${NUM}[^;:!?]{0,12}?\bto ${NUM}`;
const COMPARED_WORDS = ['compared', 'versus', 'vs', 'against', 'from'];
const COMPARED = String.raw`[^;:!?]{0,40}?${NUM}[^;:!?]{0,25}?\b(?:compared (?:with|to)|versus|vs|against|as against|from|up from|down from)\b[^;:!?\d]{0,20}?${NUM}`;

// "cuts costs", "reduced its debt", "repaid debt".
const CUT_VERBS = words(
  'cut cuts cutting reduce reduces reduced reducing lower lowers lowered lowering slash slashes slashed slashing trim trims trimmed trimming down repay repays repaid repaying',
);
const CUTS_BAD = String.raw`\b(?:cut|cuts|cutting|reduce|reduces|reduced|reducing|lower|lowers|lowered|lowering|slash|slashes|slashed|slashing|trim|trims|trimmed|trimming|pa(?:y|ys|id|ying) down|repay|repays|repaid|repaying) (?:its |the |their )?(?:[a-z-]+ )?${BAD_METRIC}\b`;
const UP_ALSO = [...UP_WORDS, ...UP_ADJ];
const DOWN_ALSO = [...DOWN_WORDS, ...DOWN_ADJ];

// The words a metric match starts with: GOOD_METRIC and BAD_METRIC's qualifiers, then the first word
// of each metric; "(?:\w+ )?margins?" starts a word before "margin" (METRIC_LEADS_BEFORE).
const GOOD_METRIC_LEADS = words(
  'net total gross operating pre pretax comparable quarterly annual adjusted revenue revenues sales turnover order orders bookings backlog profit profits income earnings ebitda ebit eps margin margins market free cash dividend dividends deliveries shipments volume volumes demand subscribers',
);
const BAD_METRIC_LEADS = words(
  'net total operating pre pretax quarterly annual adjusted loss losses cost costs expense expenses debt debts borrowings impairment impairments write writedown writedowns churn deficit provisions npa npas liabilities',
);
const METRIC_LEADS_BEFORE = ['margin', 'margins'];
const CUTS_BAD_LEADS = [...CUT_VERBS, 'pay', 'pays', 'paid', 'paying'];
const good = (more: readonly string[] = []): Pick<FinanceFrame, 'leads' | 'leadsBefore'> => ({
  leads: [...GOOD_METRIC_LEADS, ...more],
  leadsBefore: METRIC_LEADS_BEFORE,
});
const bad = (more: readonly string[] = []): Pick<FinanceFrame, 'leads'> => ({ leads: [...BAD_METRIC_LEADS, ...more] });

const SETBACK_VERBS = words(
  'reject rejects rejected rejecting rebuff rebuffs rebuffed deny denies denied refuse refuses refused blocks blocked lose loses lost losing',
);
const SETBACK_OBJECTS = words(
  'application applications approval licence license licences licenses permit permits merger deal takeover bid contract contracts tender tenders case appeal customer customers client clients mandate',
);

export const FINANCE_FRAMES: readonly FinanceFrame[] = [
  {
    name: 'good-metric-up',
    polarity: 1,
    pattern: new RegExp(`${AFTER(GOOD_METRIC, UP_VERB)}|${BEFORE(UP_ADJ, GOOD_METRIC)}`),
    triggers: GOOD_METRIC_WORDS,
    also: UP_ALSO,
    ...good(UP_ADJ),
  },
  {
    name: 'good-metric-down',
    polarity: -1,
    pattern: new RegExp(`${AFTER(GOOD_METRIC, DOWN_VERB)}|${BEFORE(DOWN_ADJ, GOOD_METRIC)}`),
    triggers: GOOD_METRIC_WORDS,
    also: DOWN_ALSO,
    ...good(DOWN_ADJ),
  },
  {
    name: 'bad-metric-up',
    polarity: -1,
    pattern: new RegExp(`${AFTER(BAD_METRIC, UP_VERB)}|${BEFORE(UP_ADJ, BAD_METRIC)}`),
    triggers: BAD_METRIC_WORDS,
    also: UP_ALSO,
    ...bad(UP_ADJ),
  },
  {
    name: 'bad-metric-down',
    polarity: 1,
    pattern: new RegExp(`${AFTER(BAD_METRIC, DOWN_VERB)}|${BEFORE(DOWN_ADJ, BAD_METRIC)}|${CUTS_BAD}`),
    triggers: BAD_METRIC_WORDS,
    also: [...DOWN_ALSO, ...CUT_VERBS],
    ...bad([...DOWN_ADJ, ...CUTS_BAD_LEADS]),
  },
  // The direction in the numbers: the metric's polarity times the way the figure moved.
  {
    name: 'good-metric-from-to',
    polarity: 1,
    pattern: new RegExp(String.raw`\b${GOOD_METRIC}\b${FROM_TO}`),
    triggers: GOOD_METRIC_WORDS,
    also: ['from'],
    fromNumbers: (m) => moved(m, false),
    ...good(),
  },
  {
    name: 'bad-metric-from-to',
    polarity: -1,
    pattern: new RegExp(String.raw`\b${BAD_METRIC}\b${FROM_TO}`),
    triggers: BAD_METRIC_WORDS,
    also: ['from'],
    fromNumbers: (m) => moved(m, false),
    ...bad(),
  },
  {
    name: 'good-metric-compared',
    polarity: 1,
    pattern: new RegExp(String.raw`\b${GOOD_METRIC}\b${COMPARED}`),
    triggers: GOOD_METRIC_WORDS,
    also: COMPARED_WORDS,
    fromNumbers: (m) => moved(m, true),
    ...good(),
  },
  {
    name: 'bad-metric-compared',
    polarity: -1,
    pattern: new RegExp(String.raw`\b${BAD_METRIC}\b${COMPARED}`),
    triggers: BAD_METRIC_WORDS,
    also: COMPARED_WORDS,
    fromNumbers: (m) => moved(m, true),
    ...bad(),
  },
  {
    name: 'swung-to-loss',
    polarity: -1,
    pattern:
      /\b(?:swung|swings?|turned|turns|slipped|slips|fell|falls|plunged|sank|dipped) (?:in)?to (?:a |an )?(?:\w+ )?(?:loss|red)\b|\bin the red\b/,
    triggers: ['loss', 'red'],
  },
  {
    name: 'swung-to-profit',
    polarity: 1,
    pattern:
      /\b(?:swung|swings?|turned|turns|returned|returns?|back) (?:in)?to (?:a |an )?(?:\w+ )?(?:profit|profitability|black)\b|\bin the black\b|\bturn(?:s|ed)? (?:a )?profit\b/,
    triggers: ['profit', 'profitability', 'black'],
  },
  {
    name: 'reports-loss',
    polarity: -1,
    pattern:
      /\b(?:posts?|posted|reports?|reported|books?|booked|records?|recorded|logs?|logged|suffers?|suffered|incurs?|incurred) (?:a |an |its )?(?:[\w-]+ ){0,2}(?:net )?loss(?:es)?\b/,
    triggers: ['loss', 'losses'],
  },
  // Expectations and guidance (beat, miss, raise and cut are phrase rules: rules.ts).
  {
    name: 'guidance-reaffirmed',
    polarity: 1,
    pattern:
      /\b(?:reaffirm|reiterat|confirm|maintain)\w* (?:its |the |their )?(?:[\w-]+ ){0,2}(?:guidance|outlook|forecasts?|targets?)\b/,
    triggers: ['guidance', 'outlook', 'forecast', 'forecasts', 'target', 'targets'],
  },
  {
    name: 'profit-warning',
    polarity: -1,
    pattern:
      /\b(?:profit|earnings) warnings?\b|\bwarns? (?:on|of|about) (?:[\w-]+ ){0,2}(?:profits?|earnings|sales|revenues?|results|demand|outlook)\b/,
    triggers: ['warning', 'warnings', 'warn', 'warns'],
  },
  { name: 'falls-short', polarity: -1, pattern: /\bf(?:a|e)ll(?:s|ing)? short\b/, triggers: ['short'] },
  {
    name: 'in-line',
    polarity: 0,
    pattern: /\bin line with (?:[\w-]+ ){0,2}(?:expectations|estimates|forecasts?|consensus|guidance)\b|\bin-line\b/,
    triggers: ['line'],
  },
  // Analyst actions on the rated company (the active forms are phrase rules: upgrade, downgrade, raise-guidance, cut-guidance).
  {
    name: 'analyst-positive',
    polarity: 1,
    pattern:
      /\b(?:price )?target (?:is |was )?(?:raised|lifted|increased|hiked|upped)\b|(?:^\s*|(?<=[:;!?.]\s+))buy\s+_ent_|\b(?:accumulate|bet on|invest in|bullish on)\s+_ent_|_ent_\s+(?:is |looks |remains )?(?:a |an )?(?:good |strong |top )?(?:buy|outperformer)\b|\b(?:initiat\w*|start\w*|begins?|resum\w*|rates?|rated|reiterat\w*|maintain\w*|ups|upped) (?:coverage )?(?:[\w-]+ ){0,3}(?:at|with|as|to) (?:an? )?(?:buy|outperform|overweight|strong buy|accumulate)\b/,
    triggers: ['target', 'buy', 'outperform', 'overweight', 'accumulate', 'bet', 'invest', 'bullish', 'outperformer'],
    actor: true,
  },
  {
    name: 'analyst-negative',
    polarity: -1,
    pattern:
      /\b(?:price )?target (?:is |was )?(?:cut|lowered|reduced|slashed|trimmed)\b|(?:^\s*|(?<=[:;!?.]\s+))(?:sell|short|exit|go short on)\s+_ent_|\bbearish on\s+_ent_|_ent_\s+(?:is |looks )?(?:a )?(?:sell|short)\b|\b(?:initiat\w*|start\w*|begins?|resum\w*|rates?|rated|reiterat\w*|maintain\w*) (?:coverage )?(?:[\w-]+ ){0,3}(?:at|with|as|to) (?:an? )?(?:sell|underweight|underperform|reduce|strong sell)\b/,
    triggers: ['target', 'sell', 'underweight', 'underperform', 'reduce', 'short', 'exit', 'bearish'],
    actor: true,
  },
  // Capital and corporate events.
  {
    name: 'buyback',
    polarity: 1,
    pattern:
      /\b(?:buy-?backs?|share repurchases?|stock repurchases?|repurchase (?:program|plan|programme)|buy back (?:[\w-]+ ){0,3}shares)\b/,
    triggers: ['buyback', 'buybacks', 'buy', 'repurchase', 'repurchases'],
  },
  {
    name: 'dilution',
    polarity: -1,
    pattern:
      /\b(?:dilut\w+|(?:share|stock|equity|secondary) offerings?|rights issue|sells? (?:new )?shares|placement of (?:new )?shares)\b/,
    triggers: [
      'dilute',
      'dilutive',
      'dilution',
      'dilutions',
      'diluted',
      'dilutes',
      'diluting',
      'offering',
      'offerings',
      'issue',
      'shares',
    ],
  },
  {
    name: 'layoffs',
    polarity: -1,
    pattern:
      /\b(?:lay-?offs?|laid off|lay off|lays off|job cuts?|(?:cut|cuts|cutting|slash\w*|eliminat\w*) (?:[\w,-]+ ){0,2}(?:jobs|positions|workers|staff|employees)|redundanc(?:y|ies))\b/,
    triggers: [
      'layoff',
      'layoffs',
      'laid',
      'lay',
      'lays',
      'job',
      'jobs',
      'positions',
      'workers',
      'staff',
      'employees',
      'redundancy',
      'redundancies',
    ],
  },
  {
    name: 'distress',
    polarity: -1,
    pattern:
      /\b(?:bankrupt(?:cy|cies)?|chapter 11|insolven(?:t|cy)|receivership|liquidation|delist(?:ed|ing|s)?|default(?:s|ed)? on|(?:debt|payment|loan) defaults?|defaulted|going concern)\b/,
    triggers: [
      'bankrupt',
      'bankruptcy',
      'bankruptcies',
      'chapter',
      'insolvent',
      'insolvency',
      'receivership',
      'liquidation',
      'delist',
      'delisted',
      'delisting',
      'delists',
      'default',
      'defaults',
      'defaulted',
      'concern',
    ],
  },
  {
    name: 'takeover-premium',
    polarity: 1,
    pattern:
      /\b(?:at|a|an) (?:\d[\d.,]* ?(?:%|percent|pc|per cent) )?premium\b|\b\d[\d.,]* ?(?:%|percent|pc|per cent) premium\b|\b(?:agrees? to be|to be|will be) (?:acquired|bought)\b/,
    triggers: ['premium', 'acquired', 'bought'],
  },
  // Legal and regulatory events: "fine" the noun (fined, a fine of, a record privacy fine), not the adjective.
  {
    name: 'fine',
    polarity: -1,
    pattern:
      /\b(?:fined|fines|penalty|penalties|penalised|penalized)\b|\b(?:(?:record|hefty|huge|massive|big|antitrust|privacy|regulatory|competition|eu|sec|ftc|cma|million|billion|mn|bn|m|b|[$€£]?\d[\d.,]*[mb]?) )+fine\b|\b(?:a|the) fine (?:of|over|for|from|against|by|in|after|on)\b/,
    triggers: ['fined', 'fines', 'fine', 'penalty', 'penalties', 'penalised', 'penalized'],
    legal: true,
    actor: true,
  },
  // Paying to end a case is a cost; settling alone ends the uncertainty at a price the text may not say.
  {
    name: 'pays-to-settle',
    polarity: -1,
    pattern:
      /\b(?:pay|pays|paid|paying|agrees? to pay|shell(?:s|ed)? out) (?:[\w$.,-]+ ){0,4}(?:to settle|to resolve|in (?:a )?settlement|settlement|fines?|penalt(?:y|ies)|damages|compensation)\b/,
    triggers: ['settle', 'resolve', 'settlement', 'fine', 'fines', 'penalty', 'penalties', 'damages', 'compensation'],
    legal: true,
  },
  {
    name: 'settles',
    polarity: -1,
    pattern:
      /\b(?:settles?|settled|settlement|settling)\b(?: [\w$.,-]+){0,4}? (?:lawsuits?|suits?|case|cases|claims?|charges|probe|litigation|allegations|dispute|action)\b/,
    triggers: ['settle', 'settles', 'settled', 'settlement', 'settling'],
    legal: true,
  },
  {
    name: 'lawsuit',
    polarity: -1,
    pattern:
      /\b(?:lawsuits?|sued|sues|suing|class action|litigation|indicted|indictment|charged with|accused|allegations?|fraud|scandal|irregularities)\b/,
    triggers: [
      'lawsuit',
      'lawsuits',
      'sued',
      'sues',
      'suing',
      'action',
      'litigation',
      'indicted',
      'indictment',
      'charged',
      'accused',
      'allegation',
      'allegations',
      'fraud',
      'scandal',
      'irregularities',
    ],
    legal: true,
    actor: true,
  },
  {
    name: 'probe',
    polarity: -1,
    pattern:
      /\b(?:probes?|probed|probing|investigation|investigations|inquiry|raids?|raided|subpoena(?:s|ed)?|scrutiny|crackdown)\b/,
    triggers: [
      'probe',
      'probes',
      'probed',
      'probing',
      'investigation',
      'investigations',
      'inquiry',
      'raid',
      'raids',
      'raided',
      'subpoena',
      'subpoenas',
      'subpoenaed',
      'scrutiny',
      'crackdown',
    ],
    legal: true,
    actor: true,
  },
  {
    name: 'recall',
    polarity: -1,
    pattern: /\brecall(?:s|ed|ing)?\b/,
    triggers: ['recall', 'recalls', 'recalled', 'recalling'],
    legal: true,
  },
  {
    name: 'ban',
    polarity: -1,
    pattern: /\b(?:bans?|banned|banning|barred|sanctions|sanctioned)\b/,
    triggers: ['ban', 'bans', 'banned', 'banning', 'barred', 'sanctions', 'sanctioned'],
    legal: true,
    actor: true,
  },
  // The judged company acting on another ("_ent_ downgrades _oth_", "_ent_ sues _oth_"): news about the other one.
  {
    name: 'acts-on-other',
    polarity: 0,
    pattern:
      /_ent_\s+(?:(?!(?:is|are|was|were|be|been|being|gets?|got|faces?|faced)\b)[a-z]+\s+){0,2}(?:upgrades?|downgrades?|initiates?|rates?|reiterates?|cuts?|raises?|lowers?|fines?|fined|sues|sued|probes?|bans?|approves?|approved)\b(?! by\b)[^;:!?]{0,40}?(?<!\b(?:by|from)\s+)_oth_/,
    triggers: ['_ent_'],
    also: words(
      'upgrade upgrades downgrade downgrades initiate initiates rate rates reiterate reiterates cut cuts raise raises lower lowers fine fines fined sues sued probe probes ban bans approve approves approved',
    ),
  },
  // A setback the company suffers at another's hands: an application or deal rejected or blocked, a
  // contract or case lost, a regulator's warning letter.
  {
    name: 'setback',
    polarity: -1,
    pattern: new RegExp(
      String.raw`\b${alt(SETBACK_VERBS)}(?:\s+[\w'-]+){0,3}?\s+${alt(SETBACK_OBJECTS)}\b|\b(?:warning|complete response) letters?\b`,
    ),
    triggers: [...SETBACK_OBJECTS, 'letter', 'letters'],
    also: [...SETBACK_VERBS, 'warning', 'response'],
    lostTo: true,
    leads: [...SETBACK_VERBS, 'warning', 'complete'],
  },
  {
    name: 'approval',
    polarity: 1,
    pattern: /\b(?:approval|approvals|approves|approved|nod|clearance)\b/,
    triggers: ['approval', 'approvals', 'approves', 'approved', 'nod', 'clearance'],
    actor: true,
  },
];

const FRAME_BY_NAME = new Map(FINANCE_FRAMES.map((f) => [f.name, f]));
if (FINANCE_FRAMES.length > 32) throw new Error('frame masks hold at most 32 frames');
export const ALL_FRAMES = 2 ** FINANCE_FRAMES.length - 1;

/** The frames with no `also` list: their second half is always present. */
export const FRAMES_WITHOUT_ALSO = FINANCE_FRAMES.reduce((m, f, i) => (f.also === undefined ? m | (1 << i) : m), 0);

/** Token -> [the frames it may trigger, the frames it is an `also` word of] (bit i = FINANCE_FRAMES[i]). */
export function frameTriggers(): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  const at = (w: string): [number, number] => {
    let e = m.get(w);
    if (e === undefined) m.set(w, (e = [0, 0]));
    return e;
  };
  FINANCE_FRAMES.forEach((f, i) => {
    for (const w of f.triggers) at(w)[0] |= 1 << i;
    for (const w of f.also ?? []) at(w)[1] |= 1 << i;
  });
  return m;
}

/** The frames with lead words (FinanceFrame.leads). */
export const FRAMES_WITH_LEADS = FINANCE_FRAMES.reduce((m, f, i) => (f.leads === undefined ? m : m | (1 << i)), 0);

/** Token -> [the frames a match of which may start with it, the frames a match of which may start a word before it]. */
export function frameLeads(): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  const at = (w: string): [number, number] => {
    let e = m.get(w);
    if (e === undefined) m.set(w, (e = [0, 0]));
    return e;
  };
  FINANCE_FRAMES.forEach((f, i) => {
    for (const w of f.leads ?? []) at(w)[0] |= 1 << i;
    for (const w of f.leadsBefore ?? []) at(w)[1] |= 1 << i;
  });
  return m;
}

/** The frames worth trying for a text whose tokens' masks OR to `triggered` and `also`. */
export function framesToTry(triggered: number, also: number): number {
  return triggered & (also | FRAMES_WITHOUT_ALSO);
}

// Negation reaches a frame from up to three words before it, or from inside it ("profit did not rise").
const NEGATED =
  /\b(?:not|no|never|without|neither|nor|cannot|unlikely|fails? to|failed to|avoids?|avoided|escapes?|escaped)\b|n't\b/;
// A legal event undone: "lawsuit dismissed", "probe dropped", "cleared of", "ban lifted".
const UNDONE =
  /\b(?:dismiss(?:es|ed)?|drops?|dropped|ends?|ended|clos(?:es|ed)|clears?|cleared|wins?|won|lift(?:s|ed)?|overturn(?:s|ed)?|revok(?:es|ed)|quash(?:es|ed)?|withdr(?:aws?|ew|awn))\b/;
const CONTRAST_WORD = /\b(?:but|however|yet)\b/;
const CONCEDES = /\b(?:despite|although|though|notwithstanding)\b(?:(?![,;:.!?] )[^])*$/;
// The judged company acting on another ("_ent_ downgrades _oth_", "_ent_ files a lawsuit against
// _oth_"): the company up to two words before the act, none of them passive ("_ent_ was fined", "_ent_
// faces a probe"), the act not passive itself ("_ent_ fined by"), and another company later in the
// clause that does not do the act ("by _oth_", "from _oth_"). "_ent_ fined $1bn" names no one acted on:
// the company was fined. The entity view puts two spaces around a company, hence \s+.
const ACTING = /_ent_\s+((?:[a-z]+\s+){0,2})$/;
const PASSIVE_LEAD = /\b(?:is|are|was|were|be|been|being|gets?|got|faces?|faced|facing|hit|receives?|received|under)\b/;
const ACTED_ON = /^[^;:!?]{0,60}?(?<!\b(?:by|from)\s+)_oth_/;
// Or the act done by it: "_oth_ sued by _ent_".
const BY_ENTITY = /^[^;:!?]{0,30}?\bby\s+_ent_/;
function actsOnOther(lower: string, at: number, end: number): boolean {
  if (BY_ENTITY.test(lower.slice(end, end + 40))) return true;
  const lead = ACTING.exec(lower.slice(Math.max(0, at - 40), at));
  if (lead === null || PASSIVE_LEAD.test(lead[1] ?? '')) return false;
  return !/^\s+by\b/.test(lower.slice(end, end + 6)) && ACTED_ON.test(lower.slice(at));
}
// A loss another company suffers to the judged one: "_oth_ loses patent case to _ent_".
const OTHER_BEFORE = /_oth_\s+(?:[a-z]+\s+){0,2}$/;
const TO_ENTITY = /^\s+(?:to|against)\s+_ent_/;

const isBreak = (c: number): boolean => c === 44 || c === 59 || c === 58 || c === 46 || c === 33 || c === 63;

/**
 * What /(?:[^\s,;:.!?]+\s+){0,3}$/ matches in s: up to three words, each followed by white space,
 * at its end. Scanned back from the end: the pattern, anchored only at the end, was tried from every
 * position of the string.
 */
function lastWords(s: string): string {
  let from = s.length;
  for (let g = 0; g < 3; g++) {
    let j = from;
    while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
    if (j === from) break;
    let k = j;
    while (k > 0 && !isSpace(s.charCodeAt(k - 1)) && !isBreak(s.charCodeAt(k - 1))) k--;
    if (k === j) break;
    from = k;
  }
  return s.slice(from);
}

/**
 * Whether the match text[start, end) is negated: a negation up to three words before it or inside
 * it ("profit did not rise", "failed to beat"), or for a legal event, an undoing word up to three
 * words after it as well ("lawsuit dismissed", "ban lifted"). Reads any case. Phrase rules and
 * frames both use it.
 */
export function negatedAround(text: string, start: number, end: number, legal = false): boolean {
  const before = text.slice(Math.max(0, start - 40), start).toLowerCase();
  const lead = lastWords(before);
  const after = legal ? text.slice(end, end + 40).toLowerCase() : '';
  const tail = /^(?:\s+[^\s,;:.!?]+){0,3}/.exec(after)?.[0] ?? '';
  const around = `${lead}${text.slice(start, end).toLowerCase()}${tail}`;
  return NEGATED.test(around) || (legal && UNDONE.test(around));
}

export interface FrameHit {
  readonly name: string;
  /** The polarity as read: the frame's, or the numbers', flipped when negated. */
  readonly polarity: 1 | -1 | 0;
  /** Its weight: 1, times DISCOUNT inside a conceded clause, times CONTRAST_DISCOUNT before "but". */
  readonly factor: number;
  readonly index: number;
}

/** Each frame's pattern as a global regex, for a search from where its first lead word is (`lastIndex`). */
const FROM_LEAD = FINANCE_FRAMES.map((f) => new RegExp(f.pattern.source, `${f.pattern.flags}g`));

/**
 * The frames that fire in already-lowercased text; `mask` limits which are tried (a frame fires at
 * most once). `starts`, when given, holds per frame (by index) a position no match of it starts
 * before (FinanceFrame.leads), -1 when none can match: the search starts there, and finds what a
 * search from 0 finds.
 */
export function detectFrames(lower: string, mask = ALL_FRAMES, starts: Int32Array | null = null): FrameHit[] {
  const hits: FrameHit[] = [];
  let contrastAt = -2;
  for (let i = 0; i < FINANCE_FRAMES.length; i++) {
    if ((mask & (1 << i)) === 0) continue;
    const frame = FINANCE_FRAMES[i] as FinanceFrame;
    let m: RegExpExecArray | null;
    if (starts === null || frame.leads === undefined) m = frame.pattern.exec(lower);
    else {
      const from = starts[i] as number;
      // No lead word anywhere: the frame cannot match.
      if (from < 0) continue;
      const search = FROM_LEAD[i] as RegExp;
      search.lastIndex = from;
      m = search.exec(lower);
    }
    if (m === null) continue;
    let polarity =
      frame.fromNumbers === undefined ? frame.polarity : ((frame.polarity * frame.fromNumbers(m)) as 1 | -1 | 0);
    if (frame.fromNumbers !== undefined && polarity === 0) continue;
    const end = m.index + m[0].length;
    const name = frame.actor === true && actsOnOther(lower, m.index, end) ? 'acts-on-other' : frame.name;
    if (name === 'acts-on-other') polarity = 0;
    else {
      if (negatedAround(lower, m.index, end, frame.legal === true)) polarity = -polarity as 1 | -1 | 0;
      if (
        frame.lostTo === true &&
        TO_ENTITY.test(lower.slice(end, end + 12)) &&
        OTHER_BEFORE.test(lower.slice(Math.max(0, m.index - 40), m.index))
      )
        polarity = -polarity as 1 | -1 | 0;
    }
    let factor = CONCEDES.test(lower.slice(0, m.index)) ? DISCOUNT : 1;
    if (contrastAt === -2) contrastAt = lower.search(CONTRAST_WORD);
    if (contrastAt > m.index) factor *= CONTRAST_DISCOUNT;
    hits.push({ name, polarity, factor, index: m.index });
  }
  return hits;
}

/** The feature a polarity adds to, besides the frame's own: what all good (bad, neither) frames share. */
export const POLARITY_FEATURE = { 1: 'f:+', [-1]: 'f:-', 0: 'f:0' } as const;

/** What one rule or frame adds: its own feature, and the polarity feature it shares with every rule and frame of that polarity. */
export interface PolarHit {
  /** `f:<name>` (or `r:<name>` for a phrase rule). */
  readonly key: string;
  /** Its value: +-factor (negative when a frame is read negated). */
  readonly value: number;
  /** `f:+`, `f:-` or `f:0`: the polarity as read. */
  readonly shared: string;
  readonly sharedValue: number;
}

/**
 * The features the frames in `lower` add. Named features and the compiled scorer both read this,
 * so a frame is scored the same on both paths by construction.
 */
export function frameFeatures(lower: string, mask = ALL_FRAMES, starts: Int32Array | null = null): PolarHit[] {
  return detectFrames(lower, mask, starts).map((hit) => {
    const own = FRAME_BY_NAME.get(hit.name);
    const reversed = own !== undefined && own.polarity !== 0 && hit.polarity !== own.polarity;
    return {
      key: `${reversed ? REVERSED_PREFIX : 'f:'}${hit.name}`,
      value: hit.factor,
      shared: POLARITY_FEATURE[hit.polarity],
      sharedValue: hit.factor,
    };
  });
}

/**
 * A frame read the other way round (negated, or numbers that moved against its direction) feeds
 * a key of its own, `f:~<name>`, at +factor: as one key at -factor, its lean away from neutral
 * would have turned into a lean towards neutral ("profit was 8.7, compared with 13.1" read as less
 * polar than no frame at all).
 */
export const REVERSED_PREFIX = 'f:~';

/** How strongly a frame's polarity reads before any training: the weights training starts from and is pulled back to. */
export const PRIOR_STRENGTH = 1.5;
/** How far the shared polarity features lean away from neutral before training (0: only against the other side). */
export const PRIOR_NEUTRAL = 0;

/** How strongly a frame's own feature reads before training: what a construction the data rarely shows keeps. */
export const FRAME_PRIOR = 1;

const polarPrior = (polarity: 1 | -1 | 0, strength: number, neutral: number): readonly [number, number, number] =>
  polarity === 0 ? [0, strength / 2, 0] : [-polarity * strength, -neutral, polarity * strength];

/**
 * Prior weights [negative, neutral, positive] per feature: the shared polarity features lean their
 * way, and so does each frame's own feature, less strongly; training starts from them and is
 * pulled back to them, so a frame the data shows often reads as the data says, and one it rarely
 * shows reads as finance does.
 */
export const FRAME_PRIORS: Readonly<Record<string, readonly [number, number, number]>> = {
  'f:+': polarPrior(1, PRIOR_STRENGTH, PRIOR_NEUTRAL),
  'f:-': polarPrior(-1, PRIOR_STRENGTH, PRIOR_NEUTRAL),
  'f:0': polarPrior(0, PRIOR_STRENGTH, 0),
  ...Object.fromEntries(
    FINANCE_FRAMES.map((f) => [`f:${f.name}`, polarPrior(f.polarity, FRAME_PRIOR, FRAME_PRIOR / 2)]),
  ),
  ...Object.fromEntries(
    FINANCE_FRAMES.filter((f) => f.polarity !== 0).map((f) => [
      `${REVERSED_PREFIX}${f.name}`,
      polarPrior(-f.polarity as 1 | -1, FRAME_PRIOR, FRAME_PRIOR / 2),
    ]),
  ),
};

export function describeFrame(key: string): { term: string; rule: string } {
  if (key === 'f:+') return { term: 'good for the company', rule: 'finance' };
  if (key === 'f:-') return { term: 'bad for the company', rule: 'finance' };
  if (key === 'f:0') return { term: 'neither good nor bad', rule: 'finance' };
  if (key.startsWith(REVERSED_PREFIX)) return { term: `${key.slice(3)} (the other way)`, rule: key.slice(3) };
  return { term: key.slice(2), rule: key.slice(2) };
}

import { createRequire } from 'node:module';

// The `sentiment` package's AFINN-165 table and negators are the base lexicon. We read
// the tables directly instead of calling Sentiment#analyze with `extras`, because in
// sentiment v5 `extras` mutates one shared table and scores would depend on call order.
const require = createRequire(import.meta.url);
const AFINN = require('sentiment/languages/en/labels.json') as Readonly<Record<string, number>>;
const NEGATORS = require('sentiment/languages/en/negators.json') as Readonly<Record<string, number>>;

/** A term (or rule) that moved a score, for `score --explain` and alert reasons. */
export interface SentimentEvidence {
  readonly term: string;
  readonly weight: number;
  readonly rule: string | null;
}

export interface ScoredText {
  /** In [-1, 1]. */
  readonly score: number;
  /** Sum of the weights, before squashing; 0 when nothing matched. */
  readonly raw: number;
  readonly evidence: readonly SentimentEvidence[];
}

export type TextScorer = (text: string) => ScoredText;

// Finance overlay on AFINN's scale (-5..5). Words AFINN gets wrong in market news are
// set to 0 ("shares" is a market noun, not generosity).
const FINANCE: Readonly<Record<string, number>> = {
  share: 0, shares: 0, interest: 0, interests: 0, fund: 0, funds: 0, funding: 0, credit: 0, security: 0,
  securities: 0, cut: -1, cuts: -1, beat: 2, beats: 2, surge: 3, surges: 3, surged: 3, soar: 3, soars: 3,
  soared: 3, rally: 2, rallies: 2, rallied: 2, jump: 2, jumps: 2, jumped: 2, rise: 1, rises: 1, rose: 1,
  gain: 2, gains: 2, gained: 2, upgrade: 3, upgrades: 3, upgraded: 3, outperform: 2, bullish: 3,
  growth: 1, grow: 1, grows: 1, growing: 1, profit: 2, profits: 2, profitable: 2, rebound: 2, rebounds: 2,
  rebounded: 2, accelerate: 1, accelerates: 1, record: 1, higher: 1, upside: 2, tailwind: 2, tailwinds: 2,
  miss: -2, misses: -2, missed: -2, plunge: -3, plunges: -3, plunged: -3, slump: -3, slumps: -3,
  slumped: -3, tumble: -3, tumbles: -3, tumbled: -3, fall: -2, falls: -2, fell: -2, drop: -2, drops: -2,
  dropped: -2, decline: -2, declines: -2, declined: -2, downgrade: -3, downgrades: -3, downgraded: -3,
  underperform: -2, bearish: -3, loss: -2, losses: -2, lawsuit: -2, probe: -2, weak: -2, weaker: -2,
  slowdown: -2, layoffs: -2, recall: -2, delisting: -3, lower: -1, downside: -2, headwind: -2,
  headwinds: -2, sank: -3, sinks: -3, slides: -2, slid: -2, warns: -2, warning: -2, bankruptcy: -4,
  default: -3, fraud: -4, investigation: -2, volatile: -1, volatility: -1, pressure: -1, risk: -1,
  risks: -1, uncertainty: -2, collapse: -3, collapsing: -3, undervalued: 2, overvalued: -2,
};

const EXTRA_NEGATORS: ReadonlySet<string> = new Set(['no', 'never', 'without', 'neither', 'nor', 'hardly']);

function weightOf(token: string): number | undefined {
  const f = FINANCE[token];
  if (f !== undefined) return f;
  return Object.hasOwn(AFINN, token) ? AFINN[token] : undefined;
}

const TOKEN_RE = /[a-z][a-z'-]*/g;

export function tokenize(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(TOKEN_RE) ?? [];
}

function isNegator(token: string | undefined): boolean {
  return token !== undefined && (Object.hasOwn(NEGATORS, token) || EXTRA_NEGATORS.has(token));
}

/** Squashes a weight sum into [-1, 1]; 5 (one strong word and a mild one) lands near 0.76. */
export function squash(raw: number): number {
  return Math.tanh(raw / 5);
}

export function createTextScorer(): TextScorer {
  return (text: string): ScoredText => {
    const tokens = tokenize(text);
    const evidence: SentimentEvidence[] = [];
    let raw = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      const w = weightOf(token);
      if (w === undefined || w === 0) continue;
      const negated = isNegator(tokens[i - 1]) || isNegator(tokens[i - 2]);
      const weight = negated ? -w : w;
      raw += weight;
      evidence.push({ term: negated ? `not ${token}` : token, weight, rule: negated ? 'negation' : null });
    }
    return { score: squash(raw), raw, evidence };
  };
}

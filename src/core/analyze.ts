import { toSentiment } from './sentiment/label.ts';
import type { EntityExplanation, ScoredText, SentimentEvidence, TextScorer } from './sentiment/scorer.ts';
import { flat } from './text/flat.ts';
import { splitSentences } from './text/sentences.ts';
import type { FoundBy, Mention, TickerFinder, TickerHits } from './tickers/find.ts';
import {
  keepTitleSource,
  relevanceOf,
  sentenceRoles,
  SOURCE_KIND,
  startsSentence,
  type MentionRole,
} from './tickers/relevance.ts';
import type { TickerUniverse } from './tickers/universe.ts';
import type { ArticleAnalysis, Sentiment, TickerMention } from './types.ts';

export interface AnalysisInput {
  readonly title: string;
  readonly body: string;
}

export interface TickerExplanation {
  readonly symbol: string;
  /** How each mention reads: about the company, quoting it as a source, or listing it as a peer. */
  readonly roles: readonly MentionRole[];
  /** Each mention as written, the rule that found it and its role, in text order. */
  readonly found: ReadonlyArray<{ readonly text: string; readonly rule: FoundBy; readonly role: MentionRole }>;
  /** The clauses the ticker's sentiment was read from (company names masked). */
  readonly clauses: readonly string[];
  readonly evidence: readonly SentimentEvidence[];
}

export interface ExplainedAnalysis extends ArticleAnalysis {
  /** The terms and rules that moved the article score, strongest first. */
  readonly evidence: readonly SentimentEvidence[];
  /** Per ticker: what moved its score and why its relevance is what it is. */
  readonly tickerEvidence?: readonly TickerExplanation[];
}

export interface Analyzer {
  analyze(input: AnalysisInput): ExplainedAnalysis;
}

export interface AnalyzerDeps {
  readonly universe: TickerUniverse;
  readonly finder: TickerFinder;
  readonly scorer: TextScorer;
}

/** Sentences after the title that count as the lead. */
const LEAD_SENTENCES = 3;
const TITLE_WEIGHT = 2;
const SUMMARY_MAX_CHARS = 280;
const EVIDENCE_MAX = 12;
/** A company only ever quoted or acting on others gets no sentiment of the story's. */
const NEUTRAL: Sentiment = { score: 0, label: 'neutral' };

// A following sentence that starts like this is usually still about the company just named.
const CONTINUATION_RE = /^(?:it|its|the company|the firm|the group|the stock|shares|the shares)\b/i;

/**
 * A mean of scores weighted by position and by how opinionated each text is, so a long
 * article's neutral sentences do not drown the ones that say something. Add parts, read mean().
 */
class WeightedScore {
  #sum = 0;
  #weights = 0;

  add(scored: ScoredText, weight: number): void {
    const w = weight * (0.2 + 1 - (scored.probs[1] ?? 1));
    this.#sum += scored.score * w;
    this.#weights += w;
  }

  mean(): number {
    return this.#weights === 0 ? 0 : this.#sum / this.#weights;
  }
}

const isStop = (c: number): boolean => c === 46 || c === 33 || c === 63;
const isCloser = (c: number): boolean => c === 34 || c === 0x201d || c === 0x2019 || c === 41;

/** /[.!?]["”’)]?$/ read from the end. */
function endsLikeSentence(s: string): boolean {
  const last = s.charCodeAt(s.length - 1);
  return isStop(last) || (isCloser(last) && isStop(s.charCodeAt(s.length - 2)));
}

/** `tickerSentences`: the sentences that name a company, by index. */
function summarize(
  sentences: readonly string[],
  bodyStart: number,
  scored: readonly ScoredText[],
  tickerSentences: ReadonlyMap<number, unknown>,
): string {
  // A headline alone (no body) is its own summary.
  if (bodyStart >= sentences.length) return firstSentence(sentences, bodyStart);
  const candidates: Array<{ index: number; value: number }> = [];
  for (let i = bodyStart; i < sentences.length; i++) {
    const s = sentences[i] as string;
    if (s.length < 40 || s.length > 400 || !endsLikeSentence(s)) continue;
    const position = 1 / (1 + (i - bodyStart) / 2);
    const value = position + (tickerSentences.has(i) ? 0.5 : 0) + Math.min(0.5, Math.abs(scored[i]?.score ?? 0) / 2);
    candidates.push({ index: i, value });
  }
  candidates.sort((a, b) => b.value - a.value);
  const chosen: number[] = [];
  let length = 0;
  for (const c of candidates) {
    const s = sentences[c.index] as string;
    if (chosen.length > 0 && length + s.length > SUMMARY_MAX_CHARS) continue;
    chosen.push(c.index);
    length += s.length + 1;
    if (chosen.length === 2 || length >= SUMMARY_MAX_CHARS) break;
  }
  const text = chosen
    .sort((a, b) => a - b)
    .map((i) => sentences[i])
    .join(' ');
  if (text.length > 0) return text.length > SUMMARY_MAX_CHARS + 120 ? `${text.slice(0, SUMMARY_MAX_CHARS)}…` : text;
  return firstSentence(sentences, bodyStart);
}

/** The body's first sentence (else the title), cut to the summary's length. */
function firstSentence(sentences: readonly string[], bodyStart: number): string {
  const first = sentences[bodyStart] ?? sentences[0] ?? '';
  return first.length > SUMMARY_MAX_CHARS ? `${first.slice(0, SUMMARY_MAX_CHARS)}…` : first;
}

function topEvidence(list: readonly SentimentEvidence[]): SentimentEvidence[] {
  const merged = new Map<string, SentimentEvidence>();
  for (const e of list) {
    const key = `${e.term}\u0000${e.rule ?? ''}`;
    const prev = merged.get(key);
    merged.set(key, prev === undefined ? e : { ...e, weight: Math.round((prev.weight + e.weight) * 1000) / 1000 });
  }
  return [...merged.values()]
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.term.localeCompare(b.term))
    .slice(0, EVIDENCE_MAX);
}

type MentionsBySentence = ReadonlyMap<number, ReadonlyArray<{ key: string; span: { start: number; end: number } }>>;

interface SentenceMentions {
  /** Per sentence: every company mention in it, so each company gets its own clauses. */
  readonly bySentence: MentionsBySentence;
  /** How many companies each sentence names (counted once here: a sentence can name thousands). */
  readonly companies: ReadonlyMap<number, number>;
  readonly maxMentions: number;
}

const NO_MENTIONS: SentenceMentions = { bySentence: new Map(), companies: new Map(), maxMentions: 0 };

function mentionsBySentence(hits: readonly TickerHits[]): SentenceMentions {
  const bySentence = new Map<number, Array<{ key: string; span: { start: number; end: number } }>>();
  const companies = new Map<number, number>();
  let maxMentions = 0;
  for (const h of hits) {
    maxMentions = Math.max(maxMentions, h.mentions.length);
    let last = -1;
    for (const m of h.mentions) {
      // A ticker's mentions are in text order, so its sentences come in runs.
      if (m.sentence !== last) companies.set(m.sentence, (companies.get(m.sentence) ?? 0) + 1);
      last = m.sentence;
      const list = bySentence.get(m.sentence);
      if (list === undefined) bySentence.set(m.sentence, [{ key: h.symbol, span: m }]);
      else list.push({ key: h.symbol, span: m });
    }
  }
  return { bySentence, companies, maxMentions };
}

/** What a ticker's sentiment was read from: its clauses in a sentence, or a whole sentence. */
interface TickerPart {
  readonly sentence: number;
  /** Read from the clauses about the ticker (else the whole sentence). */
  readonly clauses: boolean;
  /** A following sentence read as a continuation (not one of the ticker's own). */
  readonly continuation: boolean;
}

interface ExplainSource {
  readonly scorer: TextScorer;
  readonly sentences: readonly string[];
  readonly bodyStart: number;
  readonly order: readonly string[];
  readonly bySentence: MentionsBySentence;
  readonly tickers: ReadonlyArray<{
    symbol: string;
    roles: MentionRole[];
    mentions: readonly Mention[];
    parts: TickerPart[];
  }>;
}

/**
 * The analysis, with its explanations built only when read: scoring needs none of them, and
 * building them costs as much as the scoring itself. Once read, they are kept.
 */
class Analysis implements ExplainedAnalysis {
  readonly sentiment: Sentiment;
  readonly tickers: readonly TickerMention[];
  readonly summary: string;
  #source: ExplainSource;
  #evidence: SentimentEvidence[] | undefined;
  #tickerEvidence: TickerExplanation[] | undefined;

  constructor(analysis: ArticleAnalysis, source: ExplainSource) {
    this.sentiment = analysis.sentiment;
    this.tickers = analysis.tickers;
    this.summary = analysis.summary;
    this.#source = source;
  }

  get evidence(): SentimentEvidence[] {
    const { scorer, sentences, bodyStart } = this.#source;
    this.#evidence ??= topEvidence(
      sentences.flatMap((s, i) =>
        scorer
          .explain(s)
          .map((e) => ({ ...e, weight: Math.round(e.weight * (i < bodyStart ? TITLE_WEIGHT : 1) * 1000) / 1000 })),
      ),
    );
    return this.#evidence;
  }

  get tickerEvidence(): TickerExplanation[] {
    const { scorer, tickers, order, sentences, bySentence } = this.#source;
    // A sentence's clauses are read for all its companies at once, and once.
    const explained = new Map<number, Map<string, EntityExplanation>>();
    const explainedIn = (i: number): Map<string, EntityExplanation> => {
      let m = explained.get(i);
      if (m === undefined) {
        m = scorer.explainEntities(sentences[i] as string, bySentence.get(i) ?? []);
        explained.set(i, m);
      }
      return m;
    };
    this.#tickerEvidence ??= order.flatMap((symbol) =>
      tickers
        .filter((t) => t.symbol === symbol)
        .map(({ roles, mentions, parts }) => {
          const clauses: string[] = [];
          const evidence: SentimentEvidence[] = [];
          for (const part of parts) {
            const sentence = sentences[part.sentence] as string;
            const entity = part.clauses ? explainedIn(part.sentence).get(symbol) : undefined;
            if (!part.continuation) clauses.push(entity?.text ?? sentence);
            evidence.push(...(entity?.evidence ?? scorer.explain(sentence)));
          }
          const found = mentions.map((m, k) => ({ text: m.text, rule: m.foundBy, role: roles[k] ?? 'subject' }));
          return { symbol, roles, found, clauses, evidence: topEvidence(evidence) };
        }),
    );
    return this.#tickerEvidence;
  }
}

export function createAnalyzer(deps: AnalyzerDeps): Analyzer {
  const { universe, finder, scorer } = deps;
  return {
    analyze({ title, body }) {
      const head = flat(title.trim());
      // A one-line article reaches us with its line as both title and body (normalize.ts keeps the
      // body when nothing else is left of it): read it once, as the title.
      const sentences = splitSentences(
        body.length === title.length && body.trim() === head ? '' : body,
        head.length > 0 ? head : undefined,
      );
      const bodyStart = head.length > 0 ? 1 : 0;
      const hits = finder.find(sentences);

      // Most articles name no company: they skip the per-company bookkeeping (and its allocations).
      const { bySentence, companies, maxMentions } = hits.length === 0 ? NO_MENTIONS : mentionsBySentence(hits);
      // Each sentence is read once, for its own score and the clauses about each company in it.
      const scored: ScoredText[] = [];
      const clauseScores = hits.length === 0 ? undefined : new Map<number, Map<string, ScoredText>>();
      for (let i = 0; i < sentences.length; i++) {
        const sentence = sentences[i] as string;
        const mentions = bySentence.get(i);
        if (mentions === undefined) {
          scored.push(scorer(sentence));
          continue;
        }
        // Always the masked clauses: the model was trained to judge events, not names.
        const r = scorer.sentence(sentence, mentions);
        scored.push(r.scored);
        clauseScores?.set(i, r.entities);
      }
      const article = new WeightedScore();
      for (let i = 0; i < scored.length; i++) article.add(scored[i] as ScoredText, i < bodyStart ? TITLE_WEIGHT : 1);

      // Each sentence's mentions get their roles together: one's role depends on the others.
      const roleOf = new Map<object, MentionRole>();
      // In text order: a body sentence's new companies may be peers of those named before ("X also cut").
      const earlier = bySentence.size > 1 ? new Set<string>() : undefined;
      for (const i of bySentence.size > 1 ? [...bySentence.keys()].sort((a, b) => a - b) : bySentence.keys()) {
        const list = bySentence.get(i) ?? [];
        const roles = sentenceRoles(sentences[i] as string, list, i >= bodyStart ? earlier : undefined);
        list.forEach((m, k) => roleOf.set(m.span, roles[k] as MentionRole));
        for (const m of list) earlier?.add(m.key);
      }
      const explained: Array<{
        symbol: string;
        roles: MentionRole[];
        mentions: readonly Mention[];
        parts: TickerPart[];
      }> = [];
      const tickers: TickerMention[] = [];
      for (const h of hits) {
        const weighted = new WeightedScore();
        const parts: TickerPart[] = [];
        let last = -1;
        for (const i of h.sentences) {
          // h.sentences is ascending, so a repeat is the one just read.
          if (i === last) continue;
          last = i;
          const masked = clauseScores?.get(i)?.get(h.symbol);
          weighted.add(masked ?? (scored[i] as ScoredText), i < bodyStart ? TITLE_WEIGHT : 1);
          parts.push({ sentence: i, clauses: masked !== undefined, continuation: false });
          // A next sentence naming no company cannot be one of this ticker's own, read later.
          const next = sentences[i + 1];
          if (next !== undefined && i + 1 >= bodyStart && CONTINUATION_RE.test(next) && !companies.has(i + 1)) {
            weighted.add(scored[i + 1] as ScoredText, 0.5);
            parts.push({ sentence: i + 1, clauses: false, continuation: true });
          }
        }
        const roles = keepTitleSource(
          h.mentions.map((m) => roleOf.get(m) ?? 'subject'),
          h.mentions,
          bodyStart,
        );
        explained.push({ symbol: h.symbol, roles, mentions: h.mentions, parts });
        const subject = roles.indexOf('subject');
        // A broker or data provider opening a sentence is mostly quoted ("Morgan Stanley pointed out...").
        const leadsASentence =
          !SOURCE_KIND.has(h.symbol) &&
          h.mentions.some((m, k) => roles[k] === 'subject' && startsSentence(sentences[m.sentence] as string, m.start));
        const matched = h.mentions[Math.max(0, subject)];
        const family = universe.family(h.symbol);
        tickers.push({
          symbol: h.symbol,
          name: universe.get(h.symbol)?.name ?? h.symbol,
          relevance: relevanceOf({
            hits: h,
            roles,
            maxMentions,
            bodyStart,
            leadSentences: LEAD_SENTENCES,
            leadsASentence,
          }),
          sentiment: roles.every((r) => r === 'source') ? NEUTRAL : toSentiment(weighted.mean()),
          mentions: h.mentions.length,
          ...(family.length > 1 ? { family } : {}),
          ...(matched === undefined
            ? {}
            : { matched: { text: matched.text, role: roles[Math.max(0, subject)] as MentionRole } }),
        });
      }
      tickers.sort((a, b) => b.relevance - a.relevance || b.mentions - a.mentions || a.symbol.localeCompare(b.symbol));

      return new Analysis(
        {
          sentiment: toSentiment(article.mean()),
          tickers,
          summary: summarize(sentences, bodyStart, scored, bySentence),
        },
        { scorer, sentences, bodyStart, bySentence, order: tickers.map((t) => t.symbol), tickers: explained },
      );
    },
  };
}

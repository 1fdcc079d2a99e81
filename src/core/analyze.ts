import { toSentiment } from './sentiment/label.ts';
import type { ScoredText, SentimentEvidence, TextScorer } from './sentiment/scorer.ts';
import { splitSentences } from './text/sentences.ts';
import type { TickerFinder, TickerHits } from './tickers/find.ts';
import type { TickerUniverse } from './tickers/universe.ts';
import type { ArticleAnalysis, TickerMention } from './types.ts';

export interface AnalysisInput {
  readonly title: string;
  readonly body: string;
}

export interface ExplainedAnalysis extends ArticleAnalysis {
  /** The terms and rules that moved the article score, strongest first. */
  readonly evidence: readonly SentimentEvidence[];
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

// A following sentence that starts like this is usually still about the company just named.
const CONTINUATION_RE = /^(?:it|its|the company|the firm|the group|the stock|shares|the shares)\b/i;

function weightedScore(parts: ReadonlyArray<{ scored: ScoredText; weight: number }>): number {
  let sum = 0;
  let weights = 0;
  for (const { scored, weight } of parts) {
    if (scored.evidence.length === 0) continue;
    sum += scored.score * weight;
    weights += weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

function relevanceOf(hits: TickerHits, maxMentions: number, bodyStart: number): number {
  const inTitle = hits.sentences.some((i) => i < bodyStart);
  const inLead = hits.sentences.some((i) => i >= bodyStart && i < bodyStart + LEAD_SENTENCES);
  const share = Math.min(1, hits.sentences.length / Math.max(3, maxMentions));
  const explicit = hits.kinds.has('cashtag') || hits.kinds.has('exchange') ? 0.1 : 0;
  const r = (inTitle ? 0.45 : 0) + (inLead ? 0.2 : 0) + 0.35 * share + explicit;
  return Math.round(Math.min(1, r) * 100) / 100;
}

function summarize(sentences: readonly string[], bodyStart: number, scored: readonly ScoredText[], tickerSentences: ReadonlySet<number>): string {
  const candidates: Array<{ index: number; value: number }> = [];
  for (let i = bodyStart; i < sentences.length; i++) {
    const s = sentences[i] as string;
    if (s.length < 40 || s.length > 400 || !/[.!?]["”’)]?$/.test(s)) continue;
    const position = 1 / (1 + (i - bodyStart) / 2);
    const value = position + (tickerSentences.has(i) ? 0.5 : 0) + Math.min(0.5, Math.abs(scored[i]?.raw ?? 0) / 10);
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
  const first = sentences[bodyStart] ?? sentences[0] ?? '';
  return first.length > SUMMARY_MAX_CHARS ? `${first.slice(0, SUMMARY_MAX_CHARS)}…` : first;
}

export function createAnalyzer(deps: AnalyzerDeps): Analyzer {
  const { universe, finder, scorer } = deps;
  return {
    analyze({ title, body }) {
      const titleSentences = title.trim().length > 0 ? [title.trim()] : [];
      const bodySentences = splitSentences(body);
      const sentences = [...titleSentences, ...bodySentences];
      const bodyStart = titleSentences.length;
      const scored = sentences.map((s) => scorer(s));

      const articleScore = weightedScore(
        scored.map((s, i) => ({ scored: s, weight: i < bodyStart ? TITLE_WEIGHT : 1 })),
      );
      const evidence = scored
        .flatMap((s) => s.evidence)
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, 12);

      const hits = finder.find(sentences);
      const maxMentions = Math.max(0, ...hits.map((h) => h.sentences.length));
      const tickerSentences = new Set<number>();
      const tickers: TickerMention[] = hits.map((h) => {
        const parts: Array<{ scored: ScoredText; weight: number }> = [];
        const seen = new Set<number>();
        for (const i of h.sentences) {
          tickerSentences.add(i);
          if (seen.has(i)) continue;
          seen.add(i);
          parts.push({ scored: scored[i] as ScoredText, weight: i < bodyStart ? TITLE_WEIGHT : 1 });
          const next = sentences[i + 1];
          if (next !== undefined && !seen.has(i + 1) && i + 1 >= bodyStart && CONTINUATION_RE.test(next)) {
            parts.push({ scored: scored[i + 1] as ScoredText, weight: 0.5 });
          }
        }
        return {
          symbol: h.symbol,
          name: universe.get(h.symbol)?.name ?? h.symbol,
          relevance: relevanceOf(h, maxMentions, bodyStart),
          sentiment: toSentiment(weightedScore(parts)),
          mentions: h.sentences.length,
        };
      });
      tickers.sort((a, b) => b.relevance - a.relevance || b.mentions - a.mentions || a.symbol.localeCompare(b.symbol));

      return {
        sentiment: toSentiment(articleScore),
        tickers,
        summary: summarize(sentences, bodyStart, scored, tickerSentences),
        evidence,
      };
    },
  };
}

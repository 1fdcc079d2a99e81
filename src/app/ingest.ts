// The path of an article, in order: normalise, analyse, store, match, queue. Each article's store,
// match and queue run in one unit of work (ArticleStore.transaction), so a story is never stored
// without its alerts; the outbox then delivers them (dispatcher.ts).
import type { Analyzer, ExplainedAnalysis } from '../core/analyze.ts';
import type { AlertHit } from '../core/alerts.ts';
import { normalizeArticle } from '../core/normalize.ts';
import type { ChannelRef, NormalizedArticle, RawArticle, TickerMention } from '../core/types.ts';
import { coversTicker, scopeKey } from '../core/watchlist/match.ts';
import { evaluateShift, ROLLING, rollingAverage } from '../core/watchlist/shift.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import type { SourceFailure } from './ports/sources.ts';
import type { ArticleStore, ArticleTransaction } from './ports/storage.ts';

export interface IngestReport {
  readonly seen: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly alertsQueued: number;
  /** New stories stored without alerts because they were published too long before they were seen. */
  readonly tooOld: number;
  readonly failures: readonly SourceFailure[];
}

export interface IngestOptions {
  /** false: store the articles but queue no alerts (a feed's first poll, which only learns what is already there). */
  readonly alert?: boolean;
}

export interface AnalyzedArticle {
  readonly article: NormalizedArticle;
  readonly analysis: ExplainedAnalysis;
}

export interface IngestDeps {
  readonly analyzer: Analyzer;
  readonly articles: ArticleStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** Stories first seen more than this after their published time are stored but not alerted (absent or null: no limit). */
  readonly maxStoryAgeMs?: number | null;
}

/** Old news is not news: how late a story was seen, when that is past the limit (no published time counts as fresh). */
export function staleness(
  publishedAt: Date | null | undefined,
  seenAt: Date,
  maxAgeMs: number | null | undefined,
): number | null {
  if (maxAgeMs === null || maxAgeMs === undefined || publishedAt === null || publishedAt === undefined) return null;
  const age = seenAt.getTime() - publishedAt.getTime();
  return age > maxAgeMs ? age : null;
}

export interface Ingest {
  /** Normalise, analyse, store (deduped) and queue alerts; one bad article never stops the rest. */
  ingest(
    raws: readonly RawArticle[],
    failures?: readonly SourceFailure[],
    options?: IngestOptions,
  ): Promise<IngestReport>;
  /** Normalise and analyse only; nothing is stored. */
  analyzeOnly(raw: RawArticle): AnalyzedArticle | SourceFailure;
}

/**
 * Sentiment-shift rules on the article's tickers: each compares the ticker's rolling average (this
 * story included, as the workspace may see the stories) with its baseline. Threshold rules were
 * matched by queueMatches; a shift hit joins the channel's alert.
 */
async function queueShifts(
  tx: ArticleTransaction,
  articleId: number,
  tickers: readonly TickerMention[],
  seenAt: Date,
): Promise<number> {
  const rules = await tx.shiftRules(
    articleId,
    tickers.flatMap((t) => t.family ?? [t.symbol]),
  );
  const byScope = new Map<string, { scope: ChannelRef; hits: AlertHit[] }>();
  for (const rule of rules) {
    if (rule.paused || (rule.mutedUntil !== null && rule.mutedUntil.getTime() > seenAt.getTime())) continue;
    const ticker = tickers.find((t) => coversTicker(rule.symbol, t));
    if (ticker === undefined || ticker.relevance < rule.minRelevance) continue;
    const stories = await tx.storiesForTicker(
      ticker.family ?? rule.symbol,
      new Date(seenAt.getTime() - ROLLING.maxAgeMs),
      rule.minRelevance,
      rule.scope,
    );
    const outcome = evaluateShift(rule, rollingAverage(stories, seenAt));
    if (outcome.kind === 'none') continue;
    await tx.setShiftBaseline(rule.id, outcome.baseline);
    if (outcome.kind !== 'shift') continue;
    const key = scopeKey(rule.scope);
    const group = byScope.get(key) ?? { scope: rule.scope, hits: [] };
    const fired = { symbol: rule.symbol, above: rule.above, below: rule.below, minRelevance: rule.minRelevance };
    group.hits.push({ ticker: { ...ticker, symbol: rule.symbol }, rule: fired, shift: outcome.move });
    byScope.set(key, group);
  }
  let queued = 0;
  for (const { scope, hits } of byScope.values()) queued += await tx.queueHits(articleId, scope, hits, seenAt);
  return queued;
}

/** Normalise and analyse only, storing nothing (`tickerbell score`, `ingest --dry-run`). */
export function createAnalyzeOnly(
  deps: Pick<IngestDeps, 'analyzer' | 'log'>,
): (raw: RawArticle) => AnalyzedArticle | SourceFailure {
  return (raw) => {
    const normalized = normalizeArticle(raw);
    if (!normalized.ok) return { origin: raw.origin, message: normalized.error.message };
    if (normalized.value.truncatedChars > 0) {
      deps.log.warn({ origin: raw.origin, droppedChars: normalized.value.truncatedChars }, 'article.truncated');
    }
    const { article } = normalized.value;
    return { article, analysis: deps.analyzer.analyze(article) };
  };
}

export function createIngest(deps: IngestDeps): Ingest {
  const { analyzer, articles, clock, log } = deps;
  const analyzeOnly = createAnalyzeOnly(deps);

  /** A story already stored, seen again: remember this source; through a feed it had not come by, alert that feed's workspaces. */
  const seenAgain = (article: NormalizedArticle, alert: boolean): Promise<number> =>
    articles.transaction(async (tx) => {
      const seenAt = clock();
      const noted = await tx.noteSource(article, seenAt);
      if (noted === null || !noted.newOrigin || !alert) return 0;
      return tx.queueMatches(noted.id, analyzer.analyze(article).tickers, seenAt, article.origin);
    });

  /** Store, match, queue: one unit of work. */
  const storeAndQueue = (article: NormalizedArticle, analysis: ExplainedAnalysis, seenAt: Date, alert: boolean) =>
    articles.transaction(async (tx) => {
      const stored = await tx.store(article, analysis, seenAt);
      if (!alert) return { ...stored, queued: 0 };
      // A second feed's copy of a stored story alerts only the workspaces that feed newly reaches.
      if (!stored.inserted)
        return {
          ...stored,
          queued: stored.newOrigin ? await tx.queueMatches(stored.id, analysis.tickers, seenAt, article.origin) : 0,
        };
      if (analysis.tickers.length === 0) return { ...stored, queued: 0 };
      const queued =
        (await tx.queueMatches(stored.id, analysis.tickers, seenAt, null)) +
        (await queueShifts(tx, stored.id, analysis.tickers, seenAt));
      return { ...stored, queued };
    });

  return {
    analyzeOnly,
    async ingest(raws, sourceFailures = [], options = {}) {
      const failures: SourceFailure[] = [...sourceFailures];
      let stored = 0;
      let duplicates = 0;
      let alertsQueued = 0;
      let tooOld = 0;
      for (const raw of raws) {
        try {
          const normalized = normalizeArticle(raw);
          if (!normalized.ok) {
            failures.push({ origin: raw.origin, message: normalized.error.message });
            continue;
          }
          const { article, truncatedChars } = normalized.value;
          // Cheap check first: a re-read source is mostly articles we already have.
          if (await articles.has(article)) {
            alertsQueued += await seenAgain(article, options.alert !== false);
            duplicates += 1;
            continue;
          }
          if (truncatedChars > 0) log.warn({ origin: raw.origin, droppedChars: truncatedChars }, 'article.truncated');
          const analysis = analyzer.analyze(article);
          const seenAt = clock();
          const lateByMs = staleness(article.publishedAt, seenAt, deps.maxStoryAgeMs);
          const result = await storeAndQueue(article, analysis, seenAt, options.alert !== false && lateByMs === null);
          alertsQueued += result.queued;
          if (!result.inserted) {
            duplicates += 1;
            continue;
          }
          stored += 1;
          if (lateByMs !== null) {
            tooOld += 1;
            log.info(
              {
                id: result.id,
                origin: raw.origin,
                publishedAt: article.publishedAt?.toISOString(),
                ageHours: Math.round(lateByMs / 360_000) / 10,
                maxAgeHours: Math.round((deps.maxStoryAgeMs ?? 0) / 360_000) / 10,
              },
              'article.too_old_to_alert',
            );
          }
          log.info(
            {
              id: result.id,
              origin: raw.origin,
              tickers: analysis.tickers.map((t) => t.symbol),
              alerts: result.queued,
            },
            'article.stored',
          );
        } catch (error) {
          // A database failure for one article is reported and the rest go on; the source is
          // re-read on the next cycle, so the article is not lost.
          log.error({ origin: raw.origin, err: error }, 'article.failed');
          failures.push({ origin: raw.origin, message: error instanceof Error ? error.message : String(error) });
        }
      }
      for (const f of failures) log.warn({ origin: f.origin, error: f.message }, 'source.failed');
      return { seen: raws.length, stored, duplicates, alertsQueued, tooOld, failures };
    },
  };
}

import type { Analyzer, ExplainedAnalysis } from '../core/analyze.ts';
import { normalizeArticle } from '../core/normalize.ts';
import { planArticleAlerts } from './alert-planner.ts';
import type { ShiftBaselineStore } from './ports/storage.ts';
import type { NormalizedArticle, RawArticle } from '../core/types.ts';
import type { ArticleStore, RecordOptions } from './ports/storage.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import type { SourceFailure } from './ports/sources.ts';

export interface IngestReport {
  readonly seen: number;
  readonly stored: number;
  readonly duplicates: number;
  readonly alertsQueued: number;
  /** New stories stored without alerts because they were published too long before they were seen. */
  readonly tooOld: number;
  readonly failures: readonly SourceFailure[];
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
  /** Where sentiment-shift rules keep their baseline (absent: shift rules do not fire). */
  readonly shiftBaselines?: ShiftBaselineStore;
  /** Stories first seen more than this after their published time are stored but not alerted (absent or null: no limit). */
  readonly maxStoryAgeMs?: number | null;
}

/** Old news is not news: how late a story was seen, when that is past the limit (no published time counts as fresh). */
export function staleness(publishedAt: Date | null | undefined, seenAt: Date, maxAgeMs: number | null | undefined): number | null {
  if (maxAgeMs === null || maxAgeMs === undefined || publishedAt === null || publishedAt === undefined) return null;
  const age = seenAt.getTime() - publishedAt.getTime();
  return age > maxAgeMs ? age : null;
}

export interface Ingest {
  /** Normalise, analyse, store (deduped) and queue alerts; one bad article never stops the rest. */
  ingest(raws: readonly RawArticle[], failures?: readonly SourceFailure[], options?: RecordOptions): IngestReport;
  /** Normalise and analyse only; nothing is stored. */
  analyzeOnly(raw: RawArticle): AnalyzedArticle | SourceFailure;
}

export function createIngest(deps: IngestDeps): Ingest {
  const { analyzer, articles, clock, log } = deps;

  const analyzeOnly = (raw: RawArticle): AnalyzedArticle | SourceFailure => {
    const normalized = normalizeArticle(raw);
    if (!normalized.ok) return { origin: raw.origin, message: normalized.error.message };
    if (normalized.value.truncatedChars > 0) {
      log.warn({ origin: raw.origin, droppedChars: normalized.value.truncatedChars }, 'article.truncated');
    }
    const { article } = normalized.value;
    return { article, analysis: analyzer.analyze(article) };
  };

  return {
    analyzeOnly,
    ingest(raws, sourceFailures = [], options = {}) {
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
          if (articles.has(article)) {
            const seenAt = clock();
            // Through a feed it had not come by: that feed's workspaces may not have seen it yet.
            if (articles.noteSource?.(article, seenAt) === true && options.alert !== false && articles.alertNewReaders !== undefined) {
              alertsQueued += articles.alertNewReaders(article, analyzer.analyze(article), seenAt);
            }
            duplicates += 1;
            continue;
          }
          if (truncatedChars > 0) log.warn({ origin: raw.origin, droppedChars: truncatedChars }, 'article.truncated');
          const analysis = analyzer.analyze(article);
          const seenAt = clock();
          const lateByMs = staleness(article.publishedAt, seenAt, deps.maxStoryAgeMs);
          const result = articles.record(
            article,
            analysis,
            seenAt,
            planArticleAlerts({ articles, shiftBaselines: deps.shiftBaselines }, analysis.tickers, seenAt),
            lateByMs === null ? options : { ...options, alert: false },
          );
          if (!result.inserted) {
            duplicates += 1;
            continue;
          }
          stored += 1;
          alertsQueued += result.alertsQueued;
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
            { id: result.id, origin: raw.origin, tickers: analysis.tickers.map((t) => t.symbol), alerts: result.alertsQueued },
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

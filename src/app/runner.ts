import type { Dispatcher, DispatchReport } from './dispatcher.ts';
import type { Ingest, IngestReport } from './ingest.ts';
import type { ArticleSource } from './ports/sources.ts';
import type { Logger } from './ports/runtime.ts';
import { singleFlight } from './single-flight.ts';

export interface CycleReport {
  readonly ingest: IngestReport;
  readonly dispatch: DispatchReport;
}

export interface Runner {
  /** Reads every source, ingests what is new, and sends what is due. One cycle at a time. */
  cycle(): Promise<CycleReport>;
  /** Resolves once no cycle is running (for a clean shutdown). */
  whenIdle(): Promise<void>;
}

export function createRunner(deps: {
  readonly sources: readonly ArticleSource[];
  readonly ingest: Ingest;
  readonly dispatcher: Dispatcher;
  readonly log: Logger;
}): Runner {
  const { sources, ingest, dispatcher, log } = deps;

  const run = async (): Promise<CycleReport> => {
    const articles = [];
    const failures = [];
    for (const source of sources) {
      try {
        const batch = await source.read();
        articles.push(...batch.articles);
        failures.push(...batch.failures);
      } catch (error) {
        failures.push({ origin: source.name, message: error instanceof Error ? error.message : String(error) });
      }
    }
    const ingestReport = await ingest.ingest(articles, failures);
    const dispatch = await dispatcher.dispatchDue();
    log.info(
      {
        seen: ingestReport.seen,
        stored: ingestReport.stored,
        duplicates: ingestReport.duplicates,
        failures: ingestReport.failures.length,
        queued: ingestReport.alertsQueued,
        tooOld: ingestReport.tooOld,
        sent: dispatch.sent,
        failed: dispatch.failed,
        held: dispatch.held,
      },
      'cycle.done',
    );
    return { ingest: ingestReport, dispatch };
  };

  const flight = singleFlight(run);
  return { cycle: flight.run, whenIdle: flight.whenIdle };
}

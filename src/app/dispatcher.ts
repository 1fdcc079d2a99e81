import { scopeKey } from '../core/watchlist/match.ts';
import { DeliveryError } from './errors.ts';
import { planChannel, type Delivery, type FloodPolicy } from './flood-gate.ts';
import type { ChatPlatform } from './ports/chat.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import type { OutboxStore, WatchlistStore } from './ports/storage.ts';
import { toOutboxEntry, type OutboxEntry } from './alert-message.ts';
import { singleFlight } from './single-flight.ts';

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 30 * 60_000 };

/** Delay before attempt n+1 after n failed attempts: base * 2^(n-1), capped. */
export function backoffDelay(attempts: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
}

export interface DispatchReport {
  readonly sent: number;
  readonly failed: number;
  readonly held: number;
}

export interface DispatcherDeps {
  readonly outbox: OutboxStore;
  readonly watchlists: WatchlistStore;
  readonly platforms: ReadonlyMap<string, ChatPlatform>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly backoff?: BackoffPolicy;
  /**
   * Most entries claimed per pass (default 50). Each pass sends its channels concurrently and keeps
   * their messages alive until all are sent: with 200 per pass, draining a backlog of 170,000
   * alerts (bench:e2e, 1M rules) kept enough of them alive across collections that peak RSS
   * reached 311 MB, almost all of it garbage; with 50, 218-274 MB at the same send rate.
   */
  readonly batchSize?: number;
  /** Cooldown bundling and quiet hours (absent: every alert goes out on its own). */
  readonly flood?: FloodPolicy;
  /** Waits between paced posts; tests pass a fake. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Dispatcher {
  /** Sends everything due now; never throws for a failed send (it stays in the outbox). */
  dispatchDue(): Promise<DispatchReport>;
  /** Resolves once no pass is running (for a clean shutdown: in-flight sends finish and are recorded). */
  whenIdle(): Promise<void>;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { outbox, watchlists, platforms, clock, log } = deps;
  const backoff = deps.backoff ?? DEFAULT_BACKOFF;
  const batchSize = deps.batchSize ?? 50;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  /** Last post time per channel, for platforms that ask for pacing. */
  const lastPostAt = new Map<string, number>();

  const sendOne = async (delivery: Delivery, report: { sent: number; failed: number; held: number }): Promise<void> => {
    const { entries } = delivery;
    const entry = entries[0];
    if (entry === undefined) return;
    const platform = platforms.get(entry.scope.platform);
    const ids = entries.map((e) => e.id);
    const ctx = {
      outboxId: entry.id,
      ...(entries.length > 1 ? { bundled: ids } : {}),
      scope: entry.scope,
      attempt: entry.attempts,
    };
    if (platform === undefined) {
      // Its platform is not configured in this run: keep it for a run that has it.
      for (const id of ids)
        await outbox.markFailed(
          id,
          `platform ${entry.scope.platform} is not running`,
          new Date(clock().getTime() + backoff.maxMs),
          clock(),
        );
      report.failed += 1;
      log.warn(ctx, 'alert.platform_missing');
      return;
    }
    const interval = platform.minPostIntervalMs ?? 0;
    if (interval > 0) {
      const key = scopeKey(entry.scope);
      const wait = (lastPostAt.get(key) ?? -Infinity) + interval - clock().getTime();
      if (wait > 0) await sleep(wait);
      lastPostAt.set(key, clock().getTime());
    }
    try {
      const receipt = await platform.post(entry.scope, delivery.message, {
        idempotencyKey: delivery.idempotencyKey,
        attempt: entry.attempts,
      });
      for (const id of ids) await outbox.markSent(id, receipt, clock());
      await delivery.afterSent?.(clock());
      report.sent += 1;
      log.info({ ...ctx, remoteId: receipt.remoteId }, 'alert.sent');
    } catch (error) {
      const now = clock();
      const de = error instanceof DeliveryError ? error : null;
      const message = error instanceof Error ? error.message : String(error);
      if (de?.code === 'channel_gone') {
        for (const id of ids) await outbox.hold(id, message, now);
        const paused = await watchlists.pauseChannel(entry.scope, message);
        report.held += 1;
        log.warn({ ...ctx, error: message, rulesPaused: paused }, 'channel.paused');
        return;
      }
      let delay = backoffDelay(entry.attempts, backoff);
      if (de?.code === 'rate_limited' && de.retryAfterMs !== null) delay = Math.max(de.retryAfterMs, 1000);
      if (de?.code === 'rejected') delay = backoff.maxMs;
      for (const id of ids) await outbox.markFailed(id, message, new Date(now.getTime() + delay), now);
      report.failed += 1;
      log.warn({ ...ctx, code: de?.code ?? 'unknown', error: message, retryInMs: delay }, 'alert.failed');
    }
  };

  const run = async (): Promise<DispatchReport> => {
    const report = { sent: 0, failed: 0, held: 0 };
    for (;;) {
      const due = (await outbox.claimDue(clock(), batchSize)).map(toOutboxEntry);
      if (due.length === 0) break;
      // Channels go in parallel; within a channel alerts keep their order.
      const byChannel = new Map<string, OutboxEntry[]>();
      for (const e of due) {
        const key = scopeKey(e.scope);
        byChannel.set(key, [...(byChannel.get(key) ?? []), e]);
      }
      await Promise.all(
        [...byChannel.values()].map(async (entries) => {
          const first = entries[0];
          const deliveries =
            deps.flood === undefined || first === undefined
              ? entries.map((e) => ({ entries: [e], message: e.message, idempotencyKey: `tickerbell-alert-${e.id}` }))
              : await planChannel(deps.flood, first.scope, entries, clock());
          for (const d of deliveries) await sendOne(d, report);
        }),
      );
      if (due.length < batchSize) break;
    }
    return report;
  };

  const flight = singleFlight(run);
  return { dispatchDue: flight.run, whenIdle: flight.whenIdle };
}

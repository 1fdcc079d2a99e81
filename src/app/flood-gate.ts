// Decides, for one channel's due entries, what goes out alone, what goes out as one bundle, and
// what waits. Nothing is dropped: a waiting entry stays in the outbox and joins the next bundle.
import { buildCooldownBundle, buildQuietBundle } from '../core/bundle.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import { quietUntil } from '../core/calendar/quiet-hours.ts';
import type { ChannelRef } from '../core/types.ts';
import type { AlertWindowStore, FlowOutbox, QuietHoursStore, WatchlistStore } from './ports/storage.ts';
import type { OutboxEntry } from './alert-message.ts';

export interface FloodPolicy {
  readonly outbox: FlowOutbox;
  readonly windows: AlertWindowStore;
  readonly quietHours: QuietHoursStore;
  readonly watchlists: Pick<WatchlistStore, 'list'>;
  /** Used when a rule sets no cooldown of its own. */
  readonly defaultCooldownMinutes: number;
  /** Single alerts per ticker a cooldown window lets through before bundling starts. */
  readonly burst: number;
}

/** What to post: one entry, or several entries as one message. */
export interface Delivery {
  readonly entries: readonly OutboxEntry[];
  readonly message: OutgoingMessage;
  readonly idempotencyKey: string;
  /** Runs once the post went out (a bundle's cooldown starts then, so a failed one is retried at once). */
  readonly afterSent?: (sentAt: Date) => Promise<void>;
}

const single = (e: OutboxEntry): Delivery => ({
  entries: [e],
  message: e.message,
  idempotencyKey: `tickerbell-alert-${e.id}`,
});
const bundled = (
  entries: readonly OutboxEntry[],
  message: OutgoingMessage,
  afterSent: (sentAt: Date) => Promise<void>,
): Delivery => ({
  entries,
  message,
  idempotencyKey: `tickerbell-bundle-${entries[0]?.id ?? 0}-${entries.length}`,
  afterSent,
});

export async function planChannel(
  policy: FloodPolicy,
  scope: ChannelRef,
  entries: readonly OutboxEntry[],
  now: Date,
): Promise<Delivery[]> {
  const { outbox, windows } = policy;
  const out: Delivery[] = [];
  const alerts = entries.filter((e) => e.message.kind === 'alert');
  for (const e of entries) if (e.message.kind !== 'alert') out.push(single(e));
  if (alerts.length === 0) return out;
  const reasons = await outbox.deferredReasons(alerts.map((e) => e.id));

  const quiet = await policy.quietHours.get(scope);
  const quietEnd = quiet === null ? null : quietUntil(quiet, now);
  if (quietEnd !== null) {
    for (const e of alerts) await outbox.defer(e.id, 'quiet', quietEnd);
    return out;
  }

  const rules = await policy.watchlists.list(scope);
  const cooldownMs = (topic: string): number =>
    (rules.find((r) => r.symbol === topic)?.cooldownMinutes ?? policy.defaultCooldownMinutes) * 60_000;
  // A follow-up fills its ticker's new window: a continuing flood gets one message per cooldown.
  const full = (topic: string, at: Date): Promise<void> =>
    windows.put(scope, topic, { openedAt: at, sent: policy.burst });

  const fromQuiet = alerts.filter((e) => reasons.get(e.id) === 'quiet');
  if (fromQuiet.length > 0) {
    const label = quiet === null ? 'ended' : `${quiet.start}-${quiet.end} ${quiet.timezone}`;
    out.push(
      bundled(
        fromQuiet,
        buildQuietBundle(
          fromQuiet.map((e) => e.message),
          label,
        ),
        async (at) => {
          // The bundle counts as the follow-up for every ticker in it.
          for (const topic of new Set(fromQuiet.map((e) => e.message.topic)))
            if (topic !== undefined && cooldownMs(topic) > 0) await full(topic, at);
        },
      ),
    );
  }

  const byTopic = new Map<string, OutboxEntry[]>();
  for (const e of alerts) {
    if (reasons.get(e.id) === 'quiet') continue;
    const topic = e.message.topic;
    if (topic === undefined) {
      out.push(single(e));
      continue;
    }
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), e]);
  }
  for (const [topic, group] of byTopic) {
    const span = cooldownMs(topic);
    if (span <= 0) {
      out.push(...group.map(single));
      continue;
    }
    const w = await windows.get(scope, topic);
    const expired = w === null || now.getTime() >= w.openedAt.getTime() + span;
    const held = group.filter((e) => reasons.get(e.id) === 'cooldown');
    if (expired && held.length > 0) {
      // The cooldown is over: everything it held, and anything due with it, goes as one follow-up.
      out.push(
        bundled(
          group,
          buildCooldownBundle(
            topic,
            group.map((e) => e.message),
          ),
          (at) => full(topic, at),
        ),
      );
      continue;
    }
    let win = expired ? { openedAt: now, sent: 0 } : (w ?? { openedAt: now, sent: 0 });
    const until = new Date(win.openedAt.getTime() + span);
    for (const e of group) {
      if (win.sent < policy.burst && reasons.get(e.id) !== 'cooldown') {
        out.push(single(e));
        win = { ...win, sent: win.sent + 1 };
      } else {
        await outbox.defer(e.id, 'cooldown', until);
      }
    }
    await windows.put(scope, topic, win);
  }
  return out;
}

// Slack has no idempotent send: a chat.postMessage that timed out, or whose connection reset, or
// whose answer a crash swallowed, may have posted. Before such an alert is sent again, the
// channel's recent history is searched for a message carrying the same outbox key in its metadata.
import { DeliveryError } from '../../app/errors.ts';
import type { Clock, Logger } from '../../app/ports/runtime.ts';
import type { ChannelRef } from '../../core/types.ts';
import { slackErrorDetail, toDeliveryError } from './errors.ts';

/** The metadata event type every alert carries (see the adapter's post). */
export const ALERT_EVENT_TYPE = 'tickerbell_alert';

interface HistoryMessage {
  readonly ts?: string;
  readonly metadata?: { readonly event_type?: string; readonly event_payload?: Record<string, unknown> };
}

export interface HistoryClient {
  conversations: {
    history(args: {
      channel: string;
      oldest: string;
      limit: number;
      include_all_metadata: boolean;
      cursor?: string;
    }): Promise<{ messages?: HistoryMessage[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }>;
  };
}

export interface EarlierCopyOptions {
  readonly client: HistoryClient;
  readonly log: Logger;
  readonly clock: Clock;
  /** Slack's clock and ours may disagree, and a post lands a little after we ask for it. */
  readonly marginMs?: number;
  /** How far back to look when this process never saw the first try (it ran before a restart). */
  readonly lookbackMs?: number;
  /** Pages of 100 messages read at most: a busy channel is not read to its start. */
  readonly maxPages?: number;
}

export interface EarlierCopy {
  /** Remembers when a key was first tried (call before every post). */
  noteAttempt(key: string): void;
  /** The key went out (or never will): its first-try time is no longer needed. */
  forget(key: string): void;
  /**
   * The ts of a message already posted with this key, or null when there is none or history cannot
   * be read for good (missing scope: then the alert is posted again, at least once, never dropped).
   * Throws DeliveryError when Slack is briefly unable to answer, so the outbox asks again later.
   */
  find(channel: ChannelRef, key: string): Promise<string | null>;
}

const PAGE = 100;
/** Keys of alerts still failing; bounded so a long outage cannot grow it without end. */
const MAX_REMEMBERED = 10_000;

const slackTs = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(6);

export function createEarlierCopy(options: EarlierCopyOptions): EarlierCopy {
  const { client, log, clock } = options;
  const marginMs = options.marginMs ?? 2 * 60_000;
  const lookbackMs = options.lookbackMs ?? 24 * 3_600_000;
  const maxPages = options.maxPages ?? 5;
  const firstTry = new Map<string, number>();
  const remember = (key: string, at: number): void => {
    if (firstTry.has(key)) return;
    if (firstTry.size >= MAX_REMEMBERED) {
      const stalest = firstTry.keys().next();
      if (stalest.done !== true) firstTry.delete(stalest.value);
    }
    firstTry.set(key, at);
  };

  return {
    noteAttempt(key) {
      remember(key, clock().getTime());
    },
    forget(key) {
      firstTry.delete(key);
    },
    async find(channel, key) {
      const since = firstTry.get(key) ?? clock().getTime() - lookbackMs;
      // Unknown first try (it ran before a restart): later searches keep this wide window.
      remember(key, since);
      const oldest = slackTs(since - marginMs);
      let cursor: string | undefined;
      try {
        for (let page = 0; page < maxPages; page++) {
          const result = await client.conversations.history({
            channel: channel.channel,
            oldest,
            limit: PAGE,
            include_all_metadata: true,
            ...(cursor !== undefined ? { cursor } : {}),
          });
          const hit = (result.messages ?? []).find(
            (m) => m.metadata?.event_type === ALERT_EVENT_TYPE && m.metadata.event_payload?.['key'] === key,
          );
          if (hit?.ts !== undefined) {
            log.info({ scope: channel, key, ts: hit.ts, pages: page + 1 }, 'slack.earlier_copy_found');
            return hit.ts;
          }
          cursor = result.response_metadata?.next_cursor;
          if (result.has_more !== true || cursor === undefined || cursor === '') return null;
        }
        log.warn({ scope: channel, key, pages: maxPages, oldest }, 'slack.history_not_exhausted');
        return null;
      } catch (error) {
        const de = toDeliveryError(error);
        if (de.code === 'transient' || de.code === 'rate_limited') {
          log.warn({ scope: channel, key, code: de.code, error: slackErrorDetail(error) }, 'slack.history_failed');
          throw new DeliveryError(
            de.code,
            `Slack history unavailable before a resend: ${de.message}`,
            de.retryAfterMs,
            { cause: error },
          );
        }
        // Missing channels:history / groups:history, or the bot left: posting again may repeat a
        // message, but not posting could lose it.
        log.warn({ scope: channel, key, error: slackErrorDetail(error) }, 'slack.history_unreadable');
        return null;
      }
    },
  };
}

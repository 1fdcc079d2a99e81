// An outbox row becomes a message when it is sent: an alert's hits are worded by the functions
// that decided them (core/alerts.ts hitReason), with the story as stored by then.
import { buildAlertMessage, hitReason } from '../core/alerts.ts';
import type { OutgoingMessage } from '../core/messages.ts';
import type { ChannelRef } from '../core/types.ts';
import type { ClaimedEntry, QueuedPost } from './ports/storage.ts';

/** A claimed outbox row with its message built. */
export interface OutboxEntry {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly message: OutgoingMessage;
  readonly attempts: number;
}

export function postMessage(post: QueuedPost): OutgoingMessage {
  if (post.kind === 'message') return post.message;
  const hits = post.alert.hits.map((h) => ({ ticker: h.ticker, reason: hitReason(h) }));
  const article = post.alert.article;
  if (article === null) {
    // Never block the queue on a story that is gone: say what fired.
    const symbols = hits.map((h) => h.ticker.symbol).join(', ');
    return {
      kind: 'alert',
      title: `Alert for ${symbols}`,
      text: `Alert for ${symbols}: ${hits.map((h) => h.reason).join('; ')}`,
    };
  }
  return buildAlertMessage(article, hits);
}

export function toOutboxEntry(claimed: ClaimedEntry): OutboxEntry {
  return { id: claimed.id, scope: claimed.scope, message: postMessage(claimed.post), attempts: claimed.attempts };
}

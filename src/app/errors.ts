// Infrastructure failures travel as small error classes with a code; user mistakes are values
// (see core/commands/parse.ts), never exceptions.

export type DeliveryErrorCode =
  /** The platform asked us to slow down; retry after retryAfterMs. */
  | 'rate_limited'
  /** Timeout, 5xx, connection reset: retry with backoff. */
  | 'transient'
  /** The bot was removed from the channel, or it was archived or deleted: stop until re-added. */
  | 'channel_gone'
  /** The platform refused this message for good (bad payload): retrying cannot help. */
  | 'rejected';

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

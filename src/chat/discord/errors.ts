// Discord REST failures -> DeliveryError codes the dispatcher acts on.
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { DeliveryError } from '../../app/errors.ts';

/** The bot cannot see or write to the channel any more: hold its alerts and pause its rules. */
export const CHANNEL_GONE_CODES: ReadonlySet<number> = new Set([
  10003, // Unknown Channel
  50001, // Missing Access
  50013, // Missing Permissions
]);

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof RateLimitError) {
    return new DeliveryError(
      'rate_limited',
      `rate limited on ${error.route} for ${error.retryAfter} ms`,
      Math.max(0, Math.ceil(error.retryAfter)),
      { cause: error },
    );
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const message = `discord ${error.status} ${String(error.code)}: ${error.message}`;
    if (CHANNEL_GONE_CODES.has(code)) return new DeliveryError('channel_gone', message, null, { cause: error });
    if (error.status === 429) return new DeliveryError('rate_limited', message, null, { cause: error });
    // A bad token or a Discord-side auth problem is not this message's fault: keep it for later.
    if (error.status === 401 || error.status >= 500)
      return new DeliveryError('transient', message, null, { cause: error });
    return new DeliveryError('rejected', message, null, { cause: error });
  }
  if (error instanceof HTTPError) {
    return new DeliveryError('transient', `discord ${error.status}: ${error.message}`, null, { cause: error });
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Timeouts (AbortError), resets and refused connections: the network, not the message.
  return new DeliveryError('transient', message, null, { cause: error });
}

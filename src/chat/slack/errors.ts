// Web API failures -> DeliveryError, so the dispatcher decides about retries in one place.
import { DeliveryError } from '../../app/errors.ts';

/** The bot can no longer post there: pause the channel's rules instead of retrying. */
const CHANNEL_GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
/** Slack's own trouble, reported with HTTP 200: worth another try later. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

interface WebApiErrorShape {
  readonly code?: unknown;
  readonly retryAfter?: unknown;
  readonly statusCode?: unknown;
  readonly headers?: Record<string, unknown>;
  readonly data?: { readonly error?: unknown };
}

/** Slack's error string ("not_in_channel"), or the HTTP status, for logs. */
export function slackErrorDetail(error: unknown): string {
  const e = (error ?? {}) as WebApiErrorShape;
  if (typeof e.data?.error === 'string') return e.data.error;
  if (typeof e.statusCode === 'number') return `http_${e.statusCode}`;
  return error instanceof Error ? error.message : String(error);
}

export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as WebApiErrorShape;
  const detail = slackErrorDetail(error);
  const options = { cause: error };
  switch (e.code) {
    case 'slack_webapi_rate_limited_error': {
      const seconds = typeof e.retryAfter === 'number' && Number.isFinite(e.retryAfter) ? e.retryAfter : 30;
      return new DeliveryError('rate_limited', `Slack rate limit: retry after ${seconds}s`, seconds * 1000, options);
    }
    case 'slack_webapi_http_error': {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status === 429) {
        const seconds = Number(e.headers?.['retry-after'] ?? 30);
        return new DeliveryError(
          'rate_limited',
          'Slack rate limit (HTTP 429)',
          (Number.isFinite(seconds) ? seconds : 30) * 1000,
          options,
        );
      }
      if (status >= 500 || status === 408)
        return new DeliveryError('transient', `Slack answered HTTP ${status}`, null, options);
      return new DeliveryError('rejected', `Slack answered HTTP ${status}`, null, options);
    }
    case 'slack_webapi_platform_error':
      if (CHANNEL_GONE.has(detail)) return new DeliveryError('channel_gone', `Slack: ${detail}`, null, options);
      if (TRANSIENT.has(detail)) return new DeliveryError('transient', `Slack: ${detail}`, null, options);
      // Bad token, missing scope, bad blocks: a person has to fix something first.
      return new DeliveryError('rejected', `Slack: ${detail}`, null, options);
    default:
      // Connection refused or reset, timeout: the network, not the message.
      return new DeliveryError('transient', `Slack request failed: ${detail}`, null, options);
  }
}

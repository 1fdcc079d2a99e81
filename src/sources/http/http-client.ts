// Our own HTTP GET for feeds: a deadline for the whole exchange (slow-drip bodies included), a cap
// on decompressed bytes (a 50 MB body or a gzip bomb is cut off at the cap, never buffered whole),
// limited redirects each re-checked by the SSRF guard, conditional GET, and a descriptive User-Agent.
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable, Transform } from 'node:stream';
import { BlockedAddressError, createGuardedLookup, isBlockedAddress, type AddressPolicy } from './ssrf-guard.ts';

export const USER_AGENT = 'tickerbell/0.1 (stock news alert bot; RSS/Atom reader; polls at most every few minutes)';

export type FetchErrorCode =
  | 'bad_url'
  | 'blocked_address'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'bad_encoding'
  | 'network';

/** An infrastructure failure reading a URL; the message is safe to show to users. */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    readonly url: string,
    message: string,
    readonly details: { readonly status?: number; readonly retryAfterMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface Validators {
  readonly etag?: string | null;
  readonly lastModified?: string | null;
}

export type HttpResult =
  | { readonly status: 'not_modified'; readonly url: string; readonly maxAgeMs: number | null }
  | {
      readonly status: 'ok';
      /** After redirects. */
      readonly url: string;
      readonly body: Buffer;
      readonly contentType: string | null;
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly maxAgeMs: number | null;
    };

export interface HttpClientOptions {
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly userAgent?: string;
  /** Off only where feeds on private addresses are wanted (tests on 127.0.0.1, an intranet). */
  readonly allowPrivate?: boolean;
  /** Replaces DNS (tests); the guard still checks what it returns. */
  readonly resolve?: Parameters<typeof createGuardedLookup>[0];
  /** Which resolved addresses are refused; tests use it to pretend a local name is public. */
  readonly isBlocked?: AddressPolicy;
}

export type HttpGet = (url: string, validators?: Validators) => Promise<HttpResult>;

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** max-age (or s-maxage) from Cache-Control, in ms; no-cache/no-store mean "ask every time". */
export function cacheMaxAgeMs(header: string | undefined): number | null {
  if (header === undefined) return null;
  const h = header.toLowerCase();
  if (/\bno-(?:cache|store)\b/.test(h)) return 0;
  const m = /\b(?:s-maxage|max-age)\s*=\s*"?(\d{1,10})/.exec(h);
  return m === null ? null : Number(m[1]) * 1000;
}

function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError('bad_url', raw, `"${raw.slice(0, 100)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError(
      'bad_url',
      raw,
      `only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, '')}`,
    );
  }
  return url;
}

function decoderFor(encoding: string | undefined): Transform | null | 'unsupported' {
  const e = (encoding ?? '').trim().toLowerCase();
  if (e === '' || e === 'identity') return null;
  if (e === 'gzip' || e === 'x-gzip') return createGunzip();
  if (e === 'deflate') return createInflate();
  if (e === 'br') return createBrotliDecompress();
  return 'unsupported';
}

export function createHttpClient(options: HttpClientOptions = {}): HttpGet {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const userAgent = options.userAgent ?? USER_AGENT;
  const allowPrivate = options.allowPrivate ?? false;
  const isBlocked = options.isBlocked ?? isBlockedAddress;
  const lookup: LookupFunction | undefined = allowPrivate ? undefined : createGuardedLookup(options.resolve, isBlocked);

  /** One request, no redirects followed; resolves with the response or a redirect target. */
  const once = (url: URL, validators: Validators, signal: AbortSignal): Promise<{ res: IncomingMessage }> =>
    new Promise((resolve, reject) => {
      const host = url.hostname.replace(/^\[|\]$/g, '');
      // Node connects to an IP literal without calling lookup, so literals are checked here.
      if (!allowPrivate && isIP(host) !== 0 && isBlocked(host, host)) {
        reject(new FetchError('blocked_address', url.href, new BlockedAddressError(host, host).message));
        return;
      }
      const headers: Record<string, string> = {
        'user-agent': userAgent,
        accept: ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
      };
      if (validators.etag) headers['if-none-match'] = validators.etag;
      if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
      const mod = url.protocol === 'https:' ? https : http;
      const req = mod.request(
        url,
        { method: 'GET', headers, signal, ...(lookup ? { lookup } : {}), agent: false },
        (res) => resolve({ res }),
      );
      req.on('error', reject);
      req.end();
    });

  const readBody = (res: IncomingMessage, url: string, signal: AbortSignal): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const declared = Number(res.headers['content-length']);
      const encoding = res.headers['content-encoding'];
      if ((encoding === undefined || encoding === 'identity') && Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        reject(new FetchError('too_large', url, `the response is ${declared} bytes; the limit is ${maxBytes}`));
        return;
      }
      const decoder = decoderFor(encoding);
      if (decoder === 'unsupported') {
        res.destroy();
        reject(new FetchError('bad_encoding', url, `unsupported content-encoding "${encoding}"`));
        return;
      }
      const stream: Readable = decoder === null ? res : res.pipe(decoder);
      const chunks: Buffer[] = [];
      let total = 0;
      let done = false;
      const finish = (error: Error | null): void => {
        if (done) return;
        done = true;
        signal.removeEventListener('abort', onAbort);
        if (error !== null) {
          res.destroy();
          if (decoder !== null) decoder.destroy();
          reject(error);
        } else resolve(Buffer.concat(chunks, total));
      };
      const onAbort = (): void =>
        finish(new FetchError('timeout', url, `no complete answer within ${timeoutMs / 1000} s`));
      signal.addEventListener('abort', onAbort);
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes)
          finish(new FetchError('too_large', url, `the response is larger than the ${maxBytes} byte limit`));
        else chunks.push(chunk);
      });
      stream.on('end', () => finish(null));
      stream.on('error', (error: Error) =>
        finish(
          decoder !== null && stream === decoder
            ? new FetchError(
                'bad_encoding',
                url,
                `cannot decompress the ${encoding} body: ${error.message}`,
                {},
                { cause: error },
              )
            : new FetchError(
                'network',
                url,
                `the connection failed while reading: ${error.message}`,
                {},
                { cause: error },
              ),
        ),
      );
      res.on('error', (error: Error) =>
        finish(
          new FetchError('network', url, `the connection failed while reading: ${error.message}`, {}, { cause: error }),
        ),
      );
      res.on('aborted', () => finish(new FetchError('network', url, 'the server closed the connection early')));
    });

  return async (rawUrl, validators = {}) => {
    let url = parseUrl(rawUrl);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      for (let hop = 0; ; hop += 1) {
        let res: IncomingMessage;
        try {
          ({ res } = await once(url, validators, controller.signal));
        } catch (error) {
          if (error instanceof FetchError) throw error;
          if (controller.signal.aborted)
            throw new FetchError('timeout', url.href, `no answer within ${timeoutMs / 1000} s`);
          const e = error as NodeJS.ErrnoException;
          if (e.code === 'blocked_address') throw new FetchError('blocked_address', url.href, e.message);
          throw new FetchError(
            'network',
            url.href,
            `cannot connect to ${url.host}: ${e.code ?? e.message}`,
            {},
            { cause: error },
          );
        }
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if ([301, 302, 303, 307, 308].includes(status) && location !== undefined) {
          res.resume();
          if (hop >= maxRedirects)
            throw new FetchError('too_many_redirects', rawUrl, `more than ${maxRedirects} redirects`);
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            throw new FetchError(
              'bad_url',
              url.href,
              `the server redirected to an invalid URL "${location.slice(0, 100)}"`,
            );
          }
          if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            throw new FetchError('bad_url', url.href, `the server redirected to a ${next.protocol} URL`);
          }
          url = next;
          continue;
        }
        const maxAgeMs = cacheMaxAgeMs(res.headers['cache-control']);
        if (status === 304) {
          res.resume();
          return { status: 'not_modified', url: url.href, maxAgeMs };
        }
        if (status < 200 || status > 299) {
          res.resume();
          const retry = retryAfterMs(res.headers['retry-after'], Date.now());
          throw new FetchError(
            'http_status',
            url.href,
            `the server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`,
            {
              status,
              ...(retry !== undefined ? { retryAfterMs: retry } : {}),
            },
          );
        }
        const body = await readBody(res, url.href, controller.signal);
        return {
          status: 'ok',
          url: url.href,
          body,
          contentType: res.headers['content-type'] ?? null,
          etag: res.headers.etag ?? null,
          lastModified: res.headers['last-modified'] ?? null,
          maxAgeMs,
        };
      }
    } finally {
      clearTimeout(timer);
    }
  };
}

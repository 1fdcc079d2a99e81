// Bounds for every HTTP endpoint the bot opens (Slack's /slack/events, and any health or metrics
// route): a request body is refused by its Content-Length before a byte is read, cut off as soon as
// the streamed bytes pass the cap, and given a deadline, so neither one huge POST nor many slow ones
// can hold memory. Only a body that passed all three reaches the handler, already buffered.
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

export interface RequestLimits {
  /** Largest body accepted, in bytes. */
  readonly maxBytes: number;
  /** Longest time to receive the whole body (and the headers, at the server). */
  readonly readTimeoutMs: number;
}

/** Slack's own payloads are a few KB; 1 MiB leaves room and still bounds memory per request. */
export const DEFAULT_REQUEST_LIMITS: RequestLimits = { maxBytes: 1024 * 1024, readTimeoutMs: 10_000 };

export class RequestRefusedError extends Error {
  override readonly name = 'RequestRefusedError';
  constructor(
    readonly status: 400 | 408 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** The body, or a RequestRefusedError (413 too large, 408 too slow, 400 broken off). */
export function readBoundedBody(req: IncomingMessage, limits: RequestLimits = DEFAULT_REQUEST_LIMITS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && !(/^\d+$/.test(declared) && Number(declared) <= limits.maxBytes)) {
      reject(
        new RequestRefusedError(
          413,
          `declared body of ${declared.slice(0, 20)} bytes is over the ${limits.maxBytes}-byte cap`,
        ),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (error: RequestRefusedError | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
      if (error === null) {
        resolve(Buffer.concat(chunks, received));
        return;
      }
      // Nothing more is read: the caller answers and closes the connection.
      req.pause();
      chunks.length = 0;
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limits.maxBytes)
        finish(new RequestRefusedError(413, `body passed the ${limits.maxBytes}-byte cap`));
      else chunks.push(chunk);
    };
    const onEnd = (): void => finish(null);
    const onError = (): void => finish(new RequestRefusedError(400, 'the request body broke off'));
    const onAborted = onError;
    const timer = setTimeout(
      () => finish(new RequestRefusedError(408, `body not received within ${limits.readTimeoutMs} ms`)),
      limits.readTimeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}

/** Answers a refused request and closes its connection, so a client still sending is cut off. */
export function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { connection: 'close', 'content-type': 'text/plain; charset=utf-8' });
  res.end(status === 413 ? 'Payload Too Large\n' : status === 408 ? 'Request Timeout\n' : 'Bad Request\n', () =>
    res.socket?.destroy(),
  );
}

export type BoundedHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;

/**
 * A request listener that reads the body within the limits first and calls the handler with it;
 * a refused request is answered (413/408/400) and reported through onRefused. A handler that
 * throws gets a 500 for that request alone.
 */
export function boundedListener(
  handler: BoundedHandler,
  limits: RequestLimits = DEFAULT_REQUEST_LIMITS,
  report: {
    onRefused?: (req: IncomingMessage, error: RequestRefusedError) => void;
    onFailed?: (req: IncomingMessage, error: unknown) => void;
  } = {},
): RequestListener {
  return (req, res) => {
    readBoundedBody(req, limits)
      .then(async (body) => {
        try {
          await handler(req, res, body);
        } catch (error) {
          report.onFailed?.(req, error);
          if (!res.headersSent) res.writeHead(500).end();
        }
      })
      .catch((error: unknown) => {
        const refused =
          error instanceof RequestRefusedError ? error : new RequestRefusedError(400, 'the request could not be read');
        report.onRefused?.(req, refused);
        refuse(res, refused.status);
      });
  };
}

/** Server-level deadlines: headers and the whole request, so a slow client cannot hold a socket open. */
export function applyServerLimits(server: Server, limits: RequestLimits = DEFAULT_REQUEST_LIMITS): Server {
  server.headersTimeout = limits.readTimeoutMs;
  server.requestTimeout = limits.readTimeoutMs + 1_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

// A local HTTP server on 127.0.0.1 serving fixture feeds, including broken ones.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const FIXTURES = new URL('../fixtures/feeds/', import.meta.url);
export const fixture = (name: string): Buffer => readFileSync(new URL(name, FIXTURES));

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface FeedServer {
  readonly base: string;
  readonly port: number;
  /** Every request seen, in order. */
  readonly requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    requests.push({ path, headers: req.headers });
    const handler = routes.get(path);
    if (handler === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    requests,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Serves a body with an ETag, answering 304 to a matching If-None-Match. */
export function conditional(
  body: () => string | Buffer,
  etag: () => string,
  contentType = 'application/rss+xml; charset=utf-8',
): Route {
  return (req, res) => {
    if (req.headers['if-none-match'] === etag()) {
      res.writeHead(304, { etag: etag() }).end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, etag: etag() }).end(body());
  };
}

export interface Item {
  readonly title: string;
  readonly link: string;
  readonly body: string;
  readonly date?: string;
}

export function rss(title: string, items: readonly Item[]): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${esc(title)}</title>${items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link><description>${esc(i.body)}</description>${i.date ? `<pubDate>${i.date}</pubDate>` : ''}</item>`,
    )
    .join('')}</channel></rss>`;
}

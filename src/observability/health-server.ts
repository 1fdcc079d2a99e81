// GET /healthz and GET /metrics on TICKERBELL_METRICS_PORT. It reads no request bodies: a request
// that announces one is refused before anything is read, and headers and time are bounded.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../app/ports/runtime.ts';
import type { Metrics } from './metrics.ts';

export interface HealthReport {
  readonly ok: boolean;
  readonly [key: string]: unknown;
}

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(options: {
  port: number;
  host: string;
  metrics: Metrics;
  health: () => Promise<HealthReport>;
  log: Logger;
}): Promise<MetricsServer> {
  const { metrics, health, log } = options;
  const send = (res: ServerResponse, status: number, type: string, body: string): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', connection: 'close' }).end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      send(res, 405, 'text/plain', 'only GET\n');
      return;
    }
    const length = Number(req.headers['content-length'] ?? 0);
    if (req.headers['transfer-encoding'] !== undefined || length > 0) {
      send(res, 413, 'text/plain', 'request bodies are not accepted\n');
      return;
    }
    if (path === '/healthz') {
      const report = await health();
      send(res, report.ok ? 200 : 503, 'application/json', `${JSON.stringify(report)}\n`);
    } else if (path === '/metrics') {
      send(res, 200, metrics.registry.contentType, await metrics.registry.metrics());
    } else send(res, 404, 'text/plain', 'GET /healthz or /metrics\n');
  };
  const server = createServer({ maxHeaderSize: 8192, requestTimeout: 5_000, headersTimeout: 5_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ err: error }, 'metrics.request_failed');
      if (!res.headersSent) send(res, 500, 'text/plain', 'error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  log.info({ host: options.host, port }, 'metrics.listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// The operator's view: /healthz and /metrics on TICKERBELL_METRICS_PORT, read after a real cycle.
import { cpSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { REPO, runCli, startCli } from '../run-cli.ts';

function http(
  port: number,
  path: string,
  options: { method?: string; body?: string } = {},
): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: options.body === undefined ? {} : { 'content-length': Buffer.byteLength(options.body) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type'] ?? '') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const metric = (text: string, name: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  if (line === undefined) throw new Error(`no ${name} in\n${text.slice(0, 2000)}`);
  return Number(line.slice(name.length + 1));
};

describe('health and metrics endpoint (spawned bot)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('reports articles, alerts, outbox and cycle after a cycle; refuses other methods and request bodies', async () => {
    const db = join(tmp.dir, 'bot.db');
    const sources = join(tmp.dir, 'articles');
    mkdirSync(sources);
    // The watch is set first, with nothing to read, so the bot's first cycle alerts on the seeds.
    const setup = await runCli(['start', '--once'], {
      stdin: '/watch add BABA\n',
      env: { TICKERBELL_DB: db, TICKERBELL_SOURCES: sources },
    });
    expect(setup.code).toBe(0);
    cpSync(join(REPO, 'seeds'), sources, { recursive: true });
    const bot = startCli(['start'], {
      env: {
        TICKERBELL_DB: db,
        TICKERBELL_SOURCES: sources,
        TICKERBELL_METRICS_PORT: '0',
        TICKERBELL_ALERT_COOLDOWN: '0m',
      },
    });
    try {
      const log = await bot.waitForLog(/"msg":"cycle\.done"/);
      const port = Number(/"port":(\d+)[^\n]*"msg":"metrics\.listening"/.exec(log)?.[1]);
      expect(port).toBeGreaterThan(0);

      const metrics = await http(port, '/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.type).toContain('text/plain');
      expect(metric(metrics.body, 'tickerbell_articles_seen_total')).toBe(5);
      expect(metric(metrics.body, 'tickerbell_articles_stored_total')).toBe(5);
      expect(metric(metrics.body, 'tickerbell_articles_deduplicated_total')).toBe(0);
      // One seed is dated 2025-11-27: stored, not alerted.
      expect(metric(metrics.body, 'tickerbell_articles_too_old_total')).toBe(1);
      const queued = metric(metrics.body, 'tickerbell_alerts_queued_total');
      expect(queued).toBeGreaterThanOrEqual(3);
      expect(metric(metrics.body, 'tickerbell_alerts_sent_total')).toBe(queued);
      expect(metric(metrics.body, 'tickerbell_alerts_failed_total')).toBe(0);
      expect(metric(metrics.body, 'tickerbell_outbox_pending')).toBe(0);
      expect(metric(metrics.body, 'tickerbell_outbox_oldest_pending_age_seconds')).toBe(0);
      expect(metric(metrics.body, 'tickerbell_delivery_latency_seconds_count')).toBe(queued);
      expect(metric(metrics.body, 'tickerbell_last_cycle_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 120);
      expect(metrics.body).toContain('# HELP tickerbell_chat_api_errors_total');
      expect(metrics.body).toContain('tickerbell_feeds{state="disabled"} 0');

      const health = await http(port, '/healthz');
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ ok: true, database: 'ok', platforms: { console: 'connected' } });
      expect((JSON.parse(health.body) as { lastCycleAt: string | null }).lastCycleAt).not.toBeNull();

      expect((await http(port, '/metrics', { method: 'POST' })).status).toBe(405);
      expect((await http(port, '/healthz', { body: 'hello' })).status).toBe(413);
      expect((await http(port, '/nope')).status).toBe(404);
      expect(await bot.stop('SIGTERM')).toBe(0);
    } finally {
      await bot.stop('SIGKILL');
    }
  });
});

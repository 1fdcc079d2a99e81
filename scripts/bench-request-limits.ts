// Memory of the real bot process (Slack HTTP mode) under hostile requests: one unsigned 1 GB POST
// streamed in full (chunked, so no Content-Length gives it away), one declared at 1 GB, then ten
// slow posts dripping a byte at a time. Reports the child's resident memory (VmRSS) and its peak
// (VmHWM) from /proc before and after each, and how much of each body the server took.
// Usage: npm run bench:limits   (Linux; about 30 s)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/tickerbell', import.meta.url));
const MB = 1024 * 1024;

/** A Web API that answers auth.test, all the bot needs to start in HTTP mode. */
async function fakeSlack(): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        ok: true,
        user_id: 'UBOT',
        team_id: 'TBENCH',
        bot_id: 'BBOT',
        url: 'https://bench.slack.test/',
      }),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/api/`, close: () => server.close() };
}

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** Sends up to `bytes` of body (chunked unless a length is declared); resolves with status and bytes the server took. */
function post(
  port: number,
  bytes: number,
  options: { declare?: number; dripMs?: number } = {},
): Promise<{ status: number; sent: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let closed = false;
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      closed = true;
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), sent, ms: Date.now() - started });
    });
    const length = options.declare !== undefined ? `Content-Length: ${options.declare}` : 'Transfer-Encoding: chunked';
    socket.write(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n${length}\r\n\r\n`,
    );
    if (options.dripMs !== undefined) {
      const timer = setInterval(() => {
        if (closed || sent >= bytes) return clearInterval(timer);
        socket.write(options.declare !== undefined ? 'a' : '1\r\na\r\n');
        sent += 1;
      }, options.dripMs);
      return;
    }
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const frame =
      options.declare !== undefined
        ? chunk
        : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const pump = (): void => {
      while (!closed && sent < bytes) {
        sent += chunk.length;
        if (!socket.write(frame)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!closed && options.declare === undefined) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

const slack = await fakeSlack();
const dir = mkdtempSync(join(tmpdir(), 'tickerbell-bench-limits-'));
const child = spawn(process.execPath, [BIN, 'start'], {
  env: {
    PATH: process.env['PATH'] ?? '',
    TICKERBELL_DB: join(dir, 'bench.db'),
    TICKERBELL_SOURCES: dir,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-secret',
    SLACK_API_URL: slack.url,
    PORT: '0',
    TICKERBELL_LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
let log = '';
child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
try {
  // The port is only in the info-level start line; read it from the listening sockets instead.
  const port = await new Promise<number>((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const look = (): void => {
      const inodes = new Set<string>();
      try {
        for (const fd of readdirFds(child.pid ?? 0)) inodes.add(fd);
      } catch {
        /* not up yet */
      }
      const tcp = readFileSync('/proc/net/tcp', 'utf8')
        .split('\n')
        .slice(1)
        .concat(readFileSync('/proc/net/tcp6', 'utf8').split('\n').slice(1));
      const mine = tcp.map((l) => l.trim().split(/\s+/)).find((f) => f[3] === '0A' && inodes.has(f[9] ?? ''));
      if (mine !== undefined) return resolve(parseInt((mine[1] ?? ':0').split(':')[1] ?? '0', 16));
      if (Date.now() > deadline) return reject(new Error(`the bot did not start listening:\n${log}`));
      setTimeout(look, 200);
    };
    look();
  });
  const pid = child.pid ?? 0;
  await new Promise((r) => setTimeout(r, 1000));
  const idle = memory(pid);
  console.log(`idle:                         RSS ${idle.rss.toFixed(0)} MB, peak ${idle.peak.toFixed(0)} MB`);

  const streamed = await post(port, 1024 * MB);
  let m = memory(pid);
  console.log(
    `1 GB chunked POST (unsigned): HTTP ${streamed.status} after ${(streamed.sent / MB).toFixed(1)} MB sent; RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`,
  );

  const declared = await post(port, 1024 * MB, { declare: 1024 * MB });
  m = memory(pid);
  console.log(
    `1 GB declared POST (unsigned): HTTP ${declared.status} after ${(declared.sent / MB).toFixed(1)} MB sent; RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`,
  );

  const slow = await Promise.all(
    Array.from({ length: 10 }, () => post(port, 100_000, { declare: 100_000, dripMs: 100 })),
  );
  m = memory(pid);
  console.log(
    `10 slow POSTs (1 byte / 100 ms): HTTP ${[...new Set(slow.map((s) => s.status))].join(',')} after ${Math.max(...slow.map((s) => s.ms))} ms at most; RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('close', r));
  slack.close();
  rmSync(dir, { recursive: true, force: true });
}

function readdirFds(pid: number): string[] {
  const fds: string[] = [];
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m?.[1] !== undefined) fds.push(m[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  return fds;
}

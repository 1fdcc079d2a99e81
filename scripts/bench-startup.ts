// Start-up benchmark: wall time of the commands a new user runs first, as separate processes, several
// runs each, medians of wall time and of CPU time (user + system of the command and its children, from
// bash's `times`: steadier than wall time on a shared machine). Runs the built CLI (bin/tickerbell -> dist/), building it first when stale,
// and ends with the figure the start-up target is about: the README's first command on a fresh database.
// Usage: npm run bench:startup [-- --runs 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'tickerbell');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 7;
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number');

const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);

// A clean environment: no .env, no chat tokens, the demo's default sources.
const baseEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(SLACK|DISCORD|TICKERBELL)_/.test(k)),
);

interface Case {
  readonly name: string;
  /** Called before each run (not timed). */
  readonly setup?: () => void;
  readonly command: string;
  readonly args: readonly string[];
  readonly input: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly expect: RegExp;
}

const dir = mkdtempSync(join(tmpdir(), 'tickerbell-startup-'));
const dbFile = join(dir, 'demo.db');
const freshDb = (): void => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbFile + suffix, { force: true });
};
const demoEnv = { ...baseEnv, TICKERBELL_DB: dbFile };
const npm = 'npm';

const cases: Case[] = [
  { name: 'tickerbell help', command: process.execPath, args: [bin, 'help'], input: '', expect: /Usage:/ },
  {
    name: 'tickerbell score (one text)',
    command: process.execPath,
    args: [bin, 'score'],
    input: 'Alibaba (BABA) shares rose 5% after earnings beat estimates.',
    env: baseEnv,
    expect: /"BABA"/,
  },
  {
    name: 'start --once, demo, fresh database',
    setup: freshDb,
    command: process.execPath,
    args: [bin, 'start', '--once'],
    input: '/watch add BABA\n',
    env: demoEnv,
    expect: /ALERT/,
  },
  {
    name: 'start --once, demo, existing database',
    command: process.execPath,
    args: [bin, 'start', '--once'],
    input: '',
    env: demoEnv,
    expect: /^/,
  },
  {
    name: 'npm start -- --once, demo, fresh database',
    setup: freshDb,
    command: npm,
    args: ['start', '--silent', '--', '--once'],
    input: '/watch add BABA\n',
    env: demoEnv,
    expect: /ALERT/,
  },
];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** The children's line of bash's `times` ("0m0.812s 0m0.080s"), user + system. */
function childCpuSeconds(stderr: string): number {
  const line = stderr.trimEnd().split('\n').at(-1) ?? '';
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) throw new Error(`no CPU times in: ${line}`);
  return parts.reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
}

console.log(
  `node ${process.version}, ${cpus().length} CPU(s), load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${runs} runs each`,
);
console.log('| command | median (s) | min (s) | max (s) | CPU median (s) |');
console.log('|---|---|---|---|---|');
const results = new Map<string, { wall: number; cpu: number }>();
try {
  for (const c of cases) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      c.setup?.();
      const t0 = process.hrtime.bigint();
      const r = spawnSync('bash', ['-c', '"$@"; s=$?; times >&2; exit $s', 'bench', c.command, ...c.args], {
        cwd: root,
        env: c.env ?? baseEnv,
        input: c.input,
        encoding: 'utf8',
      });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (r.status !== 0 || !c.expect.test(r.stdout))
        throw new Error(`${c.name} failed (exit ${r.status}): ${r.stderr.slice(0, 500)}`);
      times.push(seconds);
      cpu.push(childCpuSeconds(r.stderr));
    }
    results.set(c.name, { wall: median(times), cpu: median(cpu) });
    console.log(
      `| ${c.name} | ${median(times).toFixed(2)} | ${Math.min(...times).toFixed(2)} | ${Math.max(...times).toFixed(2)} | ${median(cpu).toFixed(2)} |`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
// The target (issue 17): what the README's first command costs, under 1 s.
const demo = results.get('npm start -- --once, demo, fresh database');
if (demo !== undefined)
  console.log(
    `npm start -- --once on a fresh demo database: median ${demo.wall.toFixed(2)} s wall, ${demo.cpu.toFixed(2)} s CPU; ` +
      `under 1 s: ${demo.wall < 1 ? 'yes' : 'no'} (wall), ${demo.cpu < 1 ? 'yes' : 'no'} (CPU)`,
  );
console.log(
  `load average at end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

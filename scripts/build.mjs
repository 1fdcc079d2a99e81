#!/usr/bin/env node
// Bundles src/ into dist/ (what bin/tickerbell runs) with esbuild: one file per lazily loaded command
// instead of a hundred-odd modules, which is most of the start-up time saved. The plain-JavaScript
// packages every start loads (drizzle, zod, the feed and HTML parsers, node-cron: some 250 files) are
// bundled in too; the rest stay external (native addons, JSON read at run time, chat SDKs and the
// chart loaded only when used, pino's worker files). Type checking is `npm run typecheck`, not this.
// Then the bundled src/precompute.ts derives what every start would otherwise derive again from the
// shipped data (the ticker universe's name index, the sentiment model's compiled tables) into
// dist/startup-data, which the bundle reads back (src/data/precomputed.ts); if that step fails, the
// build still stands and starts derive the data themselves, only slower.
// `--if-stale` skips the work when nothing under src/ is newer than the last build, so the test
// setup can call it before every run and still spawn the CLI users run.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const INLINE = new Set(['drizzle-orm', 'zod', 'fast-xml-parser', 'html-to-text', 'node-cron']);
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');

function newestMtime(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const inputs = () =>
  Math.max(
    newestMtime(join(root, 'src')),
    statSync(join(root, 'package.json')).mtimeMs,
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );

if (process.argv.includes('--if-stale') && existsSync(stamp) && statSync(stamp).mtimeMs >= inputs()) process.exit(0);

/** Every dependency not in INLINE, and its subpaths. */
function external() {
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return Object.keys(dependencies)
    .filter((name) => !INLINE.has(name))
    .flatMap((name) => [name, `${name}/*`]);
}

// Stamped with the time the build began, so an edit made during the build still counts as newer.
const started = new Date();
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src', 'cli.ts'), join(root, 'src', 'precompute.ts')],
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: external(),
  sourcemap: 'linked',
  logLevel: 'warning',
});
mkdirSync(dist, { recursive: true });
const precompute = spawnSync(process.execPath, [join(dist, 'precompute.js')], { stdio: 'inherit' });
if (precompute.status !== 0)
  process.stderr.write('build: precomputing start-up data failed; starts will derive it (slower)\n');
writeFileSync(stamp, `${started.toISOString()}\n`);
utimesSync(stamp, started, started);

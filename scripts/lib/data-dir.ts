// Where the labelled data lives: the first argument, else the repo's labelled/ folder, so the
// scripts run on a fresh clone.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export const defaultDataDir = `${repoRoot}labelled`;

export function dataDirFromArgs(args: readonly string[]): string {
  const given = args.find((a) => !a.startsWith('--'));
  const dir = given ?? defaultDataDir;
  if (!existsSync(`${dir}/sentiment`)) {
    console.error(
      `no labelled data under ${dir}/sentiment; pass a folder laid out like labelled/: npm run <script> -- /path/to/data`,
    );
    process.exit(2);
  }
  return dir;
}

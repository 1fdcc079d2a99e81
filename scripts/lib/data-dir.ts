// Where the labelled data lives: the first argument, else ../shared/data beside the repo.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export function dataDirFromArgs(args: readonly string[]): string {
  const given = args.find((a) => !a.startsWith('--'));
  const dir = given ?? `${repoRoot}../shared/data`;
  if (!existsSync(`${dir}/sentiment`)) {
    console.error(`no labelled data under ${dir}/sentiment; pass the data folder: npm run <script> -- /path/to/data`);
    process.exit(2);
  }
  return dir;
}

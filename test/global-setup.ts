// Tests spawn bin/tickerbell, which runs the compiled dist/: rebuild it first when src/ has changed,
// so a test always runs what a user would.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url)), '--if-stale'], {
    stdio: 'inherit',
  });
}

// Where the package's own files are (seeds, migrations, shipped data). Found by walking up from this
// module to package.json, so the same code works from src/ under tsx and from the bundle in dist/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('tickerbell: cannot find the package root (no package.json above the code)');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
/** Shipped JSON data (tickers, model, lexicons), read in place: the build does not copy it. */
export const DATA_DIR = join(PACKAGE_ROOT, 'src', 'data');

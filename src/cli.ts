// bin entry: parses argv and hands over to one command module, loaded only when that command runs,
// so `tickerbell help` loads no database, model tables or chat SDKs.
import { existsSync } from 'node:fs';
import { UsageError } from './cli/common.ts';

const USAGE = `Usage:
  tickerbell start [--once]              run the bot (--once: answer commands piped on stdin, ingest and deliver once, exit)
  tickerbell score [--explain] [FILE...] analyse article files (or stdin as one article) and print one JSON line each
  tickerbell score --jsonl [--explain]   stdin lines {"id","title"?,"text"} -> stdout lines {"id","sentiment","tickers","summary"}
  tickerbell ingest [--dry-run] SOURCE...  read files/directories (articles or saved RSS/Atom/JSON feeds) or feed URLs, store new articles and queue their alerts
                                         (--dry-run: print the analysed articles as JSON lines, store nothing)
  tickerbell chart TICKER [24h|7d|30d] --out FILE.png   draw the /summary chart (sentiment and story count) to a PNG
  tickerbell feeds import FILE.opml --workspace PLATFORM:ID [--channel ID]   follow every feed in an OPML file
  tickerbell feeds export --workspace PLATFORM:ID                          print the workspace's feeds as OPML
  tickerbell help`;

async function run(command: string | undefined, args: readonly string[]): Promise<number> {
  switch (command) {
    case 'start':
      return (await import('./cli/start.ts')).startCommand(args);
    case 'score':
      return (await import('./cli/score.ts')).scoreCommand(args);
    case 'ingest':
      return (await import('./cli/ingest.ts')).ingestCommand(args);
    case 'chart':
      return (await import('./cli/chart.ts')).chartCommand(args);
    case 'feeds':
      return (await import('./cli/feeds.ts')).feedsCommand(args);
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      throw new UsageError(command === undefined ? 'no command given' : `unknown command "${command}"`);
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const [command, ...args] = argv;
  try {
    return await run(command, args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tickerbell: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Never Node's own print of the error: an HTTP client's error carries its request, tokens included.
  const { safeError } = await import('./redact.ts');
  process.stderr.write(`tickerbell: ${JSON.stringify(safeError(error))}\n`);
  process.exitCode = 1;
}

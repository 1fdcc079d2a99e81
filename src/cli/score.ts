// `tickerbell score`: analyse text without storing anything.
import { createInterface } from 'node:readline';
import { createDefaultAnalyzer } from '../analyzer.ts';
import { createAnalyzeOnly } from '../app/ingest.ts';
import type { Logger } from '../app/ports/runtime.ts';
import type { SourceFailure } from '../app/ports/sources.ts';
import { loadConfig } from '../config.ts';
import type { RawArticle } from '../core/types.ts';
import { createLogger, silentLogger } from '../log.ts';
import { createFileSource } from '../sources/file-source.ts';
import { parsePipedArticle } from '../sources/parse-file.ts';
import { parseFlags, UsageError, writeLine } from './common.ts';
import { scoreJson } from './score-json.ts';

function quietLogger(): Logger {
  const config = loadConfig(process.env);
  return config.ok ? createLogger(config.config.logLevel === 'info' ? 'warn' : config.config.logLevel) : silentLogger;
}

export async function scoreCommand(args: readonly string[]): Promise<number> {
  const { flags, rest } = parseFlags(args, ['--jsonl', '--explain']);
  const log = quietLogger();
  const explain = flags.has('--explain');
  const analyze = createAnalyzeOnly({ analyzer: createDefaultAnalyzer(), log });
  // At a terminal, reading stdin looks like a hang: say what is expected and how to end it.
  const atTerminal = process.stdin.isTTY === true && rest.length === 0;
  if (flags.has('--jsonl')) {
    if (rest.length > 0) throw new UsageError('--jsonl reads stdin; give no files');
    if (atTerminal)
      process.stderr.write(
        'tickerbell score --jsonl: reading JSON lines like {"id":"1","text":"..."} from the terminal; Ctrl-D ends.\n',
      );
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    for await (const line of rl) {
      lineNo += 1;
      if (line.trim() === '') continue;
      let id: unknown = null;
      try {
        const obj = JSON.parse(line) as Record<string, unknown>;
        id = obj['id'] ?? null;
        const text = obj['text'];
        const title = obj['title'];
        if (typeof text !== 'string') throw new Error('"text" must be a string');
        if (title !== undefined && typeof title !== 'string') throw new Error('"title" must be a string');
        const raw: RawArticle = { origin: `stdin:${lineNo}`, sourceName: 'stdin', format: 'text', title, body: text };
        const a = analyze(raw);
        if ('message' in a) throw new Error(a.message);
        // A line without an id is named by its line number in "line", never in "id", where it could collide with a real id.
        const given = typeof id === 'string' || typeof id === 'number' ? String(id) : null;
        await writeLine(process.stdout, scoreJson(given, a, explain, given === null ? { line: lineNo } : {}));
      } catch (error) {
        await writeLine(process.stdout, JSON.stringify({ id, line: lineNo, error: (error as Error).message }));
      }
    }
    return 0;
  }
  const raws: RawArticle[] = [];
  const failures: SourceFailure[] = [];
  if (rest.length === 0) {
    if (atTerminal)
      process.stderr.write(
        'tickerbell score: type or paste one article, then Ctrl-D on a new line (or give files: tickerbell score FILE...).\n',
      );
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    raws.push(...parsePipedArticle(Buffer.concat(chunks).toString('utf8'), 'stdin'));
  } else {
    for (const path of rest) {
      const batch = await createFileSource({ path }).read();
      raws.push(...batch.articles);
      failures.push(...batch.failures);
    }
  }
  for (const raw of raws) {
    const a = analyze(raw);
    if ('message' in a) failures.push(a);
    else await writeLine(process.stdout, scoreJson(raw.origin, a, explain, { title: a.article.title }));
  }
  for (const f of failures) process.stderr.write(`tickerbell: ${f.origin}: ${f.message}\n`);
  return failures.length > 0 && raws.length === 0 ? 1 : 0;
}

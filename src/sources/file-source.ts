import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ArticleSource, SourceBatch, SourceFailure } from '../app/ports/sources.ts';
import type { RawArticle } from '../core/types.ts';
import { isReadablePath, parseArticleFile } from './parse-file.ts';

export interface FileSourceOptions {
  /** A directory (read recursively) or a single article file. */
  readonly path: string;
  /** Shown as the article's source when the file names none. */
  readonly name?: string;
  /** Files larger than this are reported, not read. */
  readonly maxFileBytes?: number;
  /** Most files read from one directory per pass. */
  readonly maxFiles?: number;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

async function listFiles(dir: string, limit: number, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (out.length >= limit) return;
    // Hidden files and READMEs describe a folder; they are not articles.
    if (e.name.startsWith('.') || /^readme(\.|$)/i.test(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) await listFiles(full, limit, out);
    else if (e.isFile() && isReadablePath(e.name)) out.push(full);
  }
}

/** Reads article files from a directory or a single file; every problem is a per-file failure. */
export function createFileSource(options: FileSourceOptions): ArticleSource {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxFiles = options.maxFiles ?? 10_000;
  const name = options.name ?? basename(options.path);

  const readOne = async (file: string, articles: RawArticle[], failures: SourceFailure[]): Promise<void> => {
    try {
      const info = await stat(file);
      if (info.size > maxBytes) {
        failures.push({ origin: file, message: `file is ${info.size} bytes; the limit is ${maxBytes}` });
        return;
      }
      const text = await readFile(file, 'utf8');
      const parsed = parseArticleFile(file, text, name);
      articles.push(...parsed.articles);
      for (const e of parsed.errors) failures.push({ origin: file, message: e });
    } catch (error) {
      failures.push({ origin: file, message: `cannot read: ${(error as Error).message}` });
    }
  };

  return {
    name,
    async read(): Promise<SourceBatch> {
      const articles: RawArticle[] = [];
      const failures: SourceFailure[] = [];
      let info;
      try {
        info = await stat(options.path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return {
          articles,
          failures: [
            {
              origin: options.path,
              message: code === 'ENOENT' ? 'no such file or directory' : (error as Error).message,
            },
          ],
        };
      }
      if (info.isDirectory()) {
        const files: string[] = [];
        try {
          await listFiles(options.path, maxFiles, files);
        } catch (error) {
          failures.push({ origin: options.path, message: `cannot list: ${(error as Error).message}` });
        }
        for (const file of files) await readOne(file, articles, failures);
      } else {
        // A file named on its own is read whatever its name: a saved feed is recognised by its content.
        await readOne(options.path, articles, failures);
      }
      return { articles, failures };
    },
  };
}

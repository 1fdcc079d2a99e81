// The bundled sample articles (seeds/), read and normalised as the bot reads them: the texts the
// benchmark and the identity check both start from.
import { readFileSync, readdirSync } from 'node:fs';
import { normalizeArticle } from '../../src/core/normalize.ts';
import { parseArticleFile } from '../../src/sources/parse-file.ts';
import { repoRoot } from './data-dir.ts';

export interface SeedArticle {
  readonly title: string;
  readonly body: string;
}

export function seedArticles(): SeedArticle[] {
  const out: SeedArticle[] = [];
  for (const f of readdirSync(`${repoRoot}seeds`)
    .filter((x) => x.endsWith('.txt'))
    .sort()) {
    for (const raw of parseArticleFile(f, readFileSync(`${repoRoot}seeds/${f}`, 'utf8'), 'seeds').articles) {
      const n = normalizeArticle(raw);
      if (n.ok) out.push({ title: n.value.article.title, body: n.value.article.body });
    }
  }
  return out;
}

// Turns one article file's text into RawArticles: plain text, Markdown and HTML (one article each,
// with optional front matter) and JSON / JSON Lines (one article or many).
import { extname } from 'node:path';
import type { ArticleFormat, RawArticle } from '../core/types.ts';
import { FEED_EXTENSIONS, isFeedText, parseFeedFile } from './feed-file.ts';

export const ARTICLE_EXTENSIONS: Readonly<Record<string, ArticleFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
};

export const NOT_AN_ARTICLE =
  'not an article file or feed (use .txt, .md, .html, .json or .jsonl articles, or an RSS, Atom, RDF or JSON Feed file)';

/** Files a directory source reads: articles by extension, and saved feeds. */
export function isReadablePath(path: string): boolean {
  return formatForPath(path) !== undefined || FEED_EXTENSIONS.has(extname(path).toLowerCase());
}

export function formatForPath(path: string): ArticleFormat | undefined {
  return ARTICLE_EXTENSIONS[extname(path).toLowerCase()];
}

export type ParseResult = { readonly articles: RawArticle[]; readonly errors: string[] };

interface Meta {
  title?: string | undefined;
  url?: string | undefined;
  publishedAt?: Date | undefined;
  source?: string | undefined;
}

function parseDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** `---\nkey: value\n---` at the top of a text or Markdown file. */
export function splitFrontMatter(text: string): { meta: Meta; body: string } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (m === null) return { meta: {}, body: text };
  const fields = new Map<string, string>();
  for (const line of (m[1] ?? '').split(/\r?\n/)) {
    const kv = /^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
    if (kv) fields.set((kv[1] as string).toLowerCase(), (kv[2] as string).replace(/^(["'])(.*)\1$/, '$2'));
  }
  return {
    meta: {
      title: str(fields.get('title')),
      url: str(fields.get('url') ?? fields.get('link')),
      publishedAt: parseDate(fields.get('published') ?? fields.get('publishedat') ?? fields.get('date')),
      source: str(fields.get('source')),
    },
    body: text.slice(m[0].length),
  };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .trim();
}

function metaContent(html: string, key: string): string | undefined {
  const re = new RegExp(`<meta\\s[^>]*(?:property|name)=["']${key}["'][^>]*>`, 'i');
  const tag = re.exec(html)?.[0];
  const content = tag ? /content=["']([^"']*)["']/i.exec(tag)?.[1] : undefined;
  return content ? decodeEntities(content) : undefined;
}

/** Metadata from an HTML page's head: title, canonical link, published time. */
export function htmlMeta(html: string): Meta {
  const canonicalTag = /<link\s[^>]*rel=["']canonical["'][^>]*>/i.exec(html)?.[0];
  const canonical = canonicalTag ? /href=["']([^"']+)["']/i.exec(canonicalTag)?.[1] : undefined;
  const titleTag = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1]?.replace(/<[^>]+>/g, '');
  const time = /<time\s[^>]*datetime=["']([^"']+)["']/i.exec(html)?.[1];
  return {
    title:
      metaContent(html, 'og:title') ??
      (titleTag ? decodeEntities(titleTag) : undefined) ??
      (h1 ? decodeEntities(h1) : undefined),
    url: canonical ?? metaContent(html, 'og:url'),
    publishedAt: parseDate(metaContent(html, 'article:published_time') ?? time),
    source: metaContent(html, 'og:site_name'),
  };
}

function htmlBody(html: string): string {
  const article = /<article[\s>][\s\S]*<\/article>/i.exec(html)?.[0];
  if (article) return article;
  return /<body[\s>][\s\S]*<\/body>/i.exec(html)?.[0] ?? html;
}

const LOOKS_LIKE_HTML = /<\/?(?:p|div|br|span|a|h[1-6]|ul|li|article|section|strong|em)\b[^>]*>/i;

function fromJsonObject(obj: unknown, origin: string, sourceName: string): RawArticle | string {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return 'expected an article object';
  const o = obj as Record<string, unknown>;
  const body = str(o['body']) ?? str(o['text']) ?? str(o['content']) ?? str(o['summary']) ?? str(o['description']);
  const title = str(o['title']) ?? str(o['headline']);
  if (body === undefined && title === undefined) return 'the article has no title and no body/text/content';
  return {
    origin,
    sourceName: str(o['source']) ?? sourceName,
    format: body !== undefined && LOOKS_LIKE_HTML.test(body) ? 'html' : 'text',
    title,
    body: body ?? '',
    url: str(o['url']) ?? str(o['link']),
    publishedAt: parseDate(o['publishedAt'] ?? o['published_at'] ?? o['published'] ?? o['date']),
  };
}

export function parseArticleFile(path: string, text: string, sourceName: string): ParseResult {
  if (isFeedText(path, text)) return parseFeedFile(path, text, sourceName);
  const format = formatForPath(path);
  if (format === undefined) return { articles: [], errors: [NOT_AN_ARTICLE] };
  if (format === 'json') {
    const articles: RawArticle[] = [];
    const errors: string[] = [];
    const isLines = /\.(jsonl|ndjson)$/i.test(path);
    // Errors name the place inside the file (the caller names the file); origins name both.
    let items: Array<{ value: unknown; origin: string; place: string | null }>;
    if (isLines) {
      items = [];
      text.split(/\r?\n/).forEach((line, i) => {
        if (line.trim() === '') return;
        try {
          items.push({ value: JSON.parse(line) as unknown, origin: `${path}:${i + 1}`, place: `line ${i + 1}` });
        } catch (e) {
          errors.push(`line ${i + 1}: invalid JSON (${(e as Error).message})`);
        }
      });
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (e) {
        return { articles: [], errors: [`invalid JSON (${(e as Error).message})`] };
      }
      const list: unknown[] = Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
      items = list.map((value, i) =>
        list.length > 1 ? { value, origin: `${path}#${i}`, place: `item ${i}` } : { value, origin: path, place: null },
      );
    }
    for (const { value, origin, place } of items) {
      const a = fromJsonObject(value, origin, sourceName);
      if (typeof a === 'string') errors.push(place === null ? a : `${place}: ${a}`);
      else articles.push(a);
    }
    return { articles, errors };
  }
  if (format === 'html') {
    const meta = htmlMeta(text);
    return {
      articles: [
        {
          origin: path,
          sourceName: meta.source ?? sourceName,
          format,
          title: meta.title,
          body: htmlBody(text),
          url: meta.url,
          publishedAt: meta.publishedAt,
        },
      ],
      errors: [],
    };
  }
  const { meta, body } = splitFrontMatter(text);
  let title = meta.title;
  let rest = body;
  if (title === undefined && format === 'markdown') {
    const h = /^\s*#\s+(.+)\r?\n/.exec(body);
    if (h) {
      title = (h[1] as string).trim();
      rest = body.slice(h[0].length);
    }
  }
  return {
    articles: [
      {
        origin: path,
        sourceName: meta.source ?? sourceName,
        format,
        title,
        body: rest,
        url: meta.url,
        publishedAt: meta.publishedAt,
      },
    ],
    errors: [],
  };
}

/**
 * Text piped in with no file name: an article file reads as the file would (front matter gives the
 * title, HTML is converted); anything else is one plain-text article.
 */
export function parsePipedArticle(text: string, origin: string): RawArticle[] {
  const asFile = /^(?:\uFEFF)?---\r?\n/.test(text)
    ? 'stdin.md'
    : /^\s*<(?:!doctype html|html)\b/i.test(text)
      ? 'stdin.html'
      : null;
  const parsed = asFile === null ? null : parseArticleFile(asFile, text, 'stdin');
  if (parsed !== null && parsed.articles.length > 0) return parsed.articles.map((a) => ({ ...a, origin }));
  return [{ origin, sourceName: 'stdin', format: 'text', body: text }];
}

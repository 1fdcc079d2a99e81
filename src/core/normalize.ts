import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import { splitSentences } from './text/sentences.ts';
import type { NormalizedArticle, RawArticle, Result } from './types.ts';
import { err, ok } from './types.ts';

/** Longest body kept and analysed; the rest of a giant article is cut (and the cut is reported). */
export const MAX_BODY_CHARS = 200_000;
/** Raw input kept before conversion: HTML and whitespace cleanup cost grows with it, and markup is rarely more than 5x the text. */
const MAX_RAW_CHARS = 5 * MAX_BODY_CHARS;
const MAX_TITLE_CHARS = 300;

export type NormalizeError = { readonly code: 'empty_article'; readonly message: string };

export interface NormalizeOutcome {
  readonly article: NormalizedArticle;
  /** Characters dropped from an oversized body (0 when nothing was cut). */
  readonly truncatedChars: number;
}

const TRACKING_PARAM =
  /^(utm_[a-z_]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref_src|cmpid|mkt_tok|_hsenc|_hsmi|ocid|sr_share|smid)$/i;

/** A URL with tracking noise removed, so the same story from two links dedupes. Null when not http(s). */
export function canonicalUrl(input: string | undefined | null): string | null {
  if (input === undefined || input === null || input.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  url.username = '';
  url.password = '';
  const kept = [...url.searchParams.entries()].filter(([k]) => !TRACKING_PARAM.test(k));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  url.hostname = url.hostname.toLowerCase().replace(/^www\./, '');
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  return url.toString();
}

export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'footer', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  });
}

export function markdownToText(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

function cleanWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\t ]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Identity of an article without a URL: the same words make the same hash whatever the spacing or case. */
export function contentHash(title: string, body: string): string {
  const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256')
    .update(`${norm(title)}\n${norm(body)}`)
    .digest('hex');
}

export function normalizeArticle(raw: RawArticle): Result<NormalizeOutcome, NormalizeError> {
  const rawCut = Math.max(0, raw.body.length - MAX_RAW_CHARS);
  const input = rawCut > 0 ? raw.body.slice(0, MAX_RAW_CHARS) : raw.body;
  let text: string;
  switch (raw.format) {
    case 'html':
      text = htmlToText(input);
      break;
    case 'markdown':
      text = markdownToText(input);
      break;
    case 'text':
    case 'json':
      text = input;
      break;
  }
  let body = cleanWhitespace(text);
  let title = cleanWhitespace(raw.title ?? '').replace(/\n/g, ' ');
  if (title.length === 0) {
    // No title given: the first short line (or sentence) of the body stands in.
    const firstLine = body.split('\n', 1)[0] ?? '';
    const candidate = firstLine.length <= MAX_TITLE_CHARS ? firstLine : (splitSentences(firstLine)[0] ?? '');
    title = candidate.length <= MAX_TITLE_CHARS ? candidate : `${candidate.slice(0, MAX_TITLE_CHARS - 1)}…`;
    if (firstLine === title && body.length > title.length) body = body.slice(firstLine.length).trim();
  }
  if (title.length > MAX_TITLE_CHARS) title = `${title.slice(0, MAX_TITLE_CHARS - 1)}…`;
  if (title.length === 0 && body.length === 0) {
    return err({ code: 'empty_article', message: 'the article has no title and no text' });
  }
  let truncatedChars = rawCut;
  if (body.length > MAX_BODY_CHARS) {
    truncatedChars += body.length - MAX_BODY_CHARS;
    body = body.slice(0, MAX_BODY_CHARS);
  }
  const url = canonicalUrl(raw.url);
  const publishedAt =
    raw.publishedAt !== undefined && !Number.isNaN(raw.publishedAt.getTime()) ? raw.publishedAt : null;
  return ok({
    article: {
      origin: raw.origin,
      sourceName: raw.sourceName,
      title,
      body,
      url,
      publishedAt,
      contentHash: contentHash(title, body),
    },
    truncatedChars,
  });
}

// The CLI's `ingest` reads files, directories and feed URLs alike.
import type { SourceFailure } from '../../app/ports/sources.ts';
import type { RawArticle } from '../../core/types.ts';
import { createFileSource } from '../file-source.ts';
import { createHttpClient, type HttpClientOptions } from '../http/http-client.ts';
import { createFeedFetcher } from './fetch-feed.ts';

export async function readSources(
  sources: readonly string[],
  http: HttpClientOptions = {},
): Promise<{ articles: RawArticle[]; failures: SourceFailure[] }> {
  const articles: RawArticle[] = [];
  const failures: SourceFailure[] = [];
  const fetchFeed = createFeedFetcher(createHttpClient(http));
  for (const source of sources) {
    if (/^https?:\/\//i.test(source)) {
      try {
        const result = await fetchFeed(source, { etag: null, lastModified: null });
        if (result.status === 'ok') articles.push(...result.articles);
      } catch (error) {
        failures.push({ origin: source, message: error instanceof Error ? error.message : String(error) });
      }
      continue;
    }
    const batch = await createFileSource({ path: source }).read();
    articles.push(...batch.articles);
    failures.push(...batch.failures);
  }
  return { articles, failures };
}

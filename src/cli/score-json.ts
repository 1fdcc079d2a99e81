import type { AnalyzedArticle } from '../app/ingest.ts';

/** One analysed article as the JSON line `score` and `ingest --dry-run` print. */
export function scoreJson(
  id: string | null,
  a: AnalyzedArticle,
  explain: boolean,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    id,
    ...extra,
    sentiment: a.analysis.sentiment,
    tickers: a.analysis.tickers.map((t) => ({
      symbol: t.symbol,
      name: t.name,
      relevance: t.relevance,
      sentiment: t.sentiment,
    })),
    summary: a.analysis.summary,
    ...(explain ? { explain: { evidence: a.analysis.evidence, tickers: a.analysis.tickerEvidence ?? [] } } : {}),
  });
}

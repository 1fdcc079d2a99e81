import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { runCli } from '../run-cli.ts';

interface ScoreLine {
  id: string;
  error?: string;
  sentiment: { score: number; label: string };
  tickers: Array<{ symbol: string; name: string; relevance: number; sentiment: { score: number; label: string } }>;
  summary: string;
  explain?: { evidence: Array<{ term: string; weight: number }> };
}

const parseLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as ScoreLine);

describe('tickerbell score', () => {
  it('streams JSON lines in, one JSON line out per input, and survives bad lines', async () => {
    const input = [
      JSON.stringify({
        id: 'a',
        title: 'Tesla misses estimates; shares plunge',
        text: 'Tesla shares plunged after the miss.',
      }),
      'this is not json',
      JSON.stringify({ id: 'b', text: 42 }),
      JSON.stringify({ id: 'c', text: 'Nvidia (NASDAQ: NVDA) beats estimates and raises guidance; shares jump.' }),
    ].join('\n');
    const r = await runCli(['score', '--jsonl'], { stdin: input });
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout);
    expect(lines.map((l) => l.id ?? null)).toEqual(['a', null, 'b', 'c']);
    expect(lines[1]?.error).toMatch(/JSON/);
    expect(lines[2]?.error).toMatch(/"text" must be a string/);
    const a = lines[0];
    expect(a?.sentiment.score).toBeLessThan(-0.15);
    expect(a?.tickers.map((t) => t.symbol)).toEqual(['TSLA']);
    const c = lines[3];
    expect(c?.sentiment.score).toBeGreaterThan(0.15);
    expect(c?.tickers[0]).toMatchObject({ symbol: 'NVDA' });
    expect(Object.keys(c ?? {}).sort()).toEqual(['id', 'sentiment', 'summary', 'tickers']);
  });

  it('reads an article file piped on stdin as the file would be read: front matter gives the title', async () => {
    const input =
      '---\ntitle: Nike cuts its outlook as demand weakens\nurl: https://example.com/nike\n---\nNike shares fell 6% on Friday.\n';
    const r = await runCli(['score'], { stdin: input });
    expect(r.code).toBe(0);
    const [line] = parseLines(r.stdout) as Array<ScoreLine & { title?: string }>;
    expect(line?.title).toBe('Nike cuts its outlook as demand weakens');
    expect(line?.tickers[0]?.symbol).toBe('NKE');
    expect(line?.summary).not.toContain('---');
  });

  it('scores files and explains what moved the score with --explain', async () => {
    const r = await runCli(['score', '--explain', 'test/fixtures/articles/story.html']);
    expect(r.code).toBe(0);
    const [line] = parseLines(r.stdout);
    expect(line?.tickers[0]?.symbol).toBe('TSLA');
    expect(line?.explain?.evidence.length).toBeGreaterThan(0);
    expect(line?.explain?.evidence.some((e) => e.weight < 0)).toBe(true);
  });
});

describe('tickerbell ingest', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const env = { TICKERBELL_DB: join(tmp.dir, 'cli.db') };

  it('--dry-run prints analysed articles as JSON lines, reports bad sources on stderr, stores nothing', async () => {
    const r = await runCli(['ingest', '--dry-run', 'seeds', 'no/such/dir', 'test/fixtures/articles/story.html'], {
      env,
    });
    expect(r.code).toBe(0);
    const lines = parseLines(r.stdout) as Array<
      ScoreLine & { title: string; url: string | null; publishedAt: string | null }
    >;
    expect(lines).toHaveLength(6);
    const tesla = lines.find((l) => l.title === 'Tesla misses estimates; shares plunge');
    expect(tesla).toMatchObject({ url: 'https://news.test/tesla-miss', publishedAt: '2026-03-01T14:30:00.000Z' });
    expect(lines.filter((l) => l.tickers.some((t) => t.symbol === 'BABA'))).toHaveLength(5);
    expect(r.stderr).toMatch(/no\/such\/dir: no such file or directory/);
    const after = await runCli(['ingest', 'seeds'], { env });
    expect(after.stdout).toMatch(/5 new/);
  });

  it('stores each article once however often it is ingested', async () => {
    const r = await runCli(['ingest', 'seeds'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 5 article\(s\): 0 new, 5 already stored/);
  });

  it('exits 2 with usage on a usage error', async () => {
    expect((await runCli(['ingest'], { env })).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const r = await runCli(['score', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --nope\nUsage:/);
  });
});

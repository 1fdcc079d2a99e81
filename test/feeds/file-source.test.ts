import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileSource } from '../../src/sources/file-source.ts';
import { tempDir } from '../helpers.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/articles', import.meta.url));

describe('file source', () => {
  it('reads HTML with its metadata, JSON arrays, JSON Lines and plain text; reports bad entries', async () => {
    const batch = await createFileSource({ path: FIXTURES, name: 'fixtures' }).read();
    const byTitle = new Map(batch.articles.map((a) => [a.title ?? a.body.slice(0, 30), a]));
    const html = byTitle.get('Tesla misses estimates; shares plunge');
    expect(html).toMatchObject({
      format: 'html',
      sourceName: 'Example Wire',
      url: 'https://news.test/tesla-miss?utm_source=feed',
    });
    expect(html?.publishedAt?.toISOString()).toBe('2026-03-01T14:30:00.000Z');
    expect(html?.body).toContain('<article>');
    expect(html?.body).not.toContain('<nav>');
    expect(byTitle.get('Nvidia beats estimates and raises guidance')).toMatchObject({
      format: 'text',
      url: 'https://news.test/nvda-beat',
      sourceName: 'Example Wire',
    });
    expect(byTitle.get('Microsoft expands cloud deal')).toMatchObject({ format: 'html', sourceName: 'fixtures' });
    expect(byTitle.get('Apple Inc shares rise')).toBeDefined();
    expect([...byTitle.keys()].some((k) => k.startsWith('Alibaba shares rose 2%'))).toBe(true);
    expect(batch.articles).toHaveLength(5);
    // Each problem names its file once (the origin) and the place inside it once (the message).
    const problems = batch.failures.map((f) => `${f.origin.slice(FIXTURES.length + 1)}: ${f.message}`).join('\n');
    expect(problems).toMatch(/^batch\.json: item 2: the article has no title and no body/m);
    expect(problems).toMatch(/^batch\.json: item 3: expected an article object/m);
    expect(problems).toMatch(/^lines\.jsonl: line 2: invalid JSON/m);
    expect(problems).not.toMatch(/\.json.*\.json|\.jsonl.*\.jsonl/);
  });

  it('reports a missing path, an oversized file and a broken JSON file without stopping the rest', async () => {
    const tmp = tempDir();
    try {
      mkdirSync(join(tmp.dir, 'in'));
      writeFileSync(join(tmp.dir, 'in', 'big.txt'), 'x'.repeat(2048));
      writeFileSync(join(tmp.dir, 'in', 'broken.json'), '{"title": ');
      writeFileSync(join(tmp.dir, 'in', 'ok.md'), '# Fine headline\n\nBody.');
      writeFileSync(join(tmp.dir, 'in', 'notes.csv'), 'ignored');
      writeFileSync(join(tmp.dir, 'in', 'README.md'), '# About this folder');
      const batch = await createFileSource({ path: join(tmp.dir, 'in'), maxFileBytes: 1024 }).read();
      expect(batch.articles.map((a) => a.title)).toEqual(['Fine headline']);
      expect(batch.failures.map((f) => f.message)).toEqual([
        'file is 2048 bytes; the limit is 1024',
        expect.stringMatching(/invalid JSON/),
      ]);
      const missing = await createFileSource({ path: join(tmp.dir, 'nope') }).read();
      expect(missing.failures).toEqual([{ origin: join(tmp.dir, 'nope'), message: 'no such file or directory' }]);
    } finally {
      tmp.cleanup();
    }
  });
});

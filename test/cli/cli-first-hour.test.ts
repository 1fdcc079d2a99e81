// The CLI's rough edges from the first hour, as spawned processes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { startOnPty } from '../pty.ts';
import { runCli } from '../run-cli.ts';

describe('tickerbell score', () => {
  it('--jsonl: a line without "id" is named by "line", never given an id that can collide with a real one', async () => {
    const r = await runCli(['score', '--jsonl'], {
      stdin: '{"id":"4","text":"Apple shares rise"}\n{"text":"Tesla shares fall"}\n\n{"text":"Nvidia beats"}\n',
    });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string | null; line?: number });
    expect(lines.map((l) => [l.id, l.line])).toEqual([
      ['4', undefined],
      [null, 2],
      [null, 4],
    ]);
  });

  it('at a terminal, says what it is waiting for and how to end it', async () => {
    const tty = startOnPty(['score'], {});
    try {
      await tty.waitFor(/type or paste one article, then Ctrl-D/);
      tty.type('Apple shares jump after record sales.\r\x04');
      const screen = await tty.waitFor(/"sentiment"/);
      expect(screen).toContain('"id":"stdin"');
      expect(await tty.exited).toBe(0);
    } finally {
      tty.kill();
    }
  });
});

describe('tickerbell ingest', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('names each failing file once, each failure once, and counts failures in its summary', async () => {
    const empty = join(tmp.dir, 'empty.txt');
    const bad = join(tmp.dir, 'bad.json');
    const ok = join(tmp.dir, 'ok.txt');
    writeFileSync(empty, '');
    writeFileSync(bad, '{"title": ');
    writeFileSync(ok, 'Apple shares rise on record sales.');
    const r = await runCli(['ingest', empty, bad, ok], { env: { TICKERBELL_DB: join(tmp.dir, 'db.sqlite') } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'read 2 article(s): 1 new, 0 already stored, 0 alert(s) queued for delivery; 2 failed (below)\n',
    );
    const errors = r.stderr.trim().split('\n');
    expect(errors).toEqual([
      `tickerbell: ${bad}: invalid JSON (Unexpected end of JSON input)`,
      `tickerbell: ${empty}: the article has no title and no text`,
    ]);
  });
});

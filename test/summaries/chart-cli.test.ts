// `tickerbell chart`: what a console or CLI user gets on disk, and what a mistake gets them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { runCli } from '../run-cli.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Signature, then width and height from the IHDR chunk a valid PNG starts with. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const tmp = tempDir();
const env = { TICKERBELL_DB: join(tmp.dir, 'bot.db') };
const out = (name: string): string => join(tmp.dir, name);

beforeAll(async () => {
  // The demo's seed stories, BABA among them.
  expect((await runCli(['start', '--once'], { env })).code).toBe(0);
}, 60_000);
afterAll(() => tmp.cleanup());

describe('tickerbell chart', () => {
  it('writes a 900x420 PNG for each window and says what it drew, times in the deployment zone', async () => {
    for (const window of ['24h', '7d', '30d']) {
      const file = out(`baba-${window}.png`);
      const r = await runCli(['chart', 'baba', window, '--out', file], { env });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        new RegExp(
          `baba-${window}\\.png: BABA over the last ${window}, \\d+ stor(y|ies), times in America/New_York, UTC−0[45]:00( then UTC−0[45]:00)? \\(900x420 PNG\\)`,
        ),
      );
      const png = readFileSync(file);
      expect(pngSize(png)).toEqual({ width: 900, height: 420 });
      // A blank or font-less render is a few KB; a drawn chart with text is far more.
      expect(png.length).toBeGreaterThan(12_000);
    }
  });

  it("defaults to 24h and draws in the console channel's zone once /digest has set one", async () => {
    expect((await runCli(['start', '--once'], { env, stdin: '/digest daily 08:00 Asia/Kolkata\n' })).code).toBe(0);
    const r = await runCli(['chart', 'BABA', '--out', out('kolkata.png')], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/over the last 24h, .*times in Asia\/Kolkata, UTC\+05:30 \(900x420 PNG\)/);
  });

  it('refuses an unknown ticker or window, or a missing --out, and writes nothing', async () => {
    const file = out('never.png');
    const unknown = await runCli(['chart', 'ZZZZZZ', '--out', file], { env });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"ZZZZZZ" is not a ticker I know');
    const window = await runCli(['chart', 'BABA', '2w', '--out', file], { env });
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('"2w" is not a window; use 24h, 7d or 30d');
    const noOut = await runCli(['chart', 'BABA', '7d'], { env });
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('chart needs --out FILE.png');
    expect(existsSync(file)).toBe(false);
  });
});

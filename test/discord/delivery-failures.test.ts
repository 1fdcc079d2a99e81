// What a user would notice when Discord misbehaves: every alert arrives exactly once, and a channel
// the bot lost is paused instead of retried forever.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawArticle } from '../../src/core/types.ts';
import { APPLICATION_ID, startHarness, type Harness } from './harness.ts';
import { MANAGE_CHANNELS, opt, slashCommand, type Where } from './payloads.ts';

const GUILD = '810000000000000001';
const CHANNEL = '810000000000000100';
const LOST_CHANNEL = '810000000000000200';
const MESSAGES = /^\/api\/v10\/channels\/\d+\/messages$/;

const at = (channelId: string): Where => ({
  applicationId: APPLICATION_ID,
  guildId: GUILD,
  channelId,
  userId: '710000000000000001',
  permissions: MANAGE_CHANNELS,
});

let n = 0;
function story(): RawArticle {
  n += 1;
  return {
    origin: `t${n}`,
    sourceName: 'Wire',
    format: 'text',
    title: `Alibaba story ${n}`,
    url: `https://news.example.com/a/${n}`,
    body: `Alibaba news number ${n}, all about Alibaba.`,
  };
}

describe('Discord delivery failures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ guildId: GUILD, maxQueueWaitMs: 1_000 });
    await h.interact(
      slashCommand(at(CHANNEL), 'watch', [opt.sub('add', [opt.str('ticker', 'BABA'), opt.num('relevance', 0.1)])]),
    );
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    // Each case starts with nothing pending.
    h.advance(24 * 3_600_000);
    await h.dispatcher.dispatchDue();
  });

  const inChannel = (id: string) => h.fake.messages.filter((m) => m.channelId === id);
  const titles = (id: string) => inChannel(id).map((m) => (m.body['embeds'] as Array<{ title: string }>)[0]?.title);

  it('a 500 whose message was in fact created is retried without a second message', async () => {
    const s = story();
    expect((await h.core.ingest.ingest([s])).alertsQueued).toBe(1);
    // Discord created the message but both answers (first try and the REST queue's one retry) were lost.
    h.fake.failNext('POST', MESSAGES, {
      status: 500,
      body: { message: 'Internal Server Error', code: 0 },
      afterEffect: true,
    });
    h.fake.failNext('POST', MESSAGES, {
      status: 500,
      body: { message: 'Internal Server Error', code: 0 },
      afterEffect: true,
    });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    expect(await h.core.outbox.pendingCount()).toBe(1);
    expect(h.log.lines.some((l) => l.msg === 'discord.post_failed' && l.obj['code'] === 'transient')).toBe(true);

    h.advance(60_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(titles(CHANNEL).filter((t) => t === s.title)).toHaveLength(1);
    expect(await h.core.outbox.pendingCount()).toBe(0);
  });

  it('a short 429 is waited out by the REST queue and the alert posted once', async () => {
    const s = story();
    await h.core.ingest.ingest([s]);
    h.fake.failNext('POST', MESSAGES, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
      headers: { 'retry-after': '0.05' },
    });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(titles(CHANNEL).filter((t) => t === s.title)).toHaveLength(1);
    const tries = h.fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        MESSAGES.test(r.path) &&
        (r.body as { embeds: Array<{ title: string }> }).embeds[0]?.title === s.title,
    );
    expect(tries).toHaveLength(2);
    expect(h.log.lines.some((l) => l.msg === 'discord.rate_limited')).toBe(true);
  });

  it("a long 429 goes back to the outbox with Discord's wait, then is posted once", async () => {
    const s = story();
    await h.core.ingest.ingest([s]);
    h.fake.failNext('POST', MESSAGES, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 30, global: false },
      headers: { 'retry-after': '30' },
    });
    const started = Date.now();
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    // Handed back rather than slept on: the 30 s wait is the outbox's, on its own clock.
    expect(Date.now() - started).toBeLessThan(10_000);
    const failed = h.log.lines.findLast((l) => l.msg === 'alert.failed');
    expect(failed?.obj['code']).toBe('rate_limited');
    expect(Number(failed?.obj['retryInMs'])).toBeGreaterThanOrEqual(30_000);

    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, held: 0 });
    h.advance(25_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(titles(CHANNEL).filter((t) => t === s.title)).toHaveLength(1);
  });

  it("Missing Access pauses that channel's rules, holds the alert and logs it; other channels go on", async () => {
    await h.interact(
      slashCommand(at(LOST_CHANNEL), 'watch', [opt.sub('add', [opt.str('ticker', 'BABA'), opt.num('relevance', 0.1)])]),
    );
    const s = story();
    expect((await h.core.ingest.ingest([s])).alertsQueued).toBe(2);
    h.fake.failNext('POST', new RegExp(`^/api/v10/channels/${LOST_CHANNEL}/messages$`), {
      status: 403,
      body: { message: 'Missing Access', code: 50001 },
    });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 1 });
    expect(titles(CHANNEL)).toContain(s.title);
    expect(titles(LOST_CHANNEL)).not.toContain(s.title);

    const lost = { platform: 'discord', workspace: GUILD, channel: LOST_CHANNEL };
    expect((await h.core.watchlists.list(lost)).map((r) => r.paused)).toEqual([true]);
    expect(h.log.lines.some((l) => l.msg === 'discord.post_failed' && l.obj['code'] === 'channel_gone')).toBe(true);
    expect(h.log.lines.some((l) => l.msg === 'channel.paused')).toBe(true);
    // A paused channel matches nothing new.
    expect((await h.core.ingest.ingest([story()])).alertsQueued).toBe(1);
  });

  it('Unknown Channel also pauses the channel; a 400 is not retried as if it would pass', async () => {
    const gone = '810000000000000300';
    await h.interact(
      slashCommand(at(gone), 'watch', [opt.sub('add', [opt.str('ticker', 'BABA'), opt.num('relevance', 0.1)])]),
    );
    await h.core.ingest.ingest([story()]);
    h.fake.failNext('POST', new RegExp(`^/api/v10/channels/${gone}/messages$`), {
      status: 404,
      body: { message: 'Unknown Channel', code: 10003 },
    });
    h.fake.failNext('POST', new RegExp(`^/api/v10/channels/${CHANNEL}/messages$`), {
      status: 400,
      body: { message: 'Invalid Form Body', code: 50035 },
    });
    const report = await h.dispatcher.dispatchDue();
    expect(report).toEqual({ sent: 0, failed: 1, held: 1 });
    expect((await h.core.watchlists.list({ platform: 'discord', workspace: GUILD, channel: gone }))[0]?.paused).toBe(
      true,
    );
    expect(h.log.lines.findLast((l) => l.msg === 'discord.post_failed')?.obj['code']).toMatch(/channel_gone|rejected/);
    expect(h.log.lines.some((l) => l.msg === 'discord.post_failed' && l.obj['code'] === 'rejected')).toBe(true);
  });
});

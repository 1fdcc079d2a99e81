// What a Discord channel sees when the REST API misbehaves, through the real outbox, dispatcher and
// discord.js against the local fake: every alert arrives exactly once. A resend carries the same
// nonce with enforce_nonce, so Discord itself returns the first message instead of posting again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawArticle } from '../../src/core/types.ts';
import { APPLICATION_ID, startHarness, type Harness } from './harness.ts';
import { MANAGE_CHANNELS, opt, slashCommand, type Where } from './payloads.ts';

const GUILD = '820000000000000001';
const CHANNEL = '820000000000000100';
const MESSAGES = /^\/api\/v10\/channels\/\d+\/messages$/;
const where: Where = {
  applicationId: APPLICATION_ID,
  guildId: GUILD,
  channelId: CHANNEL,
  userId: '720000000000000001',
  permissions: MANAGE_CHANNELS,
};

let n = 0;
function story(): RawArticle & { title: string } {
  n += 1;
  return {
    origin: `f${n}`,
    sourceName: 'Wire',
    format: 'text',
    title: `Alibaba fault story ${n}`,
    url: `https://news.example.com/f/${n}`,
    body: `Alibaba news number ${n}, all about Alibaba.`,
  };
}

describe('Discord under network faults', () => {
  let h: Harness;
  beforeAll(async () => {
    // One REST retry inside discord.js (the platform's default), short timeouts so a hang ends quickly.
    h = await startHarness({ guildId: GUILD, maxQueueWaitMs: 1_000, restTimeoutMs: 400 });
    await h.interact(
      slashCommand(where, 'watch', [opt.sub('add', [opt.str('ticker', 'BABA'), opt.num('relevance', 0.1)])]),
    );
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(async () => {
    h.advance(24 * 3_600_000);
    await h.dispatcher.dispatchDue();
  });

  const copies = (title: string) =>
    h.fake.messages.filter(
      (m) => m.channelId === CHANNEL && (m.body['embeds'] as Array<{ title: string }>)[0]?.title === title,
    );
  const tries = (title: string) =>
    h.fake.requests.filter(
      (r) =>
        r.method === 'POST' &&
        MESSAGES.test(r.path) &&
        (r.body as { embeds: Array<{ title: string }> }).embeds[0]?.title === title,
    );
  const queue = async (s: RawArticle) => expect((await h.core.ingest.ingest([s])).alertsQueued).toBe(1);

  it('a post Discord created but never answered (timeout) is retried with its nonce: one message', async () => {
    const s = story();
    await queue(s);
    // Both the first try and discord.js's own retry hang: the outbox takes over.
    h.fake.faultNext('POST', MESSAGES, { kind: 'hang', afterEffect: true });
    h.fake.faultNext('POST', MESSAGES, { kind: 'hang', afterEffect: true });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    expect(copies(s.title)).toHaveLength(1);
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(copies(s.title)).toHaveLength(1);
    expect(tries(s.title)).toHaveLength(3);
    expect(new Set(tries(s.title).map((r) => (r.body as { nonce: string }).nonce)).size).toBe(1);
    expect(await h.core.outbox.pendingCount()).toBe(0);
  });

  it('a connection reset after the message was created is retried by the outbox, deduplicated by nonce', async () => {
    const s = story();
    await queue(s);
    h.fake.faultNext('POST', MESSAGES, { kind: 'reset', afterEffect: true });
    // undici reports a closed socket ("other side closed"), which discord.js does not retry itself.
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    expect(h.log.lines.findLast((l) => l.msg === 'discord.post_failed')?.obj['code']).toBe('transient');
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(tries(s.title)).toHaveLength(2);
    expect(copies(s.title)).toHaveLength(1);
    const sent = h.log.lines.findLast((l) => l.msg === 'alert.sent');
    expect(sent?.obj['remoteId']).toBe(copies(s.title)[0]?.id);
  });

  it('a 429 longer than the queue absorbs goes back to the outbox for its Retry-After, then posts once', async () => {
    const s = story();
    await queue(s);
    h.fake.failNext('POST', MESSAGES, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 20, global: false },
      headers: { 'retry-after': '20' },
    });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    expect(Number(h.log.lines.findLast((l) => l.msg === 'alert.failed')?.obj['retryInMs'])).toBeGreaterThanOrEqual(
      20_000,
    );
    h.advance(15_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, held: 0 });
    h.advance(6_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(copies(s.title)).toHaveLength(1);
  });

  it('a run of 500s outlasting the REST retry backs off in the outbox and ends in one message', async () => {
    const s = story();
    await queue(s);
    for (let i = 0; i < 4; i++)
      h.fake.failNext('POST', MESSAGES, {
        status: 500,
        body: { message: 'Internal Server Error', code: 0 },
        afterEffect: i === 0,
      });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    h.advance(9_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 0, held: 0 });
    h.advance(1_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 0, failed: 1, held: 0 });
    const waits = h.log.lines
      .filter((l) => l.msg === 'alert.failed')
      .slice(-2)
      .map((l) => l.obj['retryInMs']);
    expect(waits).toEqual([10_000, 20_000]);
    h.advance(20_000);
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    // The first 500 came after Discord had created it: still one message.
    expect(copies(s.title)).toHaveLength(1);
    expect(tries(s.title)).toHaveLength(5);
  });

  it('an answer that trickles in is read to the end: one message, sent on the first pass', async () => {
    const s = story();
    await queue(s);
    h.fake.faultNext('POST', MESSAGES, { kind: 'trickle', chunkBytes: 64, chunkDelayMs: 30 });
    expect(await h.dispatcher.dispatchDue()).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(copies(s.title)).toHaveLength(1);
    expect(tries(s.title)).toHaveLength(1);
  });
});

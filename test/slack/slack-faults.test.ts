// What a Slack channel sees when the Web API misbehaves, through the real outbox, dispatcher and
// Bolt client against the local fake: every alert arrives exactly once. Slack has no idempotent
// send, so a resend after an unknown outcome first looks for the earlier copy in the channel's history.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-slack-api.ts';
import { baba, startSlackHarness, type SlackHarness } from './harness.ts';

const acme = { team: 'T1ACME', channel: 'C0MARKETS', user: 'U1ALICE' };
const POST = 'chat.postMessage';
const HISTORY = 'conversations.history';

let h: SlackHarness;
afterEach(async () => {
  await h.close();
});

async function watching(options: { requestTimeoutMs?: number } = {}): Promise<SlackHarness> {
  h = await startSlackHarness(options);
  await h.slash('/watch', 'add BABA', acme);
  return h;
}

const callsTo = (method: string): ApiCall[] => h.fake.calls.filter((c) => c.method === method);
const keyOf = (args: Record<string, unknown>): unknown =>
  (args['metadata'] as { event_payload?: { key?: unknown } } | undefined)?.event_payload?.key;
const logged = (msg: string) => h.log.records.filter((r) => r.msg === msg).map((r) => r.obj as Record<string, unknown>);

/** The single alert in the channel, and the receipt the outbox recorded for it. */
async function exactlyOneMessage(): Promise<void> {
  expect(h.fake.messages.filter((m) => m.channel === acme.channel)).toHaveLength(1);
  const [message] = h.fake.messages;
  const sent = logged('alert.sent');
  expect(sent).toHaveLength(1);
  expect(sent[0]?.['remoteId']).toBe(message?.ts);
  expect(await h.core.stores.outbox.pendingCount()).toBe(0);
}

describe('Slack: a send whose outcome is unknown is not posted twice', () => {
  it('a post Slack carried out but never answered (client timeout) is found in history, not posted again', async () => {
    await watching({ requestTimeoutMs: 300 });
    expect(await h.ingest(baba(1))).toBe(1);
    h.fake.faultNext(POST, { kind: 'hang', afterEffect: true });
    const firstTry = h.now().getTime();
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 1 });
    expect(logged('alert.failed')[0]).toMatchObject({ code: 'transient' });
    // It is in the channel already; the outbox cannot know that.
    expect(h.fake.messages).toHaveLength(1);
    expect(await h.core.stores.outbox.pendingCount()).toBe(1);

    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 0 });
    expect(callsTo(POST)).toHaveLength(1);
    await exactlyOneMessage();
    const [look] = callsTo(HISTORY);
    expect(look?.args).toMatchObject({ channel: acme.channel, include_all_metadata: 'true', limit: '100' });
    // Bounded by the first try (minus a margin for clock skew), not the channel's whole past.
    const oldestMs = Number(look?.args['oldest']) * 1000;
    expect(oldestMs).toBeLessThan(firstTry);
    expect(oldestMs).toBeGreaterThan(firstTry - 10 * 60_000);
    expect(logged('slack.earlier_copy_found')).toHaveLength(1);
  });

  it('a post that timed out before Slack acted on it is posted on the retry, once', async () => {
    await watching({ requestTimeoutMs: 300 });
    await h.ingest(baba(1));
    h.fake.faultNext(POST, { kind: 'hang' });
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ failed: 1 });
    expect(h.fake.messages).toHaveLength(0);
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(callsTo(HISTORY)).toHaveLength(1);
    expect(callsTo(POST)).toHaveLength(2);
    await exactlyOneMessage();
  });

  it('a connection reset after Slack posted is recognised by the outbox key in the metadata', async () => {
    await watching();
    expect(await h.ingest(baba(1), baba(2))).toBe(2);
    // The first alert's answer is lost; the second goes through normally.
    h.fake.faultNext(POST, { kind: 'reset', afterEffect: true });
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 1 });
    expect(h.fake.messages).toHaveLength(2);
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 0 });
    expect(h.fake.messages).toHaveLength(2);
    expect(new Set(h.fake.messages.map((m) => keyOf(m.args))).size).toBe(2);
    expect(h.fake.messages.map((m) => m.args['text'])).toEqual([
      expect.stringMatching(/\(1\)/),
      expect.stringMatching(/\(2\)/),
    ]);
    expect(await h.core.stores.outbox.pendingCount()).toBe(0);
    // The outbox records the copy that was found, not a new one.
    const receipts = logged('alert.sent').map((r) => r['remoteId']);
    expect(new Set(receipts)).toEqual(new Set(h.fake.messages.map((m) => m.ts)));
  });

  it('history it cannot read (missing scope) is logged, and the alert is posted rather than dropped', async () => {
    await watching();
    await h.ingest(baba(1));
    h.fake.faultNext(POST, { kind: 'reset' });
    h.fake.failNext(HISTORY, {
      status: 200,
      body: { ok: false, error: 'missing_scope', needed: 'channels:history,groups:history' },
    });
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ failed: 1 });
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(logged('slack.history_unreadable')[0]).toMatchObject({ error: 'missing_scope' });
    await exactlyOneMessage();
  });

  it('without history, a lost answer costs a repeat, never a loss (at least once)', async () => {
    await watching();
    await h.ingest(baba(1));
    h.fake.faultNext(POST, { kind: 'reset', afterEffect: true });
    h.fake.failNext(HISTORY, { status: 200, body: { ok: false, error: 'missing_scope', needed: 'channels:history' } });
    await h.dispatcher.dispatchDue();
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(h.fake.messages).toHaveLength(2);
    expect(await h.core.stores.outbox.pendingCount()).toBe(0);
  });

  it('history that is briefly unavailable keeps the alert in the outbox until it can be checked', async () => {
    await watching();
    await h.ingest(baba(1));
    h.fake.faultNext(POST, { kind: 'reset', afterEffect: true });
    h.fake.failNext(HISTORY, { status: 503 });
    await h.dispatcher.dispatchDue();
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 1 });
    expect(logged('slack.history_failed')[0]).toMatchObject({ code: 'transient' });
    expect(callsTo(POST)).toHaveLength(1);
    expect(await h.core.stores.outbox.pendingCount()).toBe(1);
    h.advance(20_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    await exactlyOneMessage();
  });
});

describe('Slack: rate limits, 5xx runs and slow answers', () => {
  it('waits out a 429 for its Retry-After before trying again, then posts once', async () => {
    await watching();
    await h.ingest(baba(1));
    h.fake.failNext(POST, { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } });
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ failed: 1 });
    expect(logged('alert.failed')[0]).toMatchObject({ code: 'rate_limited', retryInMs: 30_000 });
    h.advance(29_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 0 });
    expect(callsTo(POST)).toHaveLength(1);
    h.advance(1_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(callsTo(POST)).toHaveLength(2);
    await exactlyOneMessage();
  });

  it('backs off through a run of 500s (10 s, 20 s, 40 s, 80 s) and delivers once, dropping nothing', async () => {
    await watching();
    expect(await h.ingest(baba(1))).toBe(1);
    h.fake.failNext(POST, { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    await h.dispatcher.dispatchDue();
    for (const wait of [10_000, 20_000, 40_000]) {
      h.advance(wait - 1_000);
      expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 0 });
      h.advance(1_000);
      expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 1 });
    }
    expect(logged('alert.failed').map((r) => r['retryInMs'])).toEqual([10_000, 20_000, 40_000, 80_000]);
    // A story that arrives meanwhile is not held up behind the failing one.
    expect(await h.ingest(baba(2))).toBe(1);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 0 });
    h.advance(80_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 0 });
    expect(callsTo(POST)).toHaveLength(6);
    expect(h.fake.messages.map((m) => m.args['text'])).toEqual([
      expect.stringMatching(/\(2\)/),
      expect.stringMatching(/\(1\)/),
    ]);
    expect(await h.core.stores.outbox.pendingCount()).toBe(0);
  });

  it('an answer that trickles in is read to the end: the alert is sent once, on the first pass', async () => {
    await watching({ requestTimeoutMs: 5_000 });
    await h.ingest(baba(1));
    h.fake.faultNext(POST, { kind: 'trickle', chunkBytes: 8, chunkDelayMs: 60 });
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 0 });
    await exactlyOneMessage();
    // The bot still answers commands afterwards.
    expect((await h.slash('/watch', 'list', acme)).json()['text']).toMatch(/BABA/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ACTION_PREFIX } from '../../src/chat/slack/render.ts';
import { sentimentColor } from '../../src/core/messages.ts';
import type { ChannelRef } from '../../src/core/types.ts';
import type { ApiCall } from './fake-slack-api.ts';
import { baba, startSlackHarness, type SlackHarness } from './harness.ts';
import { readOutbox, sqliteOf } from '../helpers.ts';

const acme = { team: 'T1ACME', channel: 'C0MARKETS', user: 'U1ALICE' };
// Another workspace whose channel happens to carry the same id: only team_id tells them apart.
const globex = { team: 'T2GLOBEX', channel: 'C0MARKETS', user: 'U2BOB' };
const scopeOf = (w: { team: string; channel: string }): ChannelRef => ({
  platform: 'slack',
  workspace: w.team,
  channel: w.channel,
});

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
  style?: string;
}
interface Block {
  type: string;
  text?: { text: string };
  fields?: Array<{ text: string }>;
  elements?: Array<Button | { text: string }>;
}
interface Posted {
  channel: string;
  text: string;
  blocks: Block[];
  attachments: Array<{ color: string; blocks: Block[] }>;
  metadata: { event_payload: { key: string } };
}
const posted = (c: ApiCall) => c.args as unknown as Posted;
const allBlocks = (p: Posted): Block[] => [...p.blocks, ...p.attachments.flatMap((a) => a.blocks)];
const buttons = (p: Posted): Button[] =>
  allBlocks(p)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Button[]);
const blockText = (p: Posted): string =>
  allBlocks(p)
    .flatMap((b) => [
      b.text?.text ?? '',
      ...(b.fields ?? []).map((f) => f.text),
      ...(b.elements ?? []).map((e) => ('text' in e && typeof e.text === 'string' ? e.text : '')),
    ])
    .join('\n');

let h: SlackHarness;
afterEach(async () => {
  await h.close();
});

describe('Slack over HTTP with the real Bolt receiver', () => {
  it('answers /watch add in the channel, stores the rule under team + channel, and keeps /watch list private', async () => {
    h = await startSlackHarness();
    const add = await h.slash('/watch', 'add BABA below -0.3', acme);
    expect(add.status).toBe(200);
    const body = add.json();
    expect(body['response_type']).toBe('in_channel');
    expect(body['text']).toMatch(/^Watching BABA in this channel\./);
    expect((await h.core.stores.watchlists.list(scopeOf(acme))).map((r) => [r.symbol, r.below])).toEqual([
      ['BABA', -0.3],
    ]);

    const list = (await h.slash('/watch', 'list', acme)).json();
    expect(list['response_type']).toBe('ephemeral');
    expect(list['text']).toMatch(/Watching 1 ticker in this channel:\n• BABA below -0.3/);
  });

  it('explains a mistake privately with what to type instead, and stores nothing', async () => {
    h = await startSlackHarness();
    const r = (await h.slash('/watch', 'add BABA above 7', acme)).json();
    expect(r['response_type']).toBe('ephemeral');
    expect(r['text']).toMatch(/above 7 is out of range[\s\S]*Try: \/watch add <TICKER>/);
    expect(JSON.stringify(r['attachments'])).toContain('#d63c3c');
    expect(await h.core.stores.watchlists.list(scopeOf(acme))).toEqual([]);
  });

  it('rejects a bad signature and a stale timestamp, storing nothing', async () => {
    h = await startSlackHarness();
    const forged = await h.slash('/watch', 'add BABA', acme, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await h.slash('/watch', 'add BABA', acme, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(stale.status).toBe(401);
    expect(await h.core.stores.watchlists.list(scopeOf(acme))).toEqual([]);
    expect(h.fake.responses).toEqual([]);
    // The same request, correctly signed and fresh, is accepted: the rejections were about the signature.
    expect((await h.slash('/watch', 'add BABA', acme)).status).toBe(200);
    expect(await h.core.stores.watchlists.list(scopeOf(acme))).toHaveLength(1);
  });

  it('acknowledges at once and answers through response_url when the command takes longer than the budget', async () => {
    h = await startSlackHarness({ ackBudgetMs: 0 });
    const r = await h.slash('/help', '', acme, { responseId: 'help-1' });
    expect(r.status).toBe(200);
    expect(r.text).toBe('');
    const answer = await h.fake.waitForResponse((x) => x.id === 'help-1');
    expect(answer.body['response_type']).toBe('ephemeral');
    expect(answer.body['text']).toMatch(/^tickerbell commands/);
  });

  it('posts a Block Kit alert whose buttons mute and unwatch for the person who pressed them', async () => {
    h = await startSlackHarness();
    await h.slash('/watch', 'add BABA', acme);
    expect(await h.ingest(baba(1))).toBe(1);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1, failed: 0 });

    const [call] = h.fake.posted();
    expect(call?.authorization).toBe('Bearer xoxb-test-token');
    const alert = posted(call as ApiCall);
    expect(alert.channel).toBe('C0MARKETS');
    // Plain-text fallback for notifications; the linked headline in the blocks.
    expect(alert.text).toMatch(
      /^Alibaba shares plunge as cloud growth misses estimates \(1\)\nhttps:\/\/news.test\/baba-1/,
    );
    expect(alert.blocks[0]?.text?.text).toBe(
      '*<https://news.test/baba-1|Alibaba shares plunge as cloud growth misses estimates (1)>*',
    );
    const text = blockText(alert);
    expect(text).toMatch(/\*Sentiment\*\n(bearish|somewhat-bearish) -0\.\d\d/);
    expect(text).toMatch(/Test Wire · 2026-03-02 12:00 UTC/);
    expect(text).toMatch(/BABA \(Alibaba[^)]*\): (bearish|somewhat-bearish) \(-0\.\d\d\), relevance \d\.\d\d/);
    expect(text).toMatch(/\*Summary\*\n\S/);
    expect(text).toMatch(/\*Why:\* BABA is in the story/);
    const sentiment = readOutbox(sqliteOf(h.core))[0]?.message.sentiment;
    expect(alert.attachments[0]?.color).toBe(sentimentColor(sentiment));
    const [mute, unwatch] = buttons(alert);
    expect(mute).toMatchObject({ text: { text: 'Mute BABA 1h' }, value: '/watch mute BABA 1h' });
    expect(unwatch).toMatchObject({ text: { text: 'Unwatch BABA' }, value: '/watch remove BABA', style: 'danger' });
    expect(mute?.action_id.startsWith(ACTION_PREFIX)).toBe(true);

    expect((await h.press({ ...(mute as Button), label: 'Mute BABA 1h' }, acme, 'mute-1')).status).toBe(200);
    const muted = await h.fake.waitForResponse((r) => r.id === 'mute-1');
    expect(muted.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    // In the channel's zone (the default, New York), with UTC beside it.
    expect(muted.body['text']).toMatch(/^Muted BABA until 08:00 America\/New_York \(13:00 UTC\)\./);
    expect(JSON.stringify(muted.body['blocks'])).toContain('by <@U1ALICE>');
    expect((await h.core.stores.watchlists.list(scopeOf(acme)))[0]?.mutedUntil).toEqual(
      new Date('2026-03-02T13:00:00Z'),
    );

    await h.press({ ...(unwatch as Button), label: 'Unwatch BABA' }, acme, 'unwatch-1');
    const removed = await h.fake.waitForResponse((r) => r.id === 'unwatch-1');
    expect(removed.body['text']).toMatch(/^Stopped watching BABA in this channel\./);
    expect(await h.core.stores.watchlists.list(scopeOf(acme))).toEqual([]);
  });

  it('answers /summary privately in Block Kit, coloured by the average sentiment', async () => {
    h = await startSlackHarness();
    await h.ingest(baba(1), baba(2));
    const r = (await h.slash('/summary', 'BABA 7d', acme)).json() as unknown as Posted & { response_type: string };
    expect(r.response_type).toBe('ephemeral');
    expect(r.blocks[0]?.text?.text).toMatch(/^\*BABA · Alibaba[^*]* · last 7d\*$/);
    const text = blockText(r);
    expect(text).toContain('*Stories*\n2');
    expect(text).toMatch(
      /\*Most negative\*\n-0\.\d\d Alibaba shares plunge .* <https:\/\/news.test\/baba-\d> \(Test Wire/,
    );
    expect(r.attachments[0]?.color).toMatch(/^#(d63c3c|e8883a)$/);
  });

  it('keeps two workspaces apart, even when their channel ids are the same', async () => {
    h = await startSlackHarness();
    await h.slash('/watch', 'add BABA', acme);
    const list = (await h.slash('/watch', 'list', globex)).json();
    expect(list['text']).toMatch(/^No tickers are watched in this channel\./);
    // The other workspace presses an Unwatch button carrying the same command: it touches only its own rules.
    await h.press(
      { action_id: `${ACTION_PREFIX}1`, value: '/watch remove BABA', label: 'Unwatch BABA' },
      globex,
      'globex-1',
    );
    const answer = await h.fake.waitForResponse((r) => r.id === 'globex-1');
    expect(answer.body['text']).toMatch(/^Nothing removed: BABA is not watched in this channel\./);
    expect((await h.core.stores.watchlists.list(scopeOf(acme))).map((r) => r.symbol)).toEqual(['BABA']);
    expect(await h.core.stores.watchlists.list(scopeOf(globex))).toEqual([]);
    // A story goes to the workspace that watches it, once.
    await h.ingest(baba(2));
    await h.dispatcher.dispatchDue();
    expect(sqliteOf(h.core).$client.prepare('select workspace, status from outbox').all()).toEqual([
      { workspace: 'T1ACME', status: 'sent' },
    ]);
    expect(h.fake.posted()).toHaveLength(1);
  });

  it('with SLACK_ADMIN_ONLY lets workspace admins change the watchlist and tells everyone else why not', async () => {
    h = await startSlackHarness({ adminOnly: true });
    h.fake.users.set('U1ALICE', { is_admin: true });
    h.fake.users.set('U3CAROL', { is_admin: false, is_owner: false });
    const carol = { ...acme, user: 'U3CAROL' };
    const denied = (await h.slash('/watch', 'add BABA', carol)).json();
    expect(denied['response_type']).toBe('ephemeral');
    expect(denied['text']).toMatch(/^You can't change this channel's watchlist\./);
    expect(await h.core.stores.watchlists.list(scopeOf(acme))).toEqual([]);
    // Reading is open to everyone.
    expect((await h.slash('/watch', 'list', carol)).json()['text']).toMatch(/^No tickers are watched/);
    expect((await h.slash('/watch', 'add BABA', acme)).json()['text']).toMatch(/^Watching BABA/);
    expect(await h.core.stores.watchlists.list(scopeOf(acme))).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method === 'users.info').map((c) => c.args['user'])).toEqual([
      'U3CAROL',
      'U1ALICE',
    ]);
  });
});

describe('Slack delivery failures through the real outbox and dispatcher', () => {
  it('honours 429 Retry-After and retries a 500 later, posting every alert exactly once', async () => {
    h = await startSlackHarness();
    await h.slash('/watch', 'add BABA', acme);
    expect(await h.ingest(baba(1), baba(2))).toBe(2);
    const start = h.now().getTime();
    h.fake.failNext(
      'chat.postMessage',
      { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } },
      { status: 500 },
    );

    const first = await h.dispatcher.dispatchDue();
    // The first alert meets the 429, the second the 500: one request each, no hidden client retries.
    expect(first).toMatchObject({ sent: 0, failed: 2 });
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(2);
    // Pacing moved the clock a second between the two tries; nothing is due before Retry-After has passed.
    expect(h.now().getTime() - start).toBe(1_000);
    h.advance(5_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 0, failed: 0 });
    h.advance(1_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    h.advance(10_000);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(4);
    const keys = h.fake.posted().map((c) => posted(c).metadata.event_payload.key);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
    expect(await h.core.stores.outbox.pendingCount()).toBe(0);
  });

  it('pauses the channel when the bot was removed, does not keep retrying, and resumes when a rule is added again', async () => {
    h = await startSlackHarness();
    await h.slash('/watch', 'add BABA', acme);
    await h.ingest(baba(1));
    h.fake.failNext('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ held: 1 });
    expect((await h.core.stores.watchlists.list(scopeOf(acme)))[0]?.paused).toBe(true);
    expect(h.log.records.find((r) => r.msg === 'slack.channel_gone')?.obj).toMatchObject({
      error: 'not_in_channel',
      code: 'channel_gone',
    });

    h.advance(60 * 60_000);
    await h.dispatcher.dispatchDue();
    expect(h.fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    // New stories do not pile up for a channel the bot cannot reach.
    expect(await h.ingest(baba(2))).toBe(0);

    await h.slash('/watch', 'add BABA', acme);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 1 });
    expect(posted(h.fake.posted()[0] as ApiCall).text).toMatch(/\(1\)/);
  });

  it('spaces posts to one channel about a second apart, sending the whole burst', async () => {
    h = await startSlackHarness();
    await h.slash('/watch', 'add BABA', acme);
    expect(await h.ingest(baba(1), baba(2), baba(3), baba(4))).toBe(4);
    expect(await h.dispatcher.dispatchDue()).toMatchObject({ sent: 4 });
    const at = h.fake.posted().map((c) => c.at);
    expect(at).toHaveLength(4);
    for (let i = 1; i < at.length; i += 1)
      expect((at[i] as number) - (at[i - 1] as number)).toBeGreaterThanOrEqual(1000);
  });
});

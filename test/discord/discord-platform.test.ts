import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RawArticle } from '../../src/core/types.ts';
import { sentimentColor } from '../../src/core/messages.ts';
import { dmWorkspace } from '../../src/chat/discord/interactions.ts';
import { APPLICATION_ID, startHarness, STORY_SENTIMENT, type Harness } from './harness.ts';
import { autocomplete, buttonPress, MANAGE_CHANNELS, opt, slashCommand, type Where } from './payloads.ts';

const GUILD = '800000000000000001';
const CHANNEL = '800000000000000100';
const EPHEMERAL = 64;

type Embed = {
  title: string;
  url?: string;
  color: number;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  description?: string;
};
type Row = { components: { custom_id: string; label: string }[] };

const manager: Where = {
  applicationId: APPLICATION_ID,
  guildId: GUILD,
  channelId: CHANNEL,
  userId: '700000000000000001',
  permissions: MANAGE_CHANNELS | (1n << 10n) | (1n << 11n),
};
const member: Where = {
  applicationId: APPLICATION_ID,
  guildId: GUILD,
  channelId: CHANNEL,
  userId: '700000000000000002',
};
const scope = { platform: 'discord', workspace: GUILD, channel: CHANNEL };

let story = 0;
function alibabaStory(): RawArticle {
  story += 1;
  return {
    origin: `test-${story}`,
    sourceName: 'Test Wire',
    format: 'text',
    title: `Alibaba shares surge as cloud revenue beats forecasts (${story})`,
    url: `https://news.example.com/alibaba-${story}`,
    body: `Alibaba Group (BABA) reported strong quarterly results on day ${story}. Alibaba said cloud revenue grew sharply and beat analyst forecasts, and Alibaba shares surged in Hong Kong. Analysts said Alibaba's outlook improved.`,
  };
}

describe('Discord platform against a local Discord', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ guildId: GUILD });
  });
  afterAll(async () => {
    await h.close();
  });

  it('registers its commands to the configured server at start, with typed, bounded options', async () => {
    const put = await h.fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APPLICATION_ID}/guilds/${GUILD}/commands`,
    );
    const commands = put.body as Array<{
      name: string;
      default_member_permissions?: string | null;
      options?: Array<{
        name: string;
        options?: Array<{ name: string; type: number; min_value?: number; max_value?: number; autocomplete?: boolean }>;
      }>;
    }>;
    expect(commands.map((c) => c.name).sort()).toEqual([
      'digest',
      'feed',
      'help',
      'quiet',
      'summary',
      'watch',
      'watchlist',
    ]);
    const watch = commands.find((c) => c.name === 'watch');
    expect(watch?.default_member_permissions).toBe(MANAGE_CHANNELS.toString());
    for (const guarded of ['feed', 'digest', 'quiet'])
      expect(commands.find((c) => c.name === guarded)?.default_member_permissions).toBe(MANAGE_CHANNELS.toString());
    for (const open of ['watchlist', 'summary', 'help'])
      expect(commands.find((c) => c.name === open)?.default_member_permissions ?? null).toBeNull();
    const add = watch?.options?.find((o) => o.name === 'add')?.options ?? [];
    expect(add.find((o) => o.name === 'ticker')).toMatchObject({ type: 3, autocomplete: true });
    expect(add.find((o) => o.name === 'above')).toMatchObject({ type: 10, min_value: -1, max_value: 1 });
    expect(add.find((o) => o.name === 'below')).toMatchObject({ type: 10, min_value: -1, max_value: 1 });
    expect(add.find((o) => o.name === 'relevance')).toMatchObject({ type: 10, min_value: 0, max_value: 1 });
    expect(h.fake.identified()).toBe(true);
  });

  it('refuses /watch add to a member without Manage Channels, storing nothing', async () => {
    const reply = await h.interact(slashCommand(member, 'watch', [opt.sub('add', [opt.str('ticker', 'BABA')])]));
    expect(reply.type).toBe(4);
    expect(reply.data['flags']).toBe(EPHEMERAL);
    expect((reply.data['embeds'] as Embed[])[0]?.title).toMatch(/can't change this channel's watchlist/);
    expect(await h.core.watchlists.list(scope)).toEqual([]);
  });

  it('adds a rule for a member with Manage Channels and answers in the channel', async () => {
    const reply = await h.interact(
      slashCommand(manager, 'watch', [opt.sub('add', [opt.str('ticker', 'baba'), opt.num('relevance', 0.2)])]),
    );
    expect(reply.type).toBe(4);
    expect(reply.data['flags'] ?? 0).toBe(0);
    expect((reply.data['embeds'] as Embed[])[0]?.title).toBe('Watching BABA in this channel.');
    expect((await h.core.watchlists.list(scope)).map((r) => [r.symbol, r.minRelevance, r.createdBy])).toEqual([
      ['BABA', 0.2, manager.userId],
    ]);
  });

  it('lets anyone read the watchlist', async () => {
    const reply = await h.interact(slashCommand(member, 'watchlist'));
    const embed = (reply.data['embeds'] as Embed[])[0];
    expect(embed?.title).toBe('Watching 1 ticker in this channel:');
    expect(embed?.description).toContain('BABA');
  });

  it('answers ticker autocomplete from the ticker universe, keeping tickers already typed', async () => {
    const single = await h.interact(autocomplete(member, 'summary', [opt.str('ticker', 'alibab', true)]));
    expect(single.type).toBe(8);
    const choices = single.data['choices'] as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]).toMatchObject({ value: 'BABA' });
    expect(choices[0]?.name).toMatch(/^BABA · Alibaba/i);

    const multi = await h.interact(
      autocomplete(manager, 'watch', [opt.sub('add', [opt.str('ticker', 'TSLA, alibab', true)])]),
    );
    const multiChoices = multi.data['choices'] as Array<{ value: string }>;
    expect(multiChoices[0]?.value).toBe('TSLA,BABA');
  });

  it('posts an alert to the channel as an embed with working buttons, through the outbox', async () => {
    const report = await h.core.ingest.ingest([alibabaStory()]);
    expect(report.alertsQueued).toBe(1);
    const before = h.fake.messages.length;
    const sent = await h.dispatcher.dispatchDue();
    expect(sent).toEqual({ sent: 1, failed: 0, held: 0 });
    expect(h.fake.messages.length).toBe(before + 1);
    const posted = h.fake.messages.at(-1);
    expect(posted?.channelId).toBe(CHANNEL);
    const embed = (posted?.body['embeds'] as Embed[])[0];
    expect(embed?.title).toBe('Alibaba shares surge as cloud revenue beats forecasts (1)');
    expect(embed?.url).toBe('https://news.example.com/alibaba-1');
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Sentiment', 'Source', 'Ticker', 'Summary', 'Why']);
    expect(embed?.fields?.find((f) => f.name === 'Ticker')?.value).toMatch(/^BABA /);
    expect(embed?.fields?.[0]?.value).toBe('bullish +0.62');
    expect(embed?.color).toBe(Number.parseInt(sentimentColor(STORY_SENTIMENT).slice(1), 16));
    expect(embed?.footer?.text).toMatch(/^tickerbell alert #\d+$/);
    expect(posted?.nonce).toMatch(/^.{25}$/);
    expect(posted?.body['enforce_nonce']).toBe(true);
    const buttons = (posted?.body['components'] as Row[])[0]?.components ?? [];
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['Mute BABA 1h', 'tb:/watch mute BABA 1h'],
      ['Unwatch BABA', 'tb:/watch remove BABA'],
    ]);

    // Mute, pressed by someone who may not change the list: refused, privately.
    const refused = await h.interact(buttonPress(member, 'tb:/watch mute BABA 1h', posted?.id ?? ''));
    expect(refused.data['flags']).toBe(EPHEMERAL);
    expect((refused.data['embeds'] as Embed[])[0]?.title).toMatch(/can't change/);
    expect((await h.core.watchlists.list(scope))[0]?.mutedUntil).toBeNull();

    // Pressed by a manager: muted for an hour, answered privately.
    const muted = await h.interact(buttonPress(manager, 'tb:/watch mute BABA 1h', posted?.id ?? ''));
    expect(muted.data['flags']).toBe(EPHEMERAL);
    expect((muted.data['embeds'] as Embed[])[0]?.title).toMatch(/^Muted BABA until/);
    expect((await h.core.watchlists.list(scope))[0]?.mutedUntil?.getTime()).toBe(h.now().getTime() + 3_600_000);
    await h.interact(slashCommand(manager, 'watch', [opt.sub('unmute', [opt.str('ticker', 'BABA')])]));
    expect((await h.core.watchlists.list(scope))[0]?.mutedUntil).toBeNull();
  });

  it('gives a person a personal watchlist in a DM', async () => {
    const dm: Where = { applicationId: APPLICATION_ID, channelId: '800000000000000900', userId: '700000000000000003' };
    const reply = await h.interact(
      slashCommand(dm, 'watch', [opt.sub('add', [opt.str('ticker', 'NVDA'), opt.num('above', 0.5)])]),
    );
    expect((reply.data['embeds'] as Embed[])[0]?.title).toBe('Watching NVDA in this channel.');
    const personal = { platform: 'discord', workspace: dmWorkspace(dm.userId), channel: dm.channelId };
    expect((await h.core.watchlists.list(personal)).map((r) => [r.symbol, r.above])).toEqual([['NVDA', 0.5]]);
    expect((await h.core.watchlists.list(scope)).map((r) => r.symbol)).toEqual(['BABA']);
  });

  it('keeps the gateway alive: heartbeats are sent and acknowledged', async () => {
    const deadline = Date.now() + 3_000;
    while (h.fake.heartbeatsAcked() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.heartbeatsAcked()).toBeGreaterThan(0);
  });
});

describe('Discord platform in no server, without DISCORD_GUILD_ID', () => {
  it('registers its commands globally and logs the invite URL', async () => {
    const h = await startHarness();
    try {
      const put = h.fake.requests.find(
        (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APPLICATION_ID}/commands`,
      );
      expect((put?.body as Array<{ name: string }>).map((c) => c.name)).toContain('watch');
      const notice = h.log.lines.find((l) => l.msg.startsWith('discord.in_no_server'));
      const url = new URL(String(notice?.obj['inviteUrl']));
      expect(url.searchParams.get('client_id')).toBe(APPLICATION_ID);
      expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    } finally {
      await h.close();
    }
  });
});

// Discord forgets an interaction not answered within 3 s: a slow answer is deferred, then delivered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, startHarness, type Harness } from './harness.ts';
import { MANAGE_CHANNELS, opt, slashCommand, type Where } from './payloads.ts';

const GUILD = '820000000000000001';
const where: Where = {
  applicationId: APPLICATION_ID,
  guildId: GUILD,
  channelId: '820000000000000100',
  userId: '720000000000000001',
  permissions: MANAGE_CHANNELS,
};

describe('a slow command answer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ guildId: GUILD, commandDelayMs: 300, deferAfterMs: 50 });
  });
  afterAll(async () => {
    await h.close();
  });

  const edited = (token: string) =>
    h.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path === `/api/v10/webhooks/${APPLICATION_ID}/${token}/messages/@original`,
    );

  it('is deferred in public for a watchlist change, then filled in', async () => {
    const i = slashCommand(where, 'watch', [opt.sub('add', [opt.str('ticker', 'BABA')])]);
    const edit = edited(i.token);
    const first = await h.interact(i);
    expect(first.type).toBe(5);
    expect(first.data?.['flags'] ?? 0).toBe(0);
    const body = (await edit).body as { embeds: Array<{ title: string }> };
    expect(body.embeds[0]?.title).toBe('Watching BABA in this channel.');
    expect(
      (await h.core.watchlists.list({ platform: 'discord', workspace: GUILD, channel: where.channelId })).map(
        (r) => r.symbol,
      ),
    ).toEqual(['BABA']);
  });

  it('is deferred privately for a read-only command', async () => {
    const i = slashCommand(where, 'help');
    const edit = edited(i.token);
    const first = await h.interact(i);
    expect(first.type).toBe(5);
    expect(first.data?.['flags']).toBe(64);
    expect(((await edit).body as { embeds: Array<{ title: string }> }).embeds[0]?.title).toBe('tickerbell commands');
  });
});

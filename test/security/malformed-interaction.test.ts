// A gateway interaction with neither `member` nor `user` (Discord never sends one, a hostile or
// broken gateway might): discord.js threw building it, outside any handler, and took the process
// down. It is now logged and dropped, and the next interaction is answered as usual.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../discord/harness.ts';
import { MANAGE_CHANNELS, slashCommand } from '../discord/payloads.ts';

const GUILD = '800000000000000001';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a malformed gateway interaction', () => {
  it('is dropped with a log line, and the bot keeps answering', async () => {
    h = await startHarness({ guildId: GUILD });
    const where = {
      applicationId: h.applicationId,
      guildId: GUILD,
      channelId: '700000000000000001',
      userId: '600000000000000001',
      permissions: MANAGE_CHANNELS,
    };
    const bad = slashCommand(where, 'watch', [{ name: 'list', type: 1, options: [] }]);
    delete bad.payload['member'];
    delete bad.payload['user'];
    h.fake.dispatch('INTERACTION_CREATE', bad.payload);
    const answer = await h.interact(slashCommand(where, 'watch', [{ name: 'list', type: 1, options: [] }]));
    expect(answer.type).toBe(4);
    expect(h.log.lines.some((l) => l.msg === 'discord.interaction_malformed')).toBe(true);
  });
});

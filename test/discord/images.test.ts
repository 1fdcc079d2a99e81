// A chart travels as an uploaded PNG that the embed shows as its image, in a reply and in a post.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { APPLICATION_ID, startHarness, type Harness } from './harness.ts';
import { opt, slashCommand, type Where } from './payloads.ts';

const GUILD = '830000000000000001';
const CHANNEL = '830000000000000100';
const where: Where = {
  applicationId: APPLICATION_ID,
  guildId: GUILD,
  channelId: CHANNEL,
  userId: '730000000000000001',
};
// The 8-byte PNG signature and a little more: what matters is that the bytes arrive unchanged.
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 250, 251, 252]);
const image = {
  pngBase64: PNG.toString('base64'),
  filename: 'BABA 7d chart.png',
  alt: 'BABA sentiment by day, rising',
  width: 800,
  height: 400,
};

type Embed = { title: string; image?: { url: string } };

describe('Discord images', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      guildId: GUILD,
      wrapHandler: (handler) => async (command) => {
        const reply = await handler(command);
        return command.text.startsWith('/summary') ? { ...reply, image } : reply;
      },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a /summary answer uploads its chart and shows it in the embed', async () => {
    const reply = await h.interact(
      slashCommand(where, 'summary', [opt.str('ticker', 'BABA'), opt.str('window', '7d')]),
    );
    expect(reply.type).toBe(4);
    const callback = h.fake.requests.findLast((r) => r.path.endsWith('/callback'));
    expect(callback?.files.map((f) => [f.name, f.bytes.equals(PNG)])).toEqual([['BABA_7d_chart.png', true]]);
    expect((reply.data['embeds'] as Embed[])[0]?.image?.url).toBe('attachment://BABA_7d_chart.png');
  });

  it('a posted message with a chart is one message with the picture attached', async () => {
    const message: OutgoingMessage = { kind: 'summary', title: 'Daily digest', text: 'Daily digest', image };
    const receipt = await h.platform.post({ platform: 'discord', workspace: GUILD, channel: CHANNEL }, message, {
      idempotencyKey: 'digest-1',
    });
    const posted = h.fake.messages.find((m) => m.id === receipt.remoteId);
    expect((posted?.body['embeds'] as Embed[])[0]?.image?.url).toBe('attachment://BABA_7d_chart.png');
    expect(posted?.body['attachments']).toEqual([{ id: 0, filename: 'BABA_7d_chart.png', description: image.alt }]);
    const request = h.fake.requests.findLast(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${CHANNEL}/messages`,
    );
    expect(request?.files.map((f) => [f.name, f.type, f.bytes.equals(PNG)])).toEqual([
      ['BABA_7d_chart.png', 'image/png', true],
    ]);
  });
});

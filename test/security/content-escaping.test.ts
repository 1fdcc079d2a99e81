// Content is content: whatever an article or a feed says (title, summary, source and feed names,
// a URL's text) reaches Slack and Discord unable to ping, link a channel or user, or mask a link,
// in every field it lands in. The bot's own link on the headline stays.
import { describe, expect, it } from 'vitest';
import { disabledNotice } from '../../src/app/feed-poller.ts';
import { buildAlertMessage } from '../../src/core/alerts.ts';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { buildTickerReportMessage, computeTickerReport, type TickerStory } from '../../src/core/ticker-report.ts';
import { renderDiscordMessage } from '../../src/chat/discord/render.ts';
import { renderSlackMessage } from '../../src/chat/slack/render.ts';
import type { FeedRecord } from '../../src/app/ports/feeds.ts';

const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123|@desk>',
  '<@U0ATTACKER>',
  '<#C0GENERAL>',
  '<#C0GENERAL|general>',
  '@everyone',
  '@here',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '[Reuters](https://evil.example)',
  '[https://alibaba.com](https://evil.example/phish)',
  '<https://evil.example|Reuters>',
  '&lt;https://evil.example|https://alibaba.com&gt;',
  '&amp;lt;!channel&amp;gt;',
  'Team A Feed <https://evil.example|Reuters>',
];

const now = new Date('2026-03-02T12:00:00Z');
const sentiment = { score: -0.5, label: 'bearish' as const };

/** Every message shape that carries outside text, with the hostile string in each content slot. */
function messagesCarrying(h: string): Array<[string, OutgoingMessage]> {
  const alert = buildAlertMessage(
    {
      id: 7,
      title: `Alibaba slumps ${h}`,
      url: 'https://news.example/story/7',
      sourceName: `Wire ${h}`,
      publishedAt: now,
      seenAt: now,
      sentiment,
      summary: `Shares fell. ${h}`,
      sourceNames: [`Wire ${h}`, `Other ${h}`],
    },
    [{ ticker: { symbol: 'BABA', name: 'Alibaba', relevance: 0.9, sentiment }, reason: 'BABA below -0.3' }],
  );
  const story = (title: string, score: number, source: string): TickerStory => ({
    articleId: 1,
    title,
    url: `https://news.example/${score}`,
    sourceName: source,
    at: new Date(now.getTime() - 3600_000),
    score,
  });
  const summary = buildTickerReportMessage(
    computeTickerReport(
      'BABA',
      'Alibaba',
      '24h',
      [story(`Up ${h}`, 0.6, `Src ${h}`), story(`Down ${h}`, -0.6, `Src ${h}`)],
      now,
    ),
  );
  const feed = {
    id: 3,
    url: 'https://feeds.example/rss',
    title: `Feed ${h}`,
    fromConfig: false,
    etag: null,
    lastModified: null,
    primed: true,
    itemCount: 1,
    nextPollAt: now,
    lastPolledAt: now,
    lastSuccessAt: now,
    consecutiveFailures: 10,
    lastError: `bad ${h}`,
    disabledAt: now,
  } as FeedRecord;
  return [
    ['alert', alert],
    ['summary', summary],
    ['feed notice', disabledNotice(feed, 10, `the server said ${h}`)],
  ];
}

/** Every string Slack will interpret as mrkdwn in a message (text, fallback, every block's text). */
function slackStrings(rendered: ReturnType<typeof renderSlackMessage>): string[] {
  const out: string[] = [rendered.text];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null)
      for (const [k, x] of Object.entries(v))
        if (k !== 'action_id' && k !== 'block_id' && k !== 'value' && k !== 'type' && k !== 'style') walk(x);
  };
  walk(rendered.blocks);
  for (const a of rendered.attachments) {
    out.push(a.fallback);
    walk(a.blocks);
  }
  return out;
}

/** Slack's control sequences: <!…>, <@…>, <#…>, and any <…|label> whose target is not the bot's own link. */
function slackMarkup(s: string): string[] {
  return [...s.matchAll(/<([^<>]*)>/g)]
    .map((m) => m[1] as string)
    .filter((inner) => !(/^https:\/\/news\.example\/story\/7\|/.test(inner) || /^https?:\/\/[^|\s]+$/.test(inner)));
}

function discordStrings(message: OutgoingMessage): string[] {
  const { embeds } = renderDiscordMessage(message);
  const out: string[] = [];
  for (const e of embeds) {
    out.push(e.title ?? '', e.description ?? '', e.footer?.text ?? '', e.author?.name ?? '');
    for (const f of e.fields ?? []) out.push(f.name, f.value);
  }
  return out;
}

describe.each(HOSTILE)('hostile text %s', (h) => {
  it.each(messagesCarrying(h))('cannot become Slack markup in a %s (text, fallback, blocks)', (_kind, message) => {
    const rendered = renderSlackMessage(message);
    for (const s of slackStrings(rendered)) expect(slackMarkup(s), s).toEqual([]);
    // The notification text and the fallback are there, escaped, not dropped.
    expect(rendered.text.length).toBeGreaterThan(0);
    for (const a of rendered.attachments) expect(a.fallback.length).toBeGreaterThan(0);
  });

  it.each(messagesCarrying(h))(
    'cannot become a Discord mention or masked link in a %s (every embed field)',
    (_kind, message) => {
      for (const s of discordStrings(message)) {
        // Unescaped mention syntax, @everyone/@here, or [label](url).
        expect(s, s).not.toMatch(/(^|[^\\])<[@#!&]/);
        expect(s, s).not.toMatch(/(^|[^\\])@(everyone|here)\b/);
        expect(s, s).not.toMatch(/(^|[^\\])\[[^\]]*(?<!\\)\]\(/);
      }
    },
  );
});

describe("the bot's own links stay", () => {
  const [[, alert]] = messagesCarrying('<!channel>') as [[string, OutgoingMessage]];
  it('Slack: the headline links the article with its (escaped) title as the label', () => {
    const rendered = renderSlackMessage(alert);
    const head = JSON.stringify(rendered.blocks[0]);
    expect(head).toContain('<https://news.example/story/7|Alibaba slumps &lt;!channel&gt;>');
  });
  it('Slack: a link core writes as <url> stays a link; a url carrying | cannot relabel the headline', () => {
    const summary = renderSlackMessage(
      buildTickerReportMessage(
        computeTickerReport(
          'BABA',
          'Alibaba',
          '24h',
          [
            {
              articleId: 1,
              title: 'Up',
              url: 'https://news.example/up',
              sourceName: 'Wire',
              at: new Date(now.getTime() - 60_000),
              score: 0.5,
            },
          ],
          now,
        ),
      ),
    );
    expect(JSON.stringify(summary)).toContain('<https://news.example/up>');
    const sneaky = renderSlackMessage({ ...alert, url: 'https://evil.example/x|Reuters' });
    expect(JSON.stringify(sneaky.blocks[0])).not.toMatch(/\|Reuters/);
  });
  it('Discord: the embed keeps the article URL', () => {
    expect(renderDiscordMessage(alert).embeds[0]?.url).toBe('https://news.example/story/7');
  });
});

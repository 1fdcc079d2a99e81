// Pure parts of the Discord adapter: options -> grammar text, and messages -> embeds that Discord accepts.
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { buildCommandDefinitions, toGrammarText } from '../../src/chat/discord/commands.ts';
import { COMMANDS } from '../../src/core/commands/help.ts';
import { tickerChoices } from '../../src/chat/discord/interactions.ts';
import { commandFromCustomId, renderDiscordMessage, renderEmbed } from '../../src/chat/discord/render.ts';
import { COMMAND_FAMILIES, needsManager, parseCommand } from '../../src/core/commands/parse.ts';
import type { OptionShape, SlashCommand } from '../../src/core/commands/spec.ts';
import type { OutgoingMessage } from '../../src/core/messages.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';

describe('command definitions', () => {
  it('offers every /help topic as a choice, digest and quiet included', () => {
    const help = buildCommandDefinitions().find((c) => c.name === 'help');
    const topic = help?.options?.find((o) => o.name === 'topic') as { choices?: Array<{ value: string }> } | undefined;
    expect(topic?.choices?.map((c) => c.value).sort()).toEqual([...new Set(COMMANDS.map((c) => c.topic))].sort());
    expect(topic?.choices?.map((c) => c.value)).toEqual(expect.arrayContaining(['digest', 'quiet']));
  });
});

describe('definitions built from the command specs', () => {
  // A value a user could pick for each required option the specs use.
  const SAMPLE: Readonly<Record<string, string>> = {
    ticker: 'BABA',
    url: 'https://example.com/rss.xml',
    feed: '3',
    time: '08:00',
    from: '22:00',
    to: '07:00',
    day: 'mon',
  };
  interface Used {
    readonly family: string;
    readonly command: SlashCommand;
    readonly sub: string | null;
    readonly options: readonly OptionShape[];
  }
  const used: Used[] = COMMAND_FAMILIES.flatMap((f) =>
    f.slash.flatMap((c): Used[] =>
      'subcommands' in c
        ? c.subcommands.map((s) => ({ family: f.name, command: c, sub: s.name, options: s.options ?? [] }))
        : [{ family: f.name, command: c, sub: null, options: c.options ?? [] }],
    ),
  );

  it('registers one Discord command per slash spec, guarded exactly where the spec says managers only', () => {
    const defs = buildCommandDefinitions();
    expect(defs.map((d) => d.name)).toEqual(COMMAND_FAMILIES.flatMap((f) => f.slash.map((c) => c.name)));
    for (const { command } of used) {
      const def = defs.find((d) => d.name === command.name);
      expect(def?.default_member_permissions ?? null, command.name).toBe(
        command.managersOnly ? PermissionFlagsBits.ManageChannels.toString() : null,
      );
    }
  });

  it.each(used.map((u) => [[u.command.name, u.sub].filter((p) => p !== null).join(' '), u] as const))(
    '/%s with its required options reaches the parser as a command of its family',
    (_name, u) => {
      const values = Object.fromEntries(
        u.options.filter((o) => o.required === true).map((o) => [o.name, SAMPLE[o.name] ?? '']),
      );
      const parsed = parseCommand(toGrammarText(u.command.name, u.sub, values) ?? '', loadTickerUniverse());
      expect(parsed.ok ? parsed.value.kind.split('-')[0] : parsed.error.message).toBe(u.family);
      // A command hidden from members must not be one anyone may run, and the other way round.
      if (parsed.ok && needsManager(parsed.value)) expect(u.command.managersOnly).toBe(true);
    },
  );
});

describe('toGrammarText', () => {
  it.each([
    ['watch', 'add', { ticker: 'BABA' }, '/watch add BABA'],
    [
      'watch',
      'add',
      { ticker: 'baba, tsla', above: 0.3, below: -0.3, relevance: 0.5 },
      '/watch add baba,tsla above 0.3 below -0.3 relevance 0.5',
    ],
    // A ticker field cannot carry options: "above" becomes a (rejected) ticker, not a threshold.
    ['watch', 'add', { ticker: 'BABA above 0.9' }, '/watch add BABA,above,0.9'],
    ['watch', 'add', { ticker: 'BABA', relevance: 1e-7 }, '/watch add BABA relevance 0'],
    ['watch', 'remove', { ticker: 'BABA' }, '/watch remove BABA'],
    ['watch', 'mute', { ticker: 'BABA', duration: '2h' }, '/watch mute BABA 2h'],
    ['watch', 'mute', { ticker: 'BABA' }, '/watch mute BABA'],
    ['watch', 'unmute', { ticker: 'BABA' }, '/watch unmute BABA'],
    ['watch', 'list', {}, '/watch list'],
    ['watchlist', null, {}, '/watch list'],
    ['summary', null, { ticker: 'BABA', window: '7d' }, '/summary BABA 7d'],
    ['help', null, { topic: 'watch' }, '/help watch'],
    ['help', null, {}, '/help'],
    ['feed', 'add', { url: ' https://example.com/rss.xml ' }, '/feed add https://example.com/rss.xml'],
    ['feed', 'remove', { feed: '3' }, '/feed remove 3'],
    ['feed', 'retry', { feed: 'https://example.com/rss.xml' }, '/feed retry https://example.com/rss.xml'],
    ['feed', 'list', {}, '/feed list'],
    ['watch', 'add', { ticker: 'BABA', cooldown: '30m', shift: 0.25 }, '/watch add BABA shift 0.25 cooldown 30m'],
    [
      'digest',
      'daily',
      { time: '08:00', timezone: 'America/New_York', all_days: true },
      '/digest daily 08:00 America/New_York all-days',
    ],
    ['digest', 'daily', { time: '8:30' }, '/digest daily 8:30'],
    [
      'digest',
      'weekly',
      { day: 'mon', time: '07:15', timezone: 'Europe/London' },
      '/digest weekly mon 07:15 Europe/London',
    ],
    ['digest', 'now', {}, '/digest now'],
    ['digest', 'show', {}, '/digest'],
    // Free text in a time field cannot smuggle extra words past the parser.
    ['digest', 'daily', { time: '08:00 all-days' }, '/digest daily 08:00all-days'],
    ['quiet', 'set', { from: '22:00', to: '07:00', timezone: 'Asia/Hong Kong' }, '/quiet 22:00-07:00 Asia/Hong_Kong'],
    ['quiet', 'off', {}, '/quiet off'],
    ['quiet', 'show', {}, '/quiet'],
  ] as const)('%s %s %j -> %s', (command, sub, options, text) => {
    expect(toGrammarText(command, sub, options)).toBe(text);
  });

  it.each([
    [
      'watch',
      'add',
      { ticker: 'BABA, TSLA', above: 0.3, below: -0.3, relevance: 0.5, cooldown: '30m', shift: 0.25 },
      'watch-add',
    ],
    ['watch', 'mute', { ticker: 'BABA', duration: '2h' }, 'watch-mute'],
    ['summary', null, { ticker: 'BABA', window: '7d' }, 'summary'],
    ['feed', 'remove', { feed: '3' }, 'feed-remove'],
    ['digest', 'daily', { time: '08:00', timezone: 'America/New_York', all_days: true }, 'digest-set'],
    ['digest', 'weekly', { day: 'fri', time: '16:30' }, 'digest-set'],
    ['digest', 'show', {}, 'digest-show'],
    ['quiet', 'set', { from: '22:00', to: '07:00', timezone: 'Europe/London' }, 'quiet-set'],
    ['quiet', 'show', {}, 'quiet-show'],
  ] as const)('%s %s is understood by the shared parser as %s', (command, sub, options, kind) => {
    const text = toGrammarText(command, sub, options);
    const parsed = parseCommand(text ?? '', loadTickerUniverse());
    expect(parsed.ok ? parsed.value.kind : parsed.error.message).toBe(kind);
  });

  it('returns null for commands it does not know', () => {
    expect(toGrammarText('ban', null, {})).toBeNull();
    expect(toGrammarText('watch', 'explode', {})).toBeNull();
  });
});

describe('renderEmbed', () => {
  const huge = (n: number) => 'x'.repeat(n);

  it('fits an oversized message inside every Discord embed limit', () => {
    const message: OutgoingMessage = {
      kind: 'alert',
      title: huge(400),
      url: 'https://news.example.com/a',
      text: huge(9000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `${i}${huge(300)}`, value: huge(2000) })),
      footer: huge(3000),
      sentiment: { score: -0.8, label: 'bearish' },
    };
    const e = renderEmbed(message);
    expect(e.title?.length).toBeLessThanOrEqual(256);
    expect(e.footer?.text.length).toBeLessThanOrEqual(2048);
    expect(e.fields?.length ?? 0).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
      expect(f.value.length).toBeGreaterThan(0);
    }
    const total =
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.footer?.text.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(e.fields?.length).toBeGreaterThan(1);
    expect(e.color).toBe(0xd63c3c);
  });

  it('links the title only to http(s) URLs', () => {
    expect(renderEmbed({ kind: 'alert', title: 't', text: 't', url: 'javascript:alert(1)' }).url).toBeUndefined();
    expect(renderEmbed({ kind: 'alert', title: 't', text: 't', url: 'https://x.example/a?b=1' }).url).toBe(
      'https://x.example/a?b=1',
    );
  });

  it("shows a reply's lines as the description, without repeating the title", () => {
    const e = renderEmbed({
      kind: 'reply',
      title: 'Watching 2 tickers in this channel:',
      text: 'Watching 2 tickers in this channel:\n• BABA\n• TSLA',
    });
    expect(e.description).toBe('• BABA\n• TSLA');
  });
});

describe('buttons', () => {
  it('carry their command and come back as the same command', () => {
    const body = renderDiscordMessage({
      kind: 'alert',
      title: 't',
      text: 't',
      actions: [
        { command: '/watch mute BABA 1h', label: 'Mute BABA 1h' },
        { command: '/watch remove BABA', label: 'Unwatch BABA', style: 'danger' },
      ],
    });
    const ids = body.components[0]?.components.map((b) => b.custom_id) ?? [];
    expect(ids.map(commandFromCustomId)).toEqual(['/watch mute BABA 1h', '/watch remove BABA']);
    expect(body.components[0]?.components.map((b) => b.style)).toEqual([2, 4]);
  });

  it('ignore custom ids that are not ours', () => {
    expect(commandFromCustomId('other-bot:do-it')).toBeNull();
    expect(commandFromCustomId('tb:rm -rf')).toBeNull();
  });
});

describe('tickerChoices', () => {
  const tickers = {
    search: (q: string, limit: number) =>
      [
        { symbol: 'BABA', name: 'Alibaba Group Holding Ltd' },
        { symbol: 'BA', name: 'Boeing Co' },
      ]
        .filter((t) => t.symbol.startsWith(q.toUpperCase()) || t.name.toUpperCase().includes(q.toUpperCase()))
        .slice(0, limit),
  };

  it('completes the last of several tickers and keeps the others', () => {
    expect(tickerChoices('TSLA, NVDA ba', tickers, true).map((c) => c.value)).toEqual([
      'TSLA,NVDA,BABA',
      'TSLA,NVDA,BA',
    ]);
  });

  it('offers single tickers where only one is allowed', () => {
    expect(tickerChoices('TSLA,alib', tickers, false)).toEqual([
      { name: 'BABA · Alibaba Group Holding Ltd', value: 'BABA' },
    ]);
  });
});

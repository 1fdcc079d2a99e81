// The slash commands Discord shows, and how a used command turns back into the shared grammar.
// Discord cannot give one subcommand other permissions than its siblings, so the read-only list
// lives twice: /watch list for managers, /watchlist for everyone.
import {
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SlashCommandStringOption,
} from 'discord.js';
import { COMMANDS } from '../../core/help.ts';

export const MUTE_DURATIONS = ['30m', '1h', '2h', '1d'] as const;
export const SUMMARY_WINDOWS = ['24h', '7d', '30d'] as const;
export const COOLDOWNS = ['0m', '15m', '30m', '1h', '2h', '6h'] as const;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const CLOCK_RE = /^\d{1,2}:\d{2}$/;

const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM] as const;

const ticker = (description: string) => (o: SlashCommandStringOption) =>
  o.setName('ticker').setDescription(description).setRequired(true).setAutocomplete(true).setMaxLength(100);

export function buildCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const watch = new SlashCommandBuilder()
    .setName('watch')
    .setDescription("Change this channel's watchlist (needs Manage Channels)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Alert this channel about stories on these tickers')
        .addStringOption(ticker('One ticker, or several separated by commas (BABA, TSLA)'))
        .addNumberOption((o) => o.setName('above').setDescription('Fire when the ticker sentiment is at least this (-1..1)').setMinValue(-1).setMaxValue(1))
        .addNumberOption((o) => o.setName('below').setDescription('Fire when the ticker sentiment is at most this (-1..1)').setMinValue(-1).setMaxValue(1))
        .addNumberOption((o) => o.setName('relevance').setDescription('Skip stories less about the company than this (0..1)').setMinValue(0).setMaxValue(1))
        .addStringOption((o) =>
          o
            .setName('cooldown')
            .setDescription('Bundle alerts on a ticker that arrive within this long (0m: never bundle)')
            .addChoices(...COOLDOWNS.map((d) => ({ name: d, value: d }))),
        )
        .addNumberOption((o) => o.setName('shift').setDescription('Also alert when the average sentiment moves this much (0.05..2)').setMinValue(0.05).setMaxValue(2)),
    )
    .addSubcommand((s) => s.setName('remove').setDescription('Stop watching these tickers here').addStringOption(ticker('Ticker(s) to stop watching')))
    .addSubcommand((s) =>
      s
        .setName('mute')
        .setDescription('Hold back alerts for these tickers for a while')
        .addStringOption(ticker('Ticker(s) to mute'))
        .addStringOption((o) =>
          o
            .setName('duration')
            .setDescription('How long (default 1h)')
            .addChoices(...MUTE_DURATIONS.map((d) => ({ name: d, value: d }))),
        ),
    )
    .addSubcommand((s) => s.setName('unmute').setDescription('End a mute now').addStringOption(ticker('Ticker(s) to unmute')))
    .addSubcommand((s) => s.setName('list').setDescription("List this channel's rules"));

  const watchlist = new SlashCommandBuilder()
    .setName('watchlist')
    .setDescription('List the tickers watched in this channel')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

  const summary = new SlashCommandBuilder()
    .setName('summary')
    .setDescription('News sentiment for a ticker over a window')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) => o.setName('ticker').setDescription('One ticker, like BABA').setRequired(true).setAutocomplete(true).setMaxLength(20))
    .addStringOption((o) =>
      o
        .setName('window')
        .setDescription('How far back (default 24h)')
        .addChoices(...SUMMARY_WINDOWS.map((w) => ({ name: w, value: w }))),
    );

  const feed = new SlashCommandBuilder()
    .setName('feed')
    .setDescription("Follow RSS/Atom feeds for this server (changes need Manage Channels)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Follow a feed')
        .addStringOption((o) => o.setName('url').setDescription('The feed address, https://...').setRequired(true).setMaxLength(2000)),
    )
    .addSubcommand((s) => s.setName('list').setDescription("This server's feeds, with failures"))
    .addSubcommand((s) =>
      s.setName('remove').setDescription('Stop following a feed').addStringOption((o) => o.setName('feed').setDescription('Its number from /feed list, or its URL').setRequired(true)),
    )
    .addSubcommand((s) =>
      s.setName('retry').setDescription('Re-enable a disabled feed and poll it now').addStringOption((o) => o.setName('feed').setDescription('Its number from /feed list, or its URL').setRequired(true)),
    );

  const time = (name: string, description: string) => (o: SlashCommandStringOption) =>
    o.setName(name).setDescription(description).setRequired(true).setMinLength(4).setMaxLength(5);
  const zone = (o: SlashCommandStringOption) =>
    o.setName('timezone').setDescription('Like America/New_York or Europe/London (default UTC)').setMaxLength(64);
  const digest = new SlashCommandBuilder()
    .setName('digest')
    .setDescription("This channel's scheduled digest (changes need Manage Channels)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) =>
      s
        .setName('daily')
        .setDescription('A digest every trading day at this time')
        .addStringOption(time('time', 'HH:MM, like 08:00'))
        .addStringOption(zone)
        .addBooleanOption((o) => o.setName('all_days').setDescription('Weekends and holidays too')),
    )
    .addSubcommand((s) =>
      s
        .setName('weekly')
        .setDescription('A digest once a week')
        .addStringOption((o) =>
          o
            .setName('day')
            .setDescription('Which day')
            .setRequired(true)
            .addChoices(...WEEKDAYS.map((d) => ({ name: d, value: d }))),
        )
        .addStringOption(time('time', 'HH:MM, like 08:00'))
        .addStringOption(zone),
    )
    .addSubcommand((s) => s.setName('off').setDescription('Stop the digest'))
    .addSubcommand((s) => s.setName('now').setDescription('Post a digest now'))
    .addSubcommand((s) => s.setName('show').setDescription("This channel's digest schedule"));

  const quiet = new SlashCommandBuilder()
    .setName('quiet')
    .setDescription('Quiet hours: alerts wait until they end (changes need Manage Channels)')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addSubcommand((s) =>
      s
        .setName('set')
        .setDescription('Hold alerts between these times')
        .addStringOption(time('from', 'Start, HH:MM, like 22:00'))
        .addStringOption(time('to', 'End, HH:MM, like 07:00'))
        .addStringOption(zone),
    )
    .addSubcommand((s) => s.setName('off').setDescription('No quiet hours'))
    .addSubcommand((s) => s.setName('show').setDescription("This channel's quiet hours"));

  const help = new SlashCommandBuilder()
    .setName('help')
    .setDescription('What tickerbell can do')
    .setContexts(...CONTEXTS)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('Only this command')
        // Every topic /help knows, so a new command's help can be picked here without touching this list.
        .addChoices(...[...new Set(COMMANDS.map((c) => c.topic))].map((t) => ({ name: t, value: t }))),
    );

  return [watch, watchlist, summary, feed, digest, quiet, help].map((b) => b.toJSON());
}

/** The options of one used command, flattened (subcommand already taken out). */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Whitespace in a ticker field becomes a comma, so the field can only ever hold tickers: typing
 * "BABA above 0.9" there cannot smuggle an option past the typed, range-checked number options.
 */
function tickerArg(value: string | number | boolean | undefined): string {
  return String(value ?? '')
    .trim()
    .replace(/[\s,]+/g, ',');
}

/** Discord sends JSON numbers; the grammar wants plain decimals (never 1e-7). */
function numberArg(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** Only a clock time gets through, so a free-text field cannot add words the parser would read. */
function clockArg(value: string | number | boolean | undefined): string {
  const text = String(value ?? '').trim();
  return CLOCK_RE.test(text) ? text : text.replace(/\s+/g, '');
}

function zoneArg(value: string | number | boolean | undefined): string {
  return String(value ?? '')
    .trim()
    .replace(/\s+/g, '_');
}

/** The shared-grammar text for a used slash command, or null when it is not one of ours. */
export function toGrammarText(command: string, subcommand: string | null, options: OptionValues): string | null {
  const parts: string[] = [];
  switch (command) {
    case 'watch':
      switch (subcommand) {
        case 'add':
          parts.push('/watch add', tickerArg(options['ticker']));
          for (const key of ['above', 'below', 'relevance', 'shift'] as const) {
            const v = options[key];
            if (typeof v === 'number') parts.push(key, numberArg(v));
          }
          if (typeof options['cooldown'] === 'string') parts.push('cooldown', options['cooldown']);
          break;
        case 'remove':
        case 'unmute':
          parts.push(`/watch ${subcommand}`, tickerArg(options['ticker']));
          break;
        case 'mute':
          parts.push('/watch mute', tickerArg(options['ticker']));
          if (typeof options['duration'] === 'string') parts.push(options['duration']);
          break;
        case 'list':
          parts.push('/watch list');
          break;
        default:
          return null;
      }
      break;
    case 'watchlist':
      parts.push('/watch list');
      break;
    case 'summary':
      parts.push('/summary', tickerArg(options['ticker']));
      if (typeof options['window'] === 'string') parts.push(options['window']);
      break;
    case 'feed':
      switch (subcommand) {
        case 'add':
          parts.push('/feed add', String(options['url'] ?? '').trim());
          break;
        case 'remove':
        case 'retry':
          parts.push(`/feed ${subcommand}`, String(options['feed'] ?? '').trim());
          break;
        case 'list':
          parts.push('/feed list');
          break;
        default:
          return null;
      }
      break;
    case 'digest':
      switch (subcommand) {
        case 'daily':
          parts.push('/digest daily', clockArg(options['time']), zoneArg(options['timezone']));
          if (options['all_days'] === true) parts.push('all-days');
          break;
        case 'weekly':
          parts.push('/digest weekly', String(options['day'] ?? ''), clockArg(options['time']), zoneArg(options['timezone']));
          break;
        case 'off':
        case 'now':
          parts.push(`/digest ${subcommand}`);
          break;
        case 'show':
          parts.push('/digest');
          break;
        default:
          return null;
      }
      break;
    case 'quiet':
      switch (subcommand) {
        case 'set':
          parts.push('/quiet', `${clockArg(options['from'])}-${clockArg(options['to'])}`, zoneArg(options['timezone']));
          break;
        case 'off':
          parts.push('/quiet off');
          break;
        case 'show':
          parts.push('/quiet');
          break;
        default:
          return null;
      }
      break;
    case 'help':
      parts.push('/help');
      if (typeof options['topic'] === 'string') parts.push(options['topic']);
      break;
    default:
      return null;
  }
  return parts.filter((p) => p.length > 0).join(' ');
}

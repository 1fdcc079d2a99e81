import { needsManager, parseCommand, type Command } from '../core/commands/parse.ts';
import { isFeedCommand, type FeedCommand } from '../core/commands/feed.ts';
import type { TickerLookup } from '../core/commands/grammar.ts';
import type { FeedCommandHandler } from './feed-commands.ts';
import { buildHelpMessage } from '../core/commands/help.ts';
import { errorMessage, replyMessage, type OutgoingMessage } from '../core/messages.ts';
import { windowMs } from '../core/ticker-report.ts';
import { alsoListedAs, describeRule } from '../core/watchlist/match.ts';
import { formatClock, isoDate, localParts } from '../core/calendar/zoned-time.ts';
import type { ChannelRef, WatchRule } from '../core/types.ts';
import type { ReportChart } from './ports/chart.ts';
import { buildTickerReportReply } from './ticker-report-reply.ts';
import type { DigestAndQuietHandler } from './digest-and-quiet-commands.ts';
import { ROLLING, rollingAverage } from '../core/watchlist/shift.ts';
import type { ArticleStore, WatchlistStore } from './ports/storage.ts';
import type { Clock, Logger } from './ports/runtime.ts';
import type { CommandHandler, IncomingCommand } from './ports/chat.ts';

export interface CommandHandlerDeps {
  /** `family`: every ticker of the symbol's issuer (same SEC CIK), which one rule covers. */
  readonly tickers: TickerLookup & {
    get(symbol: string): { readonly name: string } | undefined;
    family(symbol: string): readonly string[];
  };
  readonly watchlists: WatchlistStore;
  readonly articles: ArticleStore;
  readonly clock: Clock;
  readonly log: Logger;
  /** Applied when a rule gives no relevance, and as the floor for /summary. */
  readonly defaultMinRelevance: number;
  /** Draws the /summary chart (absent: text only). */
  readonly chart?: ReportChart;
  /** Runs /digest and /quiet (absent: those commands say they are not available). */
  readonly schedules?: DigestAndQuietHandler;
  /** Called after a channel's rules change (platforms may resume a paused channel). */
  readonly onWatchlistChanged?: (scope: ChannelRef) => Promise<void>;
  /** The channel's time zone (its digest's or quiet hours', else the default), for times in replies; absent: UTC. */
  readonly timezoneFor?: (scope: ChannelRef) => Promise<string>;
  /** /feed commands (they fetch, so they are async); absent: live feeds are off in this run. */
  readonly feedCommands?: FeedCommandHandler;
}

/** "14:05 America/New_York (19:05 UTC)", with the date when it is not today there. */
export function formatLocalTime(at: Date, now: Date, timeZone: string): string {
  const utc = `${at.toISOString().slice(11, 16)} UTC`;
  if (timeZone === 'UTC')
    return `${at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10) ? '' : `${at.toISOString().slice(0, 10)} `}${utc}`;
  const local = localParts(at, timeZone);
  const today = localParts(now, timeZone);
  const sameDay = local.year === today.year && local.month === today.month && local.day === today.day;
  return `${sameDay ? '' : `${isoDate(local)} `}${formatClock(local.hour, local.minute)} ${timeZone} (${utc})`;
}

function ruleLine(rule: WatchRule, now: Date, timeZone: string, company: string | null): string {
  const muted =
    rule.mutedUntil !== null && rule.mutedUntil.getTime() > now.getTime()
      ? ` (muted until ${formatLocalTime(rule.mutedUntil, now, timeZone)})`
      : '';
  const paused = rule.paused ? ' (paused: the bot cannot post here)' : '';
  return `• ${describeRule(rule)}${company === null ? '' : ` (${company})`}${muted}${paused}`;
}

export function createCommandHandler(deps: CommandHandlerDeps): CommandHandler {
  const { tickers, watchlists, articles, clock, log } = deps;
  /** "Alphabet Inc., also GOOGL" for a ticker whose issuer has others; null for one that has none. */
  const companyWithSiblings = (symbol: string): string | null => {
    const also = alsoListedAs(symbol, tickers.family(symbol));
    return also === null ? null : `${tickers.get(symbol)?.name ?? symbol}, ${also}`;
  };

  const execute = async (
    command: Exclude<Command, FeedCommand>,
    scope: ChannelRef,
    user: IncomingCommand['user'],
  ): Promise<OutgoingMessage> => {
    const now = clock();
    switch (command.kind) {
      case 'help':
        return buildHelpMessage(command.topic);
      case 'watch-list': {
        const rules = await watchlists.list(scope);
        const zone = (await deps.timezoneFor?.(scope)) ?? 'UTC';
        if (rules.length === 0)
          return replyMessage('No tickers are watched in this channel.', ['Start with: /watch add BABA']);
        return replyMessage(
          `Watching ${rules.length} ticker${rules.length === 1 ? '' : 's'} in this channel:`,
          rules.map((r) => {
            const company = companyWithSiblings(r.symbol);
            return ruleLine(r, now, zone, company === null ? null : `${r.symbol}: ${company}`);
          }),
        );
      }
      case 'watch-add': {
        const lines: string[] = [];
        for (const symbol of command.symbols) {
          const { rule, created } = await watchlists.upsert(
            scope,
            {
              symbol,
              above: command.above,
              below: command.below,
              minRelevance: command.minRelevance ?? deps.defaultMinRelevance,
              createdBy: user.id,
              cooldownMinutes: command.cooldownMinutes ?? null,
              shift: command.shift ?? null,
              // Shifts are measured from the average when the rule is set (null: from the first one).
              shiftBaseline:
                command.shift === undefined
                  ? null
                  : (rollingAverage(
                      await articles.storiesForTicker(
                        tickers.family(symbol),
                        new Date(now.getTime() - ROLLING.maxAgeMs),
                        command.minRelevance ?? deps.defaultMinRelevance,
                        scope,
                      ),
                      now,
                    )?.average ?? null),
            },
            now,
          );
          const family = tickers.family(symbol);
          const recent = (
            await articles.storiesForTicker(family, new Date(now.getTime() - windowMs('7d')), rule.minRelevance, scope)
          ).length;
          lines.push(
            `${created ? 'Added' : 'Updated'}: ${describeRule(rule)}. ${recent} stor${recent === 1 ? 'y' : 'ies'} in the last 7d (/summary ${symbol} 7d).`,
          );
          const also = family.filter((s) => s !== symbol);
          if (also.length > 0) {
            lines.push(
              `${symbol} is ${tickers.get(symbol)?.name ?? symbol}: it also catches stories found as ${also.slice(0, 3).join(', ')}${also.length > 3 ? ` and ${also.length - 3} more` : ''} (same company), once each.`,
            );
          }
        }
        await deps.onWatchlistChanged?.(scope);
        return replyMessage(`Watching ${command.symbols.join(', ')} in this channel.`, lines, { ephemeral: false });
      }
      case 'watch-remove': {
        const removed = await watchlists.remove(scope, command.symbols);
        const missing = command.symbols.filter((s) => !removed.includes(s));
        const lines = missing.length > 0 ? [`Not watched here: ${missing.join(', ')}.`] : [];
        if (removed.length === 0)
          return replyMessage(
            `Nothing removed: ${command.symbols.join(', ')} ${command.symbols.length === 1 ? 'is' : 'are'} not watched in this channel.`,
            ['See /watch list'],
          );
        return replyMessage(`Stopped watching ${removed.join(', ')} in this channel.`, lines, { ephemeral: false });
      }
      case 'watch-mute':
      case 'watch-unmute': {
        const until = command.kind === 'watch-mute' ? new Date(now.getTime() + command.minutes * 60_000) : null;
        const changed = await watchlists.mute(scope, command.symbols, until);
        const missing = command.symbols.filter((s) => !changed.includes(s));
        const lines = missing.length > 0 ? [`Not watched here: ${missing.join(', ')} (add with /watch add).`] : [];
        if (changed.length === 0)
          return replyMessage(`Nothing to ${command.kind === 'watch-mute' ? 'mute' : 'unmute'}.`, lines);
        const title =
          until === null
            ? `Unmuted ${changed.join(', ')}.`
            : `Muted ${changed.join(', ')} until ${formatLocalTime(until, now, (await deps.timezoneFor?.(scope)) ?? 'UTC')}.`;
        return replyMessage(title, lines, { ephemeral: false });
      }
      case 'digest-set':
      case 'digest-off':
      case 'digest-now':
      case 'digest-show':
      case 'quiet-set':
      case 'quiet-off':
      case 'quiet-show':
        if (deps.schedules === undefined)
          return replyMessage('Digests and quiet hours are not available in this run.', [], { kind: 'error' });
        return deps.schedules(command, scope, user, now);
      case 'summary': {
        const name = tickers.get(command.symbol)?.name ?? command.symbol;
        return buildTickerReportReply(
          {
            articles,
            chart: deps.chart,
            log,
            minRelevance: deps.defaultMinRelevance,
            timeZone: await deps.timezoneFor?.(scope),
            textOnly: scope.platform === 'console',
          },
          command.symbol,
          name,
          command.window,
          now,
          tickers.family(command.symbol),
          scope,
        );
      }
    }
  };

  const handle = async (incoming: IncomingCommand): Promise<OutgoingMessage> => {
    const parsed = parseCommand(incoming.text, tickers);
    if (!parsed.ok) {
      log.info({ scope: incoming.scope, code: parsed.error.code }, 'command.rejected');
      return errorMessage(parsed.error);
    }
    const command = parsed.value;
    if (isFeedCommand(command)) {
      if (deps.feedCommands === undefined)
        return replyMessage('Live feeds are not available in this run.', [], { kind: 'error' });
      return await deps.feedCommands(command, incoming).catch((error: unknown) => {
        log.error({ scope: incoming.scope, kind: command.kind, err: error }, 'command.failed');
        return replyMessage(
          'Something went wrong on our side and the command did not complete. Check /feed list and try again in a minute.',
          [],
          { kind: 'error' },
        );
      });
    }
    if (needsManager(command) && !incoming.user.canManage) {
      log.info({ scope: incoming.scope, user: incoming.user.id, kind: command.kind }, 'command.forbidden');
      return replyMessage(
        "You can't change this channel's watchlist.",
        ['Ask someone who manages this channel. Anyone can use /watch list, /summary, /digest now and /help.'],
        { kind: 'error' },
      );
    }
    try {
      const reply = await execute(command, incoming.scope, incoming.user);
      log.info({ scope: incoming.scope, kind: command.kind }, 'command.handled');
      return reply;
    } catch (error) {
      log.error({ scope: incoming.scope, kind: command.kind, err: error }, 'command.failed');
      return replyMessage(
        'Something went wrong on our side and the command did not complete. Check /watch list and try again in a minute.',
        [],
        { kind: 'error' },
      );
    }
  };
  return handle;
}

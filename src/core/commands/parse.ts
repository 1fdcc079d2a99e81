// One command grammar for every platform. Slack slash commands, Discord options and console
// lines are all turned into this text first, parsed here once, and handled once in app/.
// Each family (watch.ts, summary.ts, ...) holds its own spec; this file only lists them.
import type { Result } from '../types.ts';
import { DIGEST, type DigestCommand } from './digest.ts';
import { FEED, type FeedCommand } from './feed.ts';
import { fail, tokenizeCommand, type CommandError, type TickerLookup } from './grammar.ts';
import { HELP, HELP_USAGE, type HelpCommand } from './help.ts';
import { QUIET, type QuietCommand } from './quiet.ts';
import type { CommandFamily } from './spec.ts';
import { SUMMARY, type SummaryCommand } from './summary.ts';
import { WATCH, type WatchCommand } from './watch.ts';

export type Command = WatchCommand | SummaryCommand | FeedCommand | DigestCommand | QuietCommand | HelpCommand;

/** Every command family, in the order platforms list them. Adding a command: its spec here, its handler in app/. */
export const COMMAND_FAMILIES: ReadonlyArray<CommandFamily<Command>> = [WATCH, SUMMARY, FEED, DIGEST, QUIET, HELP];

const MANAGER_KINDS: ReadonlySet<string> = new Set(COMMAND_FAMILIES.flatMap((f) => f.managerKinds));

/** Whether this command changes a channel's (or workspace's) setup, which only its managers may do. */
export function needsManager(command: Command): boolean {
  return MANAGER_KINDS.has(command.kind);
}

/** Parses "/watch add BABA below -0.3" (the leading slash is optional). */
export function parseCommand(text: string, lookup: TickerLookup): Result<Command, CommandError> {
  const tokens = tokenizeCommand(text);
  const head = tokens[0]?.replace(/^\//, '').toLowerCase();
  if (head === undefined || head === '') return fail('empty', 'Type a command.', HELP_USAGE);
  const family = COMMAND_FAMILIES.find((f) => f.name === head);
  if (family === undefined)
    return fail('unknown_command', `I don't know the command "${(tokens[0] as string).slice(0, 30)}".`, HELP_USAGE);
  return family.parse(tokens.slice(1), lookup);
}

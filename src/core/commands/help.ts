// /help [topic]: every family's help lines, in the order /help lists them.
import type { OutgoingMessage } from '../messages.ts';
import type { Result } from '../types.ts';
import { ok } from '../types.ts';
import { DIGEST } from './digest.ts';
import { FEED } from './feed.ts';
import type { CommandError } from './grammar.ts';
import { QUIET } from './quiet.ts';
import type { CommandDoc, CommandFamily } from './spec.ts';
import { SUMMARY } from './summary.ts';
import { WATCH } from './watch.ts';

export type HelpCommand = { readonly kind: 'help'; readonly topic: string | null };

const TOPICS = [WATCH, SUMMARY, DIGEST, QUIET, FEED];

export const HELP_USAGE = `/help [${TOPICS.map((f) => f.name).join('|')}]`;

/** The command table /help prints (docs/commands.md says the same at more length). */
export const COMMANDS: readonly CommandDoc[] = [
  ...TOPICS.flatMap((f) => f.help),
  { topic: 'help', usage: HELP_USAGE, does: 'This list.', example: '/help watch' },
];

const parseHelp = (args: readonly string[]): Result<HelpCommand, CommandError> =>
  ok({ kind: 'help', topic: args[0]?.replace(/^\//, '').toLowerCase() ?? null });

export const HELP: CommandFamily<HelpCommand> = {
  name: 'help',
  parse: parseHelp,
  managerKinds: [],
  help: COMMANDS.filter((c) => c.topic === 'help'),
  slack: { description: "tickerbell's commands", usageHint: `[${TOPICS.map((f) => f.name).join('|')}]` },
  slash: [
    {
      name: 'help',
      description: 'What tickerbell can do',
      managersOnly: false,
      // Every topic /help knows, so a new family's help can be picked here without touching this list.
      options: [
        {
          type: 'string',
          name: 'topic',
          description: 'Only this command',
          choices: [...new Set(COMMANDS.map((c) => c.topic))],
        },
      ],
      toText: (o) => ['/help', ...(typeof o['topic'] === 'string' ? [o['topic']] : [])],
    },
  ],
};

function topicFields(): Array<{ name: string; value: string }> {
  const topics = [...new Set(COMMANDS.map((c) => c.topic))];
  return topics.map((t) => ({
    name: `/${t}`,
    value: COMMANDS.filter((c) => c.topic === t)
      .map((c) => c.usage)
      .join('\n'),
  }));
}

export function buildHelpMessage(topic: string | null): OutgoingMessage {
  const docs = topic === null ? COMMANDS : COMMANDS.filter((c) => c.topic === topic);
  const shown = docs.length > 0 ? docs : COMMANDS;
  const lines = shown.map((c) => `${c.usage}\n    ${c.does}\n    e.g. ${c.example}`);
  const prefix = docs.length === 0 && topic !== null ? [`No help on "${topic.slice(0, 20)}"; here is everything.`] : [];
  return {
    kind: 'help',
    title: 'tickerbell commands',
    text: ['tickerbell commands', ...prefix, ...lines].join('\n'),
    // The full list as one field per topic (usages only): every topic fits within Discord's 6,000-character
    // embed, where one field per command cut the list off before /feed. /help <topic> has the details.
    fields:
      topic === null || docs.length === 0
        ? topicFields()
        : shown.map((c) => ({ name: c.usage, value: `${c.does}\ne.g. ${c.example}` })),
    ...(topic === null || docs.length === 0
      ? { footer: `/help <topic> (${TOPICS.map((f) => f.name).join(', ')}) explains each command with an example.` }
      : {}),
    ephemeral: true,
  };
}

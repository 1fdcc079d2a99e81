// Interactions -> the shared grammar -> the command handler -> an embed reply. Permission to change
// a watchlist is checked here on every interaction (a server can override the commands' default
// member permissions), and handed to the handler, which refuses before anything is stored.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { CommandHandler, IncomingCommand } from '../../app/ports/chat.ts';
import type { Logger } from '../../app/ports/runtime.ts';
import type { TickerLookup } from '../../core/commands/grammar.ts';
import type { OutgoingMessage } from '../../core/messages.ts';
import type { ChannelRef } from '../../core/types.ts';
import type { OptionValues } from '../../core/commands/spec.ts';
import { toGrammarText } from './commands.ts';
import { commandFromCustomId, renderDiscordMessage } from './render.ts';

export const DISCORD = 'discord';
/** Workspace of a personal watchlist in a DM with the bot. */
export const dmWorkspace = (userId: string): string => `dm:${userId}`;

export interface InteractionDeps {
  readonly onCommand: CommandHandler;
  readonly tickers: Pick<TickerLookup, 'search'>;
  readonly log: Logger;
  /** Discord drops an interaction not answered within 3 s; a slower answer is deferred first. */
  readonly deferAfterMs?: number;
}

/** Answers the channel sees (so a deferred answer is made public up front); everything else is private. */
const PUBLIC_ANSWER =
  /^\/(?:watch (?:add|remove|mute|unmute)|feed (?:add|remove|retry)|digest (?:daily|weekly|off|now)|quiet (?!$)|summary)\b/i;

type Actor = ChatInputCommandInteraction | ButtonInteraction;

function who(
  interaction: Actor | AutocompleteInteraction,
): { scope: ChannelRef; user: IncomingCommand['user'] } | null {
  const channel = interaction.channelId;
  if (channel === null) return null;
  const inGuild = interaction.guildId !== null;
  const scope: ChannelRef = {
    platform: DISCORD,
    workspace: interaction.guildId ?? dmWorkspace(interaction.user.id),
    channel,
  };
  // In a DM the list is the person's own; in a server only Manage Channels may change it.
  const canManage = inGuild ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false) : true;
  return { scope, user: { id: interaction.user.id, name: interaction.user.username, canManage } };
}

function optionValues(interaction: ChatInputCommandInteraction): { sub: string | null; values: OptionValues } {
  const sub = interaction.options.getSubcommand(false);
  let opts = interaction.options.data;
  if (sub !== null) opts = opts.find((o) => o.name === sub)?.options ?? [];
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const o of opts) values[o.name] = o.value;
  return { sub, values };
}

async function answer(interaction: Actor, message: OutgoingMessage, forceEphemeral: boolean): Promise<void> {
  const ephemeral = forceEphemeral || message.ephemeral === true;
  const { embeds, components, file } = renderDiscordMessage(message);
  const body = {
    embeds,
    components,
    allowedMentions: { parse: [] },
    ...(file !== null ? { files: [{ attachment: file.data, name: file.name, description: file.description }] } : {}),
  };
  // After a deferral the visibility is already fixed; only the content can follow.
  if (interaction.deferred) await interaction.editReply(body);
  else await interaction.reply({ ...body, ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}

/** The handler's answer, or null when it is not ready within ms. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Choices for a ticker field: the last comma-separated part is completed, earlier parts kept. */
export function tickerChoices(
  typed: string,
  tickers: Pick<TickerLookup, 'search'>,
  allowMany: boolean,
): { name: string; value: string }[] {
  const parts = typed.split(/[\s,]+/);
  const query = (parts.pop() ?? '').replace(/^\$/, '').slice(0, 20);
  const kept = allowMany ? parts.filter((p) => p.length > 0) : [];
  const prefix = kept.length > 0 ? `${kept.join(',')},` : '';
  return tickers
    .search(query, 25)
    .map((t) => ({ name: `${t.symbol} · ${t.name}`.slice(0, 100), value: `${prefix}${t.symbol}` }))
    .filter((c) => c.value.length <= 100);
}

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const { onCommand, tickers, log } = deps;
  const deferAfterMs = deps.deferAfterMs ?? 2_000;

  const run = async (interaction: Actor, text: string, forceEphemeral: boolean): Promise<void> => {
    const ctx = who(interaction);
    if (ctx === null) {
      await interaction.reply({
        content: 'This only works in a server channel or a DM with the bot.',
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const pending = onCommand({ text, ...ctx });
    let reply = await within(pending, deferAfterMs);
    if (reply === null) {
      const ephemeral = forceEphemeral || !PUBLIC_ANSWER.test(text);
      await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      log.info({ scope: ctx.scope, afterMs: deferAfterMs }, 'discord.interaction_deferred');
      reply = await pending;
    }
    await answer(interaction, reply, forceEphemeral);
    log.info(
      {
        scope: ctx.scope,
        user: ctx.user.id,
        canManage: ctx.user.canManage,
        command: text.split(' ').slice(0, 2).join(' '),
      },
      'discord.interaction_answered',
    );
  };

  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) {
        const focused = interaction.options.getFocused(true);
        const choices =
          focused.name === 'ticker'
            ? tickerChoices(String(focused.value), tickers, interaction.commandName === 'watch')
            : [];
        await interaction.respond(choices);
        return;
      }
      if (interaction.isChatInputCommand()) {
        const { sub, values } = optionValues(interaction);
        const text = toGrammarText(interaction.commandName, sub, values);
        if (text === null) {
          await interaction.reply({
            content: 'That command is no longer supported; type /help.',
            flags: MessageFlags.Ephemeral,
          });
          return;
        }
        await run(interaction, text, false);
        return;
      }
      if (interaction.isButton()) {
        const command = commandFromCustomId(interaction.customId);
        if (command === null) return;
        // A press answers only the presser; the alert itself stays as it was.
        await run(interaction, command, true);
      }
    } catch (error) {
      // Most often the 3-second answer window passed or the interaction was already answered.
      log.error(
        {
          err: error,
          interaction: interaction.id,
          type: interaction.type,
          guild: interaction.guildId,
          channel: interaction.channelId,
        },
        'discord.interaction_failed',
      );
      // Never leave someone looking at "thinking…" forever.
      if (
        (interaction.isChatInputCommand() || interaction.isButton()) &&
        interaction.deferred &&
        !interaction.replied
      ) {
        await interaction
          .editReply({ content: 'Something went wrong on our side; try again in a minute.' })
          .catch(() => undefined);
      }
    }
  };
}

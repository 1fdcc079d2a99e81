// Command registration and the invite link, shared by the bot at start and the npm scripts.
import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField, Routes, type REST } from 'discord.js';
import { buildCommandDefinitions } from './commands.ts';

export interface RegisterTarget {
  readonly applicationId: string;
  /** Registers to this server only (shows up at once); globally when absent (can take up to an hour). */
  readonly guildId?: string | undefined;
}

export interface RegisterResult {
  readonly scope: 'guild' | 'global';
  readonly commands: readonly string[];
}

/** PUT replaces the whole set, so renamed or removed commands disappear too. */
export async function registerCommands(rest: REST, target: RegisterTarget): Promise<RegisterResult> {
  const body = buildCommandDefinitions();
  const route =
    target.guildId !== undefined
      ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
      : Routes.applicationCommands(target.applicationId);
  await rest.put(route, { body });
  return { scope: target.guildId !== undefined ? 'guild' : 'global', commands: body.map((c) => c.name) };
}

/** What the bot needs in a channel: see it, post in it (and its threads), with embeds. */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
]);

export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}

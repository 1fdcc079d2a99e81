// npm run discord:register — (re)registers the slash commands without starting the bot: to
// DISCORD_GUILD_ID when set (shows up at once), globally otherwise (can take up to an hour).
import { existsSync } from 'node:fs';
import { REST } from 'discord.js';
import { registerCommands } from '../src/chat/discord/register.ts';
import { loadConfig } from '../src/config.ts';

// Like the CLI: a .env in the working directory counts.
if (existsSync('.env')) process.loadEnvFile('.env');
const result = loadConfig(process.env);
if (!result.ok) {
  console.error(`discord:register: bad configuration:\n${result.errors.map((e) => `  ${e}`).join('\n')}`);
  process.exit(2);
}
const discord = result.config.discord;
if (discord === null) {
  console.error('discord:register: set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (docs/discord.md).');
  process.exit(2);
}
const rest = new REST({ retries: 1, ...(discord.apiUrl !== undefined ? { api: discord.apiUrl } : {}) }).setToken(
  discord.token,
);
try {
  const registered = await registerCommands(rest, { applicationId: discord.applicationId, guildId: discord.guildId });
  const names = registered.commands.map((c) => `/${c}`).join(', ');
  console.log(
    registered.scope === 'guild'
      ? `Registered ${names} in server ${discord.guildId ?? ''}; they are available now.`
      : `Registered ${names} globally; Discord can take up to an hour to show them everywhere.`,
  );
} catch (error) {
  console.error(`discord:register: Discord refused: ${error instanceof Error ? error.message : String(error)}`);
  console.error(
    'Check DISCORD_TOKEN (Bot tab, Reset Token) and DISCORD_APPLICATION_ID (General Information), and that the bot is in DISCORD_GUILD_ID.',
  );
  process.exit(1);
}

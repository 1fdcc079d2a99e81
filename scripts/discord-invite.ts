// npm run discord:invite [APPLICATION_ID] — prints the URL that adds the bot to a server with the
// scopes (bot, applications.commands) and channel permissions it needs. Needs no token.
import { existsSync } from 'node:fs';
import { BOT_PERMISSIONS, inviteUrl } from '../src/chat/discord/register.ts';

// Like the CLI: a .env in the working directory counts.
if (existsSync('.env')) process.loadEnvFile('.env');
const applicationId = (process.argv[2] ?? process.env['DISCORD_APPLICATION_ID'] ?? '').trim();
if (!/^\d{15,22}$/.test(applicationId)) {
  console.error(
    'discord:invite: give the application ID (Developer Portal, General Information) as DISCORD_APPLICATION_ID or as the argument.',
  );
  process.exit(2);
}
console.log(inviteUrl(applicationId));
console.log(`Permissions: ${BOT_PERMISSIONS.toArray().join(', ')}. Scopes: bot, applications.commands.`);

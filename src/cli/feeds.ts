// `tickerbell feeds import FILE.opml --workspace …` and `feeds export --workspace …`: move a reader's
// subscription list in or out in one go.
import { readFileSync } from 'node:fs';
import { importFeeds } from '../app/feed-import.ts';
import type { ChannelRef } from '../core/types.ts';
import { OpmlError, parseOpml, renderOpml } from '../sources/feed/opml.ts';
import { createLogger } from '../log.ts';
import { configOrExit, UsageError } from './common.ts';

const PLATFORMS = ['slack', 'discord', 'console'] as const;

function options(args: readonly string[]): { rest: string[]; values: Map<string, string> } {
  const values = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--workspace' || a === '--channel') {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      values.set(a, v);
      i += 1;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  return { rest, values };
}

/** "slack:T0123" (the Slack team id), "discord:<server id>" or "console:local", plus the channel feed notices go to. */
function scopeOf(values: Map<string, string>, needChannel: boolean): ChannelRef {
  const ws = values.get('--workspace');
  if (ws === undefined)
    throw new UsageError('say which workspace: --workspace slack:T0123, discord:<server id> or console:local');
  const m = /^([a-z]+):(\S+)$/.exec(ws);
  const platform = m?.[1];
  if (m === null || platform === undefined || !(PLATFORMS as readonly string[]).includes(platform)) {
    throw new UsageError(`--workspace ${ws}: expected PLATFORM:ID with PLATFORM one of ${PLATFORMS.join(', ')}`);
  }
  const channel = values.get('--channel') ?? (platform === 'console' ? 'console' : undefined);
  if (channel === undefined && needChannel)
    throw new UsageError(
      `--channel: the ${platform} channel id where notices about these feeds go (a feed that keeps failing is reported there)`,
    );
  return { platform, workspace: m[2] as string, channel: channel ?? '' };
}

export async function feedsCommand(args: readonly string[]): Promise<number> {
  const [sub, ...more] = args;
  const { rest, values } = options(more);
  if (sub !== 'import' && sub !== 'export')
    throw new UsageError(sub === undefined ? 'feeds: import or export?' : `feeds: unknown subcommand "${sub}"`);
  const scope = scopeOf(values, sub === 'import');
  if (sub === 'import' && rest.length !== 1) throw new UsageError('feeds import takes one OPML file');
  if (sub === 'export' && rest.length > 0) throw new UsageError('feeds export takes no file; it prints OPML');
  const config = await configOrExit(process.env);
  // No chat platform: feeds added here are read by the bot's next poll.
  const openApp = async () => {
    const { composeApp } = await import('../compose.ts');
    return composeApp(config, {
      log: createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
      platforms: new Map(),
    });
  };
  if (sub === 'import') {
    const file = rest[0] as string;
    let entries;
    try {
      entries = parseOpml(readFileSync(file, 'utf8'));
    } catch (error) {
      const message = error instanceof OpmlError ? error.message : `cannot read: ${(error as Error).message}`;
      process.stderr.write(`tickerbell: ${file}: ${message}\n`);
      return 1;
    }
    const app = await openApp();
    try {
      const report = await importFeeds({ feeds: app.stores.feeds, clock: () => new Date() }, entries, scope, 'cli');
      for (const r of report.refused) process.stderr.write(`tickerbell: ${file}: ${r.url}: ${r.reason}\n`);
      process.stdout.write(
        `${file}: ${entries.length} feed(s): ${report.added.length} added, ${report.already.length} already followed, ${report.refused.length} refused. ` +
          'New feeds are read on the next poll; their existing items do not alert.\n',
      );
    } finally {
      await app.close();
    }
    return 0;
  }
  const app = await openApp();
  try {
    const feeds = await app.stores.feeds.listForWorkspace(scope);
    process.stdout.write(
      renderOpml(
        `tickerbell feeds for ${scope.platform}:${scope.workspace}`,
        feeds.map((f) => ({ url: f.url, title: f.title })),
      ),
    );
  } finally {
    await app.close();
  }
  return 0;
}

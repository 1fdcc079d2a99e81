// The Discord adapter: a discord.js gateway client for interactions, its REST queue for posts.
import { createHash } from 'node:crypto';
import { Client, Events, GatewayIntentBits, Routes, type RateLimitData } from 'discord.js';
import { DeliveryError } from '../../app/errors.ts';
import type {
  ChatPlatform,
  CommandHandler,
  ConnectionState,
  DeliveryReceipt,
  PostOptions,
} from '../../app/ports/chat.ts';
import type { Logger } from '../../app/ports/runtime.ts';
import type { TickerLookup } from '../../core/commands/grammar.ts';
import type { OutgoingMessage } from '../../core/messages.ts';
import type { ChannelRef } from '../../core/types.ts';
import { toDeliveryError } from './errors.ts';
import { createInteractionHandler, DISCORD } from './interactions.ts';
import { inviteUrl, registerCommands } from './register.ts';
import { renderDiscordMessage } from './render.ts';

export interface DiscordPlatformOptions {
  readonly token: string;
  readonly applicationId: string;
  /** Register commands to this server only (instant); globally when absent. */
  readonly guildId?: string | undefined;
  /** REST API base, like https://discord.com/api; the gateway URL then comes from its /gateway/bot. */
  readonly apiUrl?: string | undefined;
  /** Autocomplete source: the ticker universe. */
  readonly tickers: Pick<TickerLookup, 'search'>;
  readonly log: Logger;
  /** Longest rate-limit wait the REST queue absorbs; a longer one goes back to the outbox. */
  readonly maxQueueWaitMs?: number;
  /** Quick retries of a 5xx or timeout inside the REST queue before the outbox takes over. */
  readonly restRetries?: number;
  readonly restTimeoutMs?: number;
  /** How long start() waits for the gateway's READY before going on (the client keeps trying). */
  readonly readyTimeoutMs?: number;
  /** A command not answered by then is deferred (Discord allows 3 s) and answered when ready. */
  readonly deferAfterMs?: number;
}

/** Discord's nonce holds 25 characters; with enforce_nonce a repeated send returns the first message. */
export function nonceFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 25);
}

/**
 * discord.js builds an Interaction from the gateway packet before any listener of ours runs, and a
 * packet with neither `member` nor `user` made that throw outside every handler. Such packets
 * (never sent by Discord itself) are logged and dropped. The hook is discord.js's internal action
 * table; if a release renames it, nothing is wrapped and the process guard is what remains.
 */
function guardInteractionPackets(client: Client, log: Logger): void {
  const action = (client as unknown as { actions?: { InteractionCreate?: { handle?: (data: unknown) => unknown } } })
    .actions?.InteractionCreate;
  const handle = action?.handle;
  if (action === undefined || typeof handle !== 'function') return;
  action.handle = (data: unknown) => {
    const d = (typeof data === 'object' && data !== null ? data : {}) as {
      id?: unknown;
      user?: { id?: unknown } | null;
      member?: { user?: { id?: unknown } | null } | null;
    };
    if (typeof (d.user ?? d.member?.user)?.id !== 'string') {
      log.warn({ interaction: typeof d.id === 'string' ? d.id : null }, 'discord.interaction_malformed');
      return undefined;
    }
    try {
      return handle.call(action, data);
    } catch (error) {
      log.error({ err: error, interaction: typeof d.id === 'string' ? d.id : null }, 'discord.interaction_malformed');
      return undefined;
    }
  };
}

export function createDiscordPlatform(options: DiscordPlatformOptions): ChatPlatform {
  const { token, applicationId, guildId, tickers, log } = options;
  const maxQueueWaitMs = options.maxQueueWaitMs ?? 5_000;
  const client = new Client({
    // Slash commands and buttons need no privileged intents; Guilds tells us which servers we are in.
    intents: [GatewayIntentBits.Guilds],
    rest: {
      ...(options.apiUrl !== undefined ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
      retries: options.restRetries ?? 1,
      timeout: options.restTimeoutMs ?? 10_000,
      // Short waits are cheaper in the queue; long ones would stall every channel behind them.
      rejectOnRateLimit: (data: RateLimitData) => data.retryAfter > maxQueueWaitMs,
    },
  });
  client.rest.setToken(token);
  guardInteractionPackets(client, log);
  // A 429 Discord sends us, and a wait the queue imposes on itself to avoid one, are both worth seeing.
  client.rest.on('response', (request, response) => {
    if (response.status === 429) {
      log.warn(
        {
          route: request.route,
          method: request.method,
          retryAfter: response.headers.get('retry-after'),
          retries: request.retries,
        },
        'discord.rate_limited',
      );
    }
  });
  client.rest.on('rateLimited', (info) => {
    log.info(
      { route: info.route, waitMs: info.timeToReset, global: info.global, scope: info.scope },
      'discord.rate_limit_wait',
    );
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord.client_error'));
  client.on(Events.ShardError, (error, shard) => log.error({ err: error, shard }, 'discord.shard_error'));
  // One shard (the bot is small): its gateway state is what /healthz reports.
  let state: ConnectionState = 'disconnected';
  client.on(Events.ShardDisconnect, (event, shard) => {
    state = 'disconnected';
    log.warn({ code: event.code, shard }, 'discord.disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (state === 'connected') log.warn({ shard }, 'discord.reconnecting');
    state = 'reconnecting';
  });
  const connected = (shard: number): void => {
    if (state !== 'connected') log.info({ shard, was: state }, 'discord.connected');
    state = 'connected';
  };
  client.on(Events.ShardReady, connected);
  client.on(Events.ShardResume, connected);
  client.on(Events.GuildCreate, (guild) => log.info({ guild: guild.id }, 'discord.guild_joined'));
  client.on(Events.GuildDelete, (guild) => log.warn({ guild: guild.id }, 'discord.guild_left'));
  let started = false;

  return {
    name: DISCORD,
    connectionState: () => state,
    async start(onCommand: CommandHandler) {
      const onInteraction = createInteractionHandler({
        onCommand,
        tickers,
        log,
        ...(options.deferAfterMs !== undefined ? { deferAfterMs: options.deferAfterMs } : {}),
      });
      client.on(Events.InteractionCreate, (interaction) => {
        void onInteraction(interaction);
      });
      try {
        const result = await registerCommands(client.rest, { applicationId, guildId });
        log.info({ ...result, guild: guildId ?? null }, 'discord.commands_registered');
      } catch (error) {
        // Commands registered by an earlier run keep working; `npm run discord:register` retries.
        log.error({ err: error, guild: guildId ?? null }, 'discord.commands_register_failed');
      }
      const ready = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options.readyTimeoutMs ?? 30_000);
        client.once(Events.ClientReady, (c) => {
          clearTimeout(timer);
          log.info({ user: c.user.id, guilds: c.guilds.cache.size }, 'discord.ready');
          if (c.guilds.cache.size === 0)
            log.warn({ inviteUrl: inviteUrl(applicationId) }, 'discord.in_no_server: open inviteUrl to add the bot');
          resolve(true);
        });
      });
      await client.login(token);
      started = true;
      if (!(await ready)) log.warn({}, 'discord.not_ready_yet: commands answer once the gateway connects');
    },
    async post(channel: ChannelRef, message: OutgoingMessage, postOptions: PostOptions): Promise<DeliveryReceipt> {
      if (!started) throw new DeliveryError('transient', 'the Discord client has not started');
      const { embeds, components, file } = renderDiscordMessage(message);
      const body = {
        embeds,
        components,
        nonce: nonceFor(postOptions.idempotencyKey),
        enforce_nonce: true,
        allowed_mentions: { parse: [] },
        ...(file !== null ? { attachments: [{ id: 0, filename: file.name, description: file.description }] } : {}),
      };
      const files = file !== null ? [{ name: file.name, data: file.data, contentType: 'image/png' }] : undefined;
      try {
        const sent = (await client.rest.post(Routes.channelMessages(channel.channel), {
          body,
          ...(files !== undefined ? { files } : {}),
        })) as { id: string };
        return { remoteId: sent.id };
      } catch (error) {
        const de = toDeliveryError(error);
        log.warn(
          { scope: channel, code: de.code, retryAfterMs: de.retryAfterMs, error: de.message },
          'discord.post_failed',
        );
        throw de;
      }
    },
    async stop() {
      started = false;
      await client.destroy();
      state = 'disconnected';
    },
  };
}

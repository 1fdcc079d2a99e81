// The Slack adapter: slash commands and buttons become commands in the shared grammar, replies
// and alerts become Block Kit. Everything is scoped by team_id + channel_id.
import type {
  ChatPlatform,
  CommandHandler,
  DeliveryReceipt,
  IncomingCommand,
  PostOptions,
} from '../../app/ports/chat.ts';
import type { Clock, Logger } from '../../app/ports/runtime.ts';
import { replyMessage, type OutgoingMessage } from '../../core/messages.ts';
import type { ChannelRef } from '../../core/types.ts';
import { ALERT_EVENT_TYPE, createEarlierCopy } from './earlier-copy.ts';
import { slackErrorDetail, toDeliveryError } from './errors.ts';
import { createCanManage } from './permissions.ts';
import { ACTION_PREFIX, renderSlackMessage, slackText, type SlackMessage } from './render.ts';
import type { SlackConnection } from './slack-app.ts';

export interface SlackPlatformOptions {
  readonly connection: SlackConnection;
  readonly log: Logger;
  readonly clock?: Clock;
  /** SLACK_ADMIN_ONLY: only workspace admins and owners may change a channel's watchlist. */
  readonly adminOnly?: boolean;
  /**
   * How long a slash command may take before Slack gets a bare acknowledgement and the answer
   * follows through response_url (Slack allows 3 s in all).
   */
  readonly ackBudgetMs?: number;
}

export interface SlackPlatform extends ChatPlatform {
  /** The HTTP port once started in HTTP mode (null in Socket Mode). */
  readonly port: () => number | null;
}

type Reply = SlackMessage & { response_type: 'ephemeral' | 'in_channel' };

/** Answers to the person who asked are ephemeral unless the handler says the channel should see it. */
function toReply(message: OutgoingMessage): Reply {
  return { ...renderSlackMessage(message), response_type: message.ephemeral === false ? 'in_channel' : 'ephemeral' };
}

const FAILED: OutgoingMessage = replyMessage(
  'Something went wrong on our side and the command did not complete. Try again in a minute.',
  [],
  { kind: 'error' },
);

/** A slash command's text in the shared grammar: "/watch" + "add BABA" -> "/watch add BABA". */
export function commandText(command: string, text: string): string {
  return `${command.trim()} ${text.trim()}`.trim();
}

export function createSlackPlatform(options: SlackPlatformOptions): SlackPlatform {
  const { connection, log } = options;
  const clock = options.clock ?? (() => new Date());
  const ackBudgetMs = options.ackBudgetMs ?? 2000;
  const { app } = connection;
  const canManage = createCanManage({ client: app.client, adminOnly: options.adminOnly === true, log, clock });
  const earlier = createEarlierCopy({ client: app.client, log, clock });
  let port: number | null = null;

  const run = async (
    onCommand: CommandHandler,
    incoming: Omit<IncomingCommand, 'user'> & { user: { id: string; name?: string } },
  ): Promise<OutgoingMessage> => {
    try {
      const allowed = await canManage(incoming.scope.workspace, incoming.user.id);
      return await onCommand({ ...incoming, user: { ...incoming.user, canManage: allowed } });
    } catch (error) {
      log.error({ scope: incoming.scope, err: error }, 'slack.command_failed');
      return FAILED;
    }
  };

  /**
   * A reply's chart (the /summary picture) cannot ride in a slash-command response, so it is
   * uploaded to the channel (files:write). A failed upload is logged; the text answer stands.
   */
  const attachImage = async (scope: ChannelRef, userId: string, message: OutgoingMessage): Promise<void> => {
    const image = message.image;
    if (image === undefined) return;
    try {
      await app.client.filesUploadV2({
        channel_id: scope.channel,
        file: Buffer.from(image.pngBase64, 'base64'),
        filename: image.filename,
        title: message.title,
        alt_text: image.alt,
        initial_comment: `${slackText(message.title)} (asked by <@${userId}>)`,
      });
    } catch (error) {
      log.warn({ scope, file: image.filename, error: slackErrorDetail(error) }, 'slack.image_upload_failed');
    }
  };

  const listen = (onCommand: CommandHandler): void => {
    // Any slash command the manifest defines (/watch, /summary, /help, and later ones) goes to the
    // shared grammar; the parser answers unknown ones with what to type instead.
    app.command(/^\/[\w-]+$/, async ({ command, ack, respond }) => {
      const scope: ChannelRef = { platform: 'slack', workspace: command.team_id, channel: command.channel_id };
      const work = run(onCommand, {
        text: commandText(command.command, command.text),
        scope,
        user: { id: command.user_id, name: command.user_name },
      });
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), ackBudgetMs);
      });
      const early = ackBudgetMs > 0 ? await Promise.race([work, budget]) : null;
      clearTimeout(timer);
      if (early !== null) {
        await ack(toReply(early));
        await attachImage(scope, command.user_id, early);
        return;
      }
      // Slow (users.info, a busy database): acknowledge now, answer through response_url.
      await ack();
      const reply = await work;
      try {
        await respond(toReply(reply));
      } catch (error) {
        log.warn({ scope, error: slackErrorDetail(error) }, 'slack.respond_failed');
      }
      await attachImage(scope, command.user_id, reply);
    });

    app.action(
      { type: 'block_actions', action_id: new RegExp(`^${ACTION_PREFIX}`) },
      async ({ ack, body, action, respond }) => {
        await ack();
        if (body.type !== 'block_actions' || action.type !== 'button') return;
        const value = action.value ?? '';
        const team = body.team?.id ?? body.user.team_id;
        const channel = body.channel?.id;
        if (team === undefined || channel === undefined || value === '') {
          log.warn({ team, channel }, 'slack.action_without_scope');
          return;
        }
        const scope: ChannelRef = { platform: 'slack', workspace: team, channel };
        const reply = await run(onCommand, {
          text: value,
          scope,
          user: { id: body.user.id, name: body.user.username },
        });
        const rendered = toReply(reply);
        // Said in the channel: show who pressed it. Never replace the alert the button sits on.
        const by =
          rendered.response_type === 'in_channel'
            ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: `by <@${body.user.id}>` }] }]
            : [];
        try {
          await respond({ ...rendered, blocks: [...rendered.blocks, ...by], replace_original: false });
        } catch (error) {
          log.warn({ scope, error: slackErrorDetail(error) }, 'slack.respond_failed');
        }
      },
    );

    app.error(async (error) => {
      log.error({ error: slackErrorDetail(error) }, 'slack.listener_failed');
      return Promise.resolve();
    });
  };

  return {
    name: 'slack',
    // Slack allows about one message per second per channel.
    minPostIntervalMs: 1000,
    port: () => port,
    connectionState: () => connection.connectionState(),
    async start(onCommand) {
      listen(onCommand);
      ({ port } = await connection.start());
      log.info({ mode: connection.mode, port }, 'slack.started');
    },
    async post(channel: ChannelRef, message: OutgoingMessage, postOptions: PostOptions): Promise<DeliveryReceipt> {
      const key = postOptions.idempotencyKey;
      // A resend after an unknown outcome: the first try may be in the channel already.
      if ((postOptions.attempt ?? 1) > 1) {
        const ts = await earlier.find(channel, key);
        if (ts !== null) {
          earlier.forget(key);
          return { remoteId: ts };
        }
      }
      earlier.noteAttempt(key);
      const rendered = renderSlackMessage(message);
      try {
        const result = await app.client.chat.postMessage({
          channel: channel.channel,
          text: rendered.text,
          blocks: rendered.blocks,
          attachments: rendered.attachments,
          unfurl_links: false,
          unfurl_media: false,
          // Marks which outbox entry a message came from, so a repeat can be recognised.
          metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { key } },
        });
        earlier.forget(key);
        return { remoteId: result.ts ?? null };
      } catch (error) {
        const de = toDeliveryError(error);
        const ctx = { scope: channel, key, code: de.code, error: slackErrorDetail(error) };
        if (de.code === 'channel_gone') log.warn(ctx, 'slack.channel_gone');
        else log.warn(ctx, 'slack.post_failed');
        throw de;
      }
    },
    async stop() {
      await connection.stop();
    },
  };
}

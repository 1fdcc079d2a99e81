// Raw gateway payloads shaped like the ones Discord sends, for the fake to dispatch.
import { snowflake } from './fake-discord.ts';

export const MANAGE_CHANNELS = 1n << 4n;
const VIEW_AND_SEND = (1n << 10n) | (1n << 11n);

export interface Where {
  readonly applicationId: string;
  /** Absent: a DM with the bot. */
  readonly guildId?: string;
  readonly channelId: string;
  readonly userId: string;
  /** Member permissions in the channel (guild only). */
  readonly permissions?: bigint;
}

export interface SentInteraction {
  readonly id: string;
  readonly token: string;
  readonly payload: Record<string, unknown>;
}

export type RawOption = {
  name: string;
  type: number;
  value?: string | number;
  focused?: boolean;
  options?: RawOption[];
};

export const opt = {
  sub: (name: string, options: RawOption[] = []): RawOption => ({ name, type: 1, options }),
  str: (name: string, value: string, focused = false): RawOption => ({
    name,
    type: 3,
    value,
    ...(focused ? { focused } : {}),
  }),
  num: (name: string, value: number): RawOption => ({ name, type: 10, value }),
};

function base(where: Where, type: number): SentInteraction {
  const id = snowflake();
  const token = `tok-${id}`;
  const user = {
    id: where.userId,
    username: `user${where.userId.slice(-3)}`,
    discriminator: '0',
    avatar: null,
    global_name: null,
  };
  const inGuild = where.guildId !== undefined;
  const payload: Record<string, unknown> = {
    id,
    token,
    type,
    application_id: where.applicationId,
    version: 1,
    locale: 'en-US',
    app_permissions: String(VIEW_AND_SEND | (1n << 14n)),
    entitlements: [],
    authorizing_integration_owners: inGuild ? { '0': where.guildId } : { '1': where.userId },
    context: inGuild ? 0 : 1,
    channel_id: where.channelId,
    channel: inGuild
      ? {
          id: where.channelId,
          type: 0,
          guild_id: where.guildId,
          name: 'markets',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
        }
      : { id: where.channelId, type: 1, recipients: [user], last_message_id: null, flags: 0 },
    ...(inGuild
      ? {
          guild_id: where.guildId,
          guild_locale: 'en-US',
          member: {
            user,
            roles: [],
            permissions: String(where.permissions ?? VIEW_AND_SEND),
            joined_at: '2024-01-01T00:00:00.000Z',
            deaf: false,
            mute: false,
            flags: 0,
            nick: null,
            avatar: null,
            premium_since: null,
            pending: false,
            communication_disabled_until: null,
          },
        }
      : { user }),
  };
  return { id, token, payload };
}

export function slashCommand(where: Where, name: string, options: RawOption[] = []): SentInteraction {
  const i = base(where, 2);
  i.payload['data'] = { id: snowflake(), name, type: 1, options };
  return i;
}

export function autocomplete(where: Where, name: string, options: RawOption[]): SentInteraction {
  const i = base(where, 4);
  i.payload['data'] = { id: snowflake(), name, type: 1, options };
  return i;
}

export function buttonPress(where: Where, customId: string, messageId: string): SentInteraction {
  const i = base(where, 3);
  i.payload['data'] = { custom_id: customId, component_type: 2 };
  i.payload['message'] = {
    id: messageId,
    channel_id: where.channelId,
    type: 0,
    content: '',
    author: {
      id: '900000000000000001',
      username: 'tickerbell',
      discriminator: '0',
      bot: true,
      avatar: null,
      global_name: null,
    },
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
  };
  return i;
}

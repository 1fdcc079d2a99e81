// OutgoingMessage -> a Discord embed with buttons. Discord refuses a whole message when one
// embed part is over its limit, so every part is cut to fit rather than risk a lost alert.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import { sentimentColor, type MessageAction, type OutgoingMessage } from '../../core/messages.ts';

/** Buttons carry their command in custom_id (100 chars at most) behind this prefix. */
export const ACTION_PREFIX = 'tb:';

const LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  total: 6000,
  buttons: 5,
};

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The one way any message text reaches a Discord embed (title, description, field names and
 * values): markdown, mention and masked-link syntax are backslash-escaped, and @everyone/@here are
 * broken with a zero-width space, so content can neither ping (allowed_mentions is empty as well)
 * nor show a mention, a channel link or a [label](url) link. A bare "<https://…>" (how core writes
 * a link) is left whole: it shows its own address.
 */
export function discordText(text: string): string {
  // split with a capture group: odd parts are the bare links, kept whole.
  return text
    .split(/(<https?:\/\/[^\s<>|]+>)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/[\\*_~`|[\]<]/g, (c) => `\\${c}`)
            // Quotes, headings and lists only start a line.
            .replace(/^(\s*)([>#-])/gm, '$1\\$2')
            .replace(/@(everyone|here)/gi, '@\u200b$1'),
    )
    .join('');
}

function colorInt(hex: string): number {
  return Number.parseInt(hex.replace(/^#/, ''), 16);
}

function safeUrl(url: string | null | undefined): string | undefined {
  if (url === null || url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** The body lines that the title and fields do not already say. */
function description(message: OutgoingMessage): string | undefined {
  if ((message.fields ?? []).length > 0) return undefined;
  const lines = message.text.split('\n');
  if (lines[0] === message.title) lines.shift();
  const body = lines.join('\n').trim();
  return body.length > 0 ? cut(discordText(body), LIMITS.description) : undefined;
}

export function renderEmbed(message: OutgoingMessage): APIEmbed {
  const title = cut(discordText(message.title.trim()) || 'tickerbell', LIMITS.title);
  const desc = description(message);
  const footer = message.footer === undefined ? undefined : cut(message.footer, LIMITS.footer);
  let budget = LIMITS.total - title.length - (desc?.length ?? 0) - (footer?.length ?? 0);
  const fields: APIEmbedField[] = [];
  for (const f of (message.fields ?? []).slice(0, LIMITS.fields)) {
    const name = cut(discordText(f.name.trim()) || '\u200b', LIMITS.fieldName);
    // Fields past the total budget are dropped; the first fields (sentiment, tickers) matter most.
    if (budget - name.length < 2) break;
    const value = cut(discordText(f.value.trim()) || '\u200b', Math.min(LIMITS.fieldValue, budget - name.length));
    budget -= name.length + value.length;
    fields.push({ name, value, ...(f.inline === true ? { inline: true } : {}) });
  }
  const url = safeUrl(message.url);
  return {
    title,
    color: colorInt(sentimentColor(message.sentiment)),
    ...(url !== undefined ? { url } : {}),
    ...(desc !== undefined ? { description: desc } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(footer !== undefined ? { footer: { text: footer } } : {}),
  };
}

function button(action: MessageAction): APIButtonComponentWithCustomId | null {
  const customId = `${ACTION_PREFIX}${action.command}`;
  if (customId.length > 100) return null;
  const style =
    action.style === 'danger'
      ? ButtonStyle.Danger
      : action.style === 'primary'
        ? ButtonStyle.Primary
        : ButtonStyle.Secondary;
  return { type: ComponentType.Button, custom_id: customId, label: cut(action.label, 80), style };
}

export function renderComponents(message: OutgoingMessage): APIActionRowComponent<APIButtonComponentWithCustomId>[] {
  const buttons = (message.actions ?? [])
    .map(button)
    .filter((b): b is APIButtonComponentWithCustomId => b !== null)
    .slice(0, LIMITS.buttons);
  return buttons.length === 0 ? [] : [{ type: ComponentType.ActionRow, components: buttons }];
}

/** The command a pressed button stands for, or null for a custom_id that is not ours. */
export function commandFromCustomId(customId: string): string | null {
  if (!customId.startsWith(ACTION_PREFIX)) return null;
  const command = customId.slice(ACTION_PREFIX.length).trim();
  return command.startsWith('/') ? command : null;
}

/** A picture uploaded with the message and shown inside its embed. */
export interface DiscordFile {
  readonly name: string;
  readonly data: Buffer;
  readonly description: string;
}

export interface DiscordMessageBody {
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly file: DiscordFile | null;
}

function fileFor(message: OutgoingMessage): DiscordFile | null {
  if (message.image === undefined) return null;
  const base = message.image.filename.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/\.png$/i, '') || 'chart';
  return {
    name: `${base.slice(0, 60)}.png`,
    data: Buffer.from(message.image.pngBase64, 'base64'),
    description: cut(message.image.alt, 1024),
  };
}

export function renderDiscordMessage(message: OutgoingMessage): DiscordMessageBody {
  const file = fileFor(message);
  const embed = renderEmbed(message);
  // attachment:// makes the uploaded picture the embed's own image, not a separate post.
  return {
    embeds: [file === null ? embed : { ...embed, image: { url: `attachment://${file.name}` } }],
    components: renderComponents(message),
    file,
  };
}

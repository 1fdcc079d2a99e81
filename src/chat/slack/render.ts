// OutgoingMessage -> Block Kit. The headline sits in top-level blocks so the top-level `text`
// stays a notification fallback only; the rest goes in one attachment, the only place Slack
// still draws a colour bar (the sentiment colour).
import type { types } from '@slack/bolt';
import { sentimentColor, type MessageField, type OutgoingMessage } from '../../core/messages.ts';

type KnownBlock = types.KnownBlock;

/** Buttons carry their command here; one action id per button, as Slack wants them unique per message. */
export const ACTION_PREFIX = 'tickerbell:cmd:';

export interface SlackAttachment {
  readonly color: string;
  readonly fallback: string;
  readonly blocks: KnownBlock[];
}

export interface SlackMessage {
  readonly text: string;
  readonly blocks: KnownBlock[];
  readonly attachments: SlackAttachment[];
}

// Slack's limits: 3000 characters in a section's text, 2000 in a field, 75 in a button label,
// 2000 in a button value, 10 fields per section.
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const LABEL_MAX = 75;
const TEXT_MAX = 3900;

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Escapes the three characters mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The one way any message text reaches Slack (text, fallback, fields, body, footer): everything
 * escaped, so no <!channel>, <@U…>, <#C…> or <target|label> can come from content. Two harmless
 * forms are then given back: a bare "<https://…>" (how core writes a link into plain text), which
 * shows its own address and so cannot be masked, and a capitalised usage placeholder ("<TICKER>"),
 * which is neither a mention nor a link label. Anything with a "|", "!", "@" or "#" stays text.
 */
export function slackText(text: string): string {
  return escapeMrkdwn(text).replace(
    /&lt;(https?:\/\/(?:[^\s|&]|&amp;)+?|[A-Z]{1,20})&gt;/g,
    (_m, inner: string) => `<${inner}>`,
  );
}

/** http(s) only; a "|" would end Slack's link target and let the URL choose the label. */
function safeUrl(url: string | null | undefined): string | null {
  return url !== null && url !== undefined && /^https?:\/\/\S+$/.test(url) ? url.replace(/\|/g, '%7C') : null;
}

function headline(message: OutgoingMessage): string {
  const url = safeUrl(message.url);
  // Inside the bot's own <url|label> the label is content: escaped, and no "|" of its own.
  const title = escapeMrkdwn(clip(message.title, 500)).replace(/\|/g, '¦');
  return url === null ? `*${title}*` : `*<${escapeMrkdwn(url)}|${title}>*`;
}

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, SECTION_MAX) },
});
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: clip(text, SECTION_MAX) }],
});

function fieldBlocks(fields: readonly MessageField[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let inline: MessageField[] = [];
  const flush = (): void => {
    for (let i = 0; i < inline.length; i += 10) {
      out.push({
        type: 'section',
        fields: inline.slice(i, i + 10).map((f) => ({
          type: 'mrkdwn' as const,
          text: clip(`*${slackText(f.name)}*\n${slackText(f.value)}`, FIELD_MAX),
        })),
      });
    }
    inline = [];
  };
  for (const f of fields) {
    if (f.inline === true) {
      inline.push(f);
      continue;
    }
    flush();
    // "Why" explains the match: quieter than the content fields.
    out.push(
      f.name === 'Why'
        ? context(`*Why:* ${slackText(f.value)}`)
        : section(`*${slackText(f.name)}*\n${slackText(f.value)}`),
    );
  }
  flush();
  return out;
}

/** The body for messages without fields: the text minus the title line it starts with. */
function bodyText(message: OutgoingMessage): string {
  const lines = message.text.split('\n');
  return (lines[0] === message.title ? lines.slice(1) : lines).join('\n').trim();
}

export function renderSlackMessage(message: OutgoingMessage): SlackMessage {
  // The notification text and the attachment's fallback are mrkdwn too: escaped like the blocks.
  const text = clip(slackText(message.text), TEXT_MAX);
  const top: KnownBlock[] = [section(headline(message))];
  const rest: KnownBlock[] = [];
  const fields = message.fields ?? [];
  if (fields.length > 0) {
    rest.push(...fieldBlocks(fields));
  } else {
    const body = bodyText(message);
    if (body !== '') rest.push(section(slackText(body)));
  }
  const actions = message.actions ?? [];
  if (actions.length > 0) {
    rest.push({
      type: 'actions',
      block_id: 'tickerbell-actions',
      elements: actions.slice(0, 25).map((a, i) => ({
        type: 'button' as const,
        action_id: `${ACTION_PREFIX}${i}`,
        text: { type: 'plain_text' as const, text: clip(a.label, LABEL_MAX) },
        value: clip(a.command, 2000),
        ...(a.style !== undefined ? { style: a.style } : {}),
      })),
    });
  }
  if (message.footer !== undefined && message.footer !== '') rest.push(context(slackText(message.footer)));
  // Alerts and summaries carry a sentiment colour and errors are red; plain replies need no bar.
  const coloured =
    message.kind === 'alert' ||
    message.kind === 'summary' ||
    message.kind === 'error' ||
    (message.sentiment ?? null) !== null;
  if (rest.length === 0 || !coloured) return { text, blocks: [...top, ...rest].slice(0, 50), attachments: [] };
  const color = message.kind === 'error' ? '#d63c3c' : sentimentColor(message.sentiment);
  return { text, blocks: top, attachments: [{ color, fallback: text, blocks: rest.slice(0, 49) }] };
}

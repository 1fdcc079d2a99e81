// Platform-neutral messages. Handlers build these; each chat platform only translates them
// (Block Kit, embeds, console text).
import type { CommandError } from './commands/grammar.ts';
import type { Sentiment, SentimentLabel } from './types.ts';

export interface MessageField {
  readonly name: string;
  readonly value: string;
  readonly inline?: boolean;
}

export interface MessageAction {
  /** What pressing it does, as a command in the shared grammar (e.g. "/watch remove BABA"). */
  readonly command: string;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
}

/** A picture sent with the message (the /summary chart). Base64 so the message stays plain JSON. */
export interface MessageImage {
  readonly pngBase64: string;
  readonly filename: string;
  /** Describes the picture for screen readers and text-only clients. */
  readonly alt: string;
  readonly width: number;
  readonly height: number;
}

export interface OutgoingMessage {
  readonly kind: 'alert' | 'summary' | 'reply' | 'error' | 'help' | 'notice';
  readonly title: string;
  readonly url?: string | null;
  /** The body, as plain text (also the notification fallback). */
  readonly text: string;
  readonly fields?: readonly MessageField[];
  /** Sets the colour where the platform has one. */
  readonly sentiment?: Sentiment | null;
  readonly footer?: string;
  readonly actions?: readonly MessageAction[];
  /** Attached where the platform can show images (Slack, Discord); the console prints text instead. */
  readonly image?: MessageImage;
  /** The ticker an alert is mainly about: cooldowns bundle per channel + topic. */
  readonly topic?: string;
  /** Only the person who asked should see it (where the platform can do that). */
  readonly ephemeral?: boolean;
}

const COLORS: Readonly<Record<SentimentLabel, string>> = {
  bearish: '#d63c3c',
  'somewhat-bearish': '#e8883a',
  neutral: '#9aa0a6',
  'somewhat-bullish': '#7cc36e',
  bullish: '#1f9d55',
};

export function sentimentColor(sentiment: Sentiment | null | undefined): string {
  return sentiment ? COLORS[sentiment.label] : '#4a90d9';
}

export function formatScore(score: number): string {
  const r = Math.round(score * 100) / 100;
  return `${r > 0 ? '+' : ''}${r.toFixed(2)}`;
}

export function formatSentiment(s: Sentiment): string {
  return `${s.label} (${formatScore(s.score)})`;
}

export function errorMessage(error: CommandError): OutgoingMessage {
  return {
    kind: 'error',
    title: error.message,
    text: `${error.message}\nTry: ${error.usage}`,
    fields: [{ name: 'Try', value: error.usage }],
    ephemeral: true,
  };
}

export function replyMessage(
  title: string,
  lines: readonly string[] = [],
  extra: Partial<OutgoingMessage> = {},
): OutgoingMessage {
  return { kind: 'reply', title, text: [title, ...lines].join('\n'), ephemeral: true, ...extra };
}

/** A time as every message shows it: minutes, in UTC, saying so. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// One follow-up message standing for many alerts: what a cooldown or quiet hours held back.
import { formatScore, type OutgoingMessage } from './messages.ts';

/** Lines listed in one bundle; the rest are counted (platforms cap a message's length). */
export const BUNDLE_LIST_LIMIT = 25;

function line(m: OutgoingMessage, withTopic: boolean): string {
  const score = m.sentiment ? `${formatScore(m.sentiment.score)} ` : '';
  const topic = withTopic && m.topic !== undefined ? `${m.topic} ` : '';
  return `• ${topic}${score}${m.title}${m.url ? ` <${m.url}>` : ''}`;
}

function lines(messages: readonly OutgoingMessage[], withTopic: boolean, more: string): string[] {
  const shown = messages.slice(0, BUNDLE_LIST_LIMIT).map((m) => line(m, withTopic));
  const rest = messages.length - shown.length;
  return rest > 0 ? [...shown, `…and ${rest} more (${more})`] : shown;
}

/** "3 more BABA stories: ..." after the cooldown that held them back. */
export function buildCooldownBundle(topic: string, messages: readonly OutgoingMessage[]): OutgoingMessage {
  const n = messages.length;
  const title = `${n} more ${topic} stor${n === 1 ? 'y' : 'ies'}:`;
  const body = lines(messages, false, `/summary ${topic} 24h`);
  return {
    kind: 'alert',
    topic,
    title,
    text: [title, ...body].join('\n'),
    fields: [{ name: 'Stories', value: body.join('\n') }],
    footer: `tickerbell: ${topic} alerts are bundled inside the cooldown (/watch add ${topic} cooldown 30m changes it)`,
    actions: [
      { command: `/watch mute ${topic} 2h`, label: `Mute ${topic} 2h` },
      { command: `/summary ${topic} 24h`, label: `${topic} summary` },
    ],
  };
}

/** Everything that arrived during a channel's quiet hours, in one message. */
export function buildQuietBundle(messages: readonly OutgoingMessage[], until: string): OutgoingMessage {
  const n = messages.length;
  const title = `${n} alert${n === 1 ? '' : 's'} from quiet hours (${until}):`;
  const body = lines(messages, true, '/summary <TICKER> 24h');
  return {
    kind: 'alert',
    title,
    text: [title, ...body].join('\n'),
    fields: [{ name: 'Stories', value: body.join('\n') }],
    footer: 'tickerbell: quiet hours are set with /quiet',
  };
}

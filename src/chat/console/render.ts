import type { OutgoingMessage } from '../../core/messages.ts';

/** Plain text for a terminal: the message's own text, framed so alerts stand out from replies. */
export function renderConsoleMessage(message: OutgoingMessage): string {
  if (message.kind === 'alert') {
    const rule = '─'.repeat(72);
    const actions = (message.actions ?? []).map((a) => `[${a.label}: ${a.command}]`).join('  ');
    return [rule, `ALERT  ${message.text}`, ...(actions ? [actions] : []), rule].join('\n');
  }
  if (message.kind === 'error') return `! ${message.text}`;
  return message.text;
}

// An alert still waiting in the outbox when a second feed carries the same story is rewritten to
// name every source; one already posted is left as it is (the chat message is not edited).
import type { OutgoingMessage } from '../messages.ts';

/** "Reuters · 2024-05-01 09:30 UTC" -> "Reuters, Yahoo Finance · 2024-05-01 09:30 UTC". */
export function withSources(message: OutgoingMessage, sources: readonly string[]): OutgoingMessage {
  const field = message.fields?.find((f) => f.name === 'Source' || f.name === 'Sources');
  if (field === undefined || sources.length === 0) return message;
  const sep = field.value.indexOf(' · ');
  const rest = sep === -1 ? '' : field.value.slice(sep);
  const value = `${sources.join(', ')}${rest}`;
  return {
    ...message,
    text: message.text.replace(field.value, value),
    fields: (message.fields ?? []).map((f) => (f === field ? { ...f, name: sources.length > 1 ? 'Sources' : 'Source', value } : f)),
  };
}

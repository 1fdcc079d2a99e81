// What may never reach a log line, a reply or a crash report: tokens, signing secrets, Authorization
// headers, token query parameters and the password in a URL. HTTP client errors (Axios from the
// Slack SDK, undici from discord.js) carry their whole request, headers included; they are reduced
// to method, URL, status and code before anything prints them.

const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, 'xox*-[redacted]'],
  [/\bxapp-[A-Za-z0-9-]+/g, 'xapp-[redacted]'],
  // Discord bot tokens: three base64url parts (user id, timestamp, HMAC).
  [/\b[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{5,7}\.[A-Za-z0-9_-]{25,}\b/g, '[redacted-token]'],
  [/\b(Bearer|Bot|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  [
    /([?&;\s"']|^)((?:token|access_token|refresh_token|client_secret|api_key|apikey|key|secret|password|signature|sig)=)[^&\s"']+/gim,
    '$1$2[redacted]',
  ],
];

/** A URL with its password shown as *** (the user name stays, so people can tell feeds apart). */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/i, (_m, scheme: string, auth: string) => {
    const colon = auth.indexOf(':');
    return `${scheme}${colon < 0 ? '***' : `${auth.slice(0, colon)}:***`}@`;
  });
}

/** Redacts known secrets (exact values given at start) and anything shaped like one. */
export function createRedactor(knownSecrets: readonly string[] = []): (text: string) => string {
  const known = knownSecrets.filter((s) => s.length >= 6).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join('[redacted]');
    for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
    // user:password@ in any URL inside the text.
    return out.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^/?#@\s:]+):([^/?#@\s]+)@/gi, '$1$2:***@');
  };
}

export const redactText = createRedactor();

/** An URL for a log: no password, no token-like query parameters. */
function safeUrl(value: unknown, redact: (s: string) => string): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const u = new URL(value);
    if (u.password !== '') u.password = '***';
    for (const key of [...u.searchParams.keys()])
      if (/token|secret|key|password|sig/i.test(key)) u.searchParams.set(key, '[redacted]');
    return redact(u.toString());
  } catch {
    return redact(value);
  }
}

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * An error as a log may carry it: its type, message, code, HTTP status, and the request's method
 * and URL (credentials and token parameters removed); for a wrapped error, the same of its cause.
 * Never the request's headers, body or config.
 */
export function safeError(
  error: unknown,
  redact: (s: string) => string = redactText,
  depth = 0,
): Record<string, unknown> {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null))
    return { message: redact(String(error)) };
  const e = error as Loose;
  const config = (typeof e['config'] === 'object' && e['config'] !== null ? e['config'] : {}) as Loose;
  const request = (typeof e['request'] === 'object' && e['request'] !== null ? e['request'] : {}) as Loose;
  const response = (typeof e['response'] === 'object' && e['response'] !== null ? e['response'] : {}) as Loose;
  const out: Record<string, unknown> = {
    type: error instanceof Error ? error.name : 'object',
    message: redact(str(e['message']) ?? ''),
  };
  const code = e['code'];
  if (typeof code === 'string' || typeof code === 'number') out['code'] = code;
  const status = num(e['status']) ?? num(e['statusCode']) ?? num(response['status']);
  if (status !== undefined) out['status'] = status;
  const method = str(config['method']) ?? str(request['method']) ?? str(e['method']);
  if (method !== undefined) out['method'] = method.toUpperCase();
  const url = safeUrl(str(config['url']) ?? str(request['url']) ?? str(e['url']), redact);
  if (url !== undefined) out['url'] = url;
  const slackError = (e['data'] as Loose | undefined)?.['error'];
  if (typeof slackError === 'string') out['slackError'] = slackError;
  if (error instanceof Error && typeof error.stack === 'string') {
    // Frames only: the first line repeats the message, which is already redacted above.
    out['stack'] = redact(error.stack.split('\n').slice(1, 8).join('\n'));
  }
  const cause = e['cause'] ?? e['original'];
  if (cause !== undefined && cause !== error && depth < 2) out['cause'] = safeError(cause, redact, depth + 1);
  return out;
}

/** Every string in a log object redacted and every error reduced (cycles and depth bounded). */
export function redactDeep(
  value: unknown,
  redact: (s: string) => string,
  depth = 0,
  seen = new WeakSet<object>(),
): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return safeError(value, redact);
  if (seen.has(value) || depth > 6) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, depth + 1, seen));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact, depth + 1, seen);
  return out;
}

// Requests as Slack sends them: form-encoded bodies signed with the app's signing secret
// (v0=HMAC-SHA256 of "v0:<timestamp>:<body>").
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Seconds since the epoch; default now. */
  readonly timestamp?: number;
  /** Sign with this secret instead (a forged request). */
  readonly secret?: string;
}

export interface SlackHttpResponse {
  readonly status: number;
  readonly text: string;
  json(): Record<string, unknown>;
}

export async function postSigned(
  url: string,
  secret: string,
  body: string,
  options: SignOptions = {},
): Promise<SlackHttpResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? secret, timestamp, body),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

export interface Who {
  readonly team: string;
  readonly channel: string;
  readonly user: string;
}

export function slashCommandBody(command: string, text: string, who: Who, responseUrl: string): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: who.team,
    team_domain: `team-${who.team.toLowerCase()}`,
    channel_id: who.channel,
    channel_name: 'markets',
    user_id: who.user,
    user_name: `user-${who.user.toLowerCase()}`,
    command,
    text,
    api_app_id: 'A0TICKERBELL',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

/** A button press on a message the bot posted (block_actions). */
export function buttonPressBody(
  button: { action_id: string; value: string; label: string },
  who: Who,
  responseUrl: string,
): string {
  const payload = {
    type: 'block_actions',
    api_app_id: 'A0TICKERBELL',
    token: 'legacy-verification-token',
    trigger_id: '1.2.4',
    team: { id: who.team, domain: `team-${who.team.toLowerCase()}` },
    user: { id: who.user, username: `user-${who.user.toLowerCase()}`, team_id: who.team },
    channel: { id: who.channel, name: 'markets' },
    container: { type: 'message', message_ts: '1700000001.000100', channel_id: who.channel, is_ephemeral: false },
    message: { type: 'message', ts: '1700000001.000100', text: 'alert' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.action_id,
        block_id: 'tickerbell-actions',
        text: { type: 'plain_text', text: button.label },
        value: button.value,
        action_ts: '1700000002.000200',
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';

describe('secrets never reach the log', () => {
  it('censors token-like fields wherever a log line carries them', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(s) });
    log.info(
      {
        token: 'xoxb-top',
        slack: { botToken: 'xoxb-nested', signingSecret: 'shh' },
        req: { headers: { authorization: 'Bot abc.def' } },
      },
      'x',
    );
    const out = lines.join('');
    expect(out).toContain('"msg":"x"');
    for (const secret of ['xoxb-top', 'xoxb-nested', 'shh', 'Bot abc.def']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('names bad variables without echoing their values', () => {
    const r = loadConfig({ SLACK_APP_TOKEN: 'xapp-very-secret', TICKERBELL_MIN_RELEVANCE: 'xoxb-oops' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.errors.join('\n');
    expect(text).toMatch(/SLACK_BOT_TOKEN/);
    expect(text).toMatch(/TICKERBELL_MIN_RELEVANCE/);
    expect(text).not.toContain('xapp-very-secret');
    expect(text).not.toContain('xoxb-oops');
  });
});

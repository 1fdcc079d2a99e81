import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSlackMessage } from '../../src/chat/slack/render.ts';
import { REPO_ROOT } from '../../src/config.ts';
import { COMMAND_FAMILIES, parseCommand } from '../../src/core/commands/parse.ts';
import { loadTickerUniverse } from '../../src/data/load.ts';

describe('Block Kit rendering', () => {
  it('escapes what Slack would read as markup and keeps links from core text clickable', () => {
    const out = renderSlackMessage({
      kind: 'summary',
      title: 'AT&T <beats> | estimates',
      url: 'https://news.test/a?x=1&y=2',
      text: 'plain fallback',
      fields: [{ name: 'Most positive', value: '+0.40 Q&A <b>bold</b> <https://news.test/q?a=1&b=2> (Wire)' }],
      sentiment: { score: 0.4, label: 'somewhat-bullish' },
    });
    expect(out.text).toBe('plain fallback');
    expect(out.blocks[0]).toMatchObject({
      text: { text: '*<https://news.test/a?x=1&amp;y=2|AT&amp;T &lt;beats&gt; ¦ estimates>*' },
    });
    const body = JSON.stringify(out.attachments[0]?.blocks);
    expect(body).toContain('Q&amp;A &lt;b&gt;bold&lt;/b&gt; <https://news.test/q?a=1&amp;b=2>');
    expect(out.attachments[0]?.color).toBe('#7cc36e');
  });

  it('never links a URL that is not http(s)', () => {
    const out = renderSlackMessage({ kind: 'alert', title: 'Story', url: 'javascript:alert(1)', text: 'Story' });
    expect(out.blocks[0]).toMatchObject({ text: { text: '*Story*' } });
  });
});

describe('slack-app-manifest.yml', () => {
  const manifest = readFileSync(join(REPO_ROOT, 'slack-app-manifest.yml'), 'utf8');
  const commands = [...manifest.matchAll(/^\s+- command: (\/[\w-]+)$/gm)].map((m) => m[1] as string);

  it('creates only commands the shared grammar understands, with the scopes the adapter uses and Socket Mode on', () => {
    expect(commands).toEqual(expect.arrayContaining(['/watch', '/summary', '/help']));
    const universe = loadTickerUniverse();
    for (const command of commands) {
      const parsed = parseCommand(`${command} list`, universe);
      expect(parsed.ok ? 'ok' : parsed.error.code, command).not.toBe('unknown_command');
    }
    for (const scope of ['commands', 'chat:write', 'users:read'])
      expect(manifest).toMatch(new RegExp(`^\\s+- ${scope}$`, 'm'));
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
  });

  it('lists every command family with the description and usage hint its spec gives, and each hint parses', () => {
    const entries = [...manifest.matchAll(/- command: (\/[\w-]+)\n\s+description: (.*)\n\s+usage_hint: (.*)\n/g)].map(
      (m) => ({
        command: m[1] as string,
        description: m[2] as string,
        usageHint: (m[3] as string).replace(/^"(.*)"$/, '$1'),
      }),
    );
    expect(entries.map((e) => e.command)).toEqual(commands);
    expect(entries).toEqual(COMMAND_FAMILIES.map((f) => ({ command: `/${f.name}`, ...f.slack })));
    const universe = loadTickerUniverse();
    for (const entry of entries.filter((e) => !e.usageHint.startsWith('['))) {
      for (const example of entry.usageHint.split(' | ')) {
        const parsed = parseCommand(`${entry.command} ${example}`, universe);
        expect(parsed.ok ? 'ok' : parsed.error.message, `${entry.command} ${example}`).toBe('ok');
      }
    }
  });
});

// The README is a front page that sends readers into docs/: every link to a file of the repo, and
// every #section of a markdown file, must lead somewhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config.ts';

const pages = [
  'README.md',
  'EVAL.md',
  'BENCHMARKS.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

/** The text outside code, where a link is a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of prose(markdown).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    out.add(
      (m[1] as string)
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return out;
}

function links(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] as string)
    .filter((t) => !/^[a-z][a-z+.-]*:/i.test(t));
}

describe('markdown links', () => {
  it('finds the pages it checks, and links in them', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/slack.md']));
    expect(links(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(10);
  });

  it.each(pages)('%s links only to files and sections that exist', (page) => {
    const from = join(REPO_ROOT, page);
    const broken: string[] = [];
    for (const target of links(readFileSync(from, 'utf8'))) {
      const [path = '', anchor] = target.split('#');
      const file = path === '' ? from : join(dirname(from), decodeURIComponent(path));
      if (!existsSync(file)) {
        broken.push(`${target} (no ${relative(REPO_ROOT, file)})`);
        continue;
      }
      if (anchor !== undefined && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(anchor)) {
        broken.push(`${target} (no section #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });
});

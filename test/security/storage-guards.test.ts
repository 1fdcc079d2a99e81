import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDb } from '../helpers.ts';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : name.endsWith('.ts') ? [full] : [];
  });
}

describe('what is stored', () => {
  let t: ReturnType<typeof tempDb>;
  beforeEach(() => {
    t = tempDb();
  });
  afterEach(() => t.cleanup());

  it('has no column that could hold a credential', () => {
    const tables = t.db.$client
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
      )
      .all() as Array<{ name: string }>;
    expect(tables.map((x) => x.name)).toEqual(
      expect.arrayContaining(['articles', 'article_tickers', 'watch_rules', 'outbox', 'deliveries']),
    );
    for (const { name } of tables) {
      const columns = t.db.$client.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as Array<{
        name: string;
      }>;
      for (const c of columns) expect(c.name).not.toMatch(/token|secret|password|credential|authorization/i);
    }
  });
});

describe('SQL only through parameterised queries', () => {
  it('builds no SQL from strings in the product code', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      // sql.raw and string-built statements are how injection gets in; drizzle's builders and sql`` bind values.
      if (/sql\.raw\(|\.(prepare|exec)\(\s*`[^`]*\$\{|\.(prepare|exec)\([^)`]*\+/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });
});

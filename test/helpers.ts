import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../src/app/ports/runtime.ts';
import { postMessage } from '../src/app/alert-message.ts';
import type { OutgoingMessage } from '../src/core/messages.ts';
import { readQueued } from '../src/storage/outbox-store.ts';
import { openDatabase, closeDatabase, type Db } from '../src/storage/db.ts';

/** A temp directory removed by the returned cleanup. */
export function tempDir(prefix = 'tickerbell-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real SQLite file with the real migrations applied. */
export function tempDb(): { db: Db; file: string; dir: string; cleanup: () => void } {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'test.db');
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      closeDatabase(db);
      cleanup();
    },
  };
}

export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string;
}

export function recordingLogger(): Logger & { records: LogRecord[]; messages(): string[] } {
  const records: LogRecord[] = [];
  const at = (level: LogRecord['level']) => (obj: object, msg: string) => {
    records.push({ level, obj, msg });
  };
  return {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    messages: () => records.map((r) => r.msg),
  };
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2026-03-02T12:00:00Z')): {
  now: () => Date;
  advance(ms: number): void;
  set(d: Date): void;
} {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}

/** Every outbox row with the message it would be sent with now, oldest first. */
export function readOutbox(db: Db): Array<{ id: number; status: string; message: OutgoingMessage }> {
  return readQueued(db).map((r) => ({ id: r.id, status: r.status, message: postMessage(r.post) }));
}

/** The SQLite database of an app composed without TICKERBELL_DATABASE_URL. */
export function sqliteOf(app: { readonly db: Db | null }): Db {
  if (app.db === null) throw new Error('this app runs on PostgreSQL, not SQLite');
  return app.db;
}

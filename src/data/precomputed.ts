// Start-up data derived once by the build instead of at every start: any value made only of data
// (maps, sets, typed arrays, plain records, regular expressions, no functions), stored with
// v8.serialize and read back with one v8.deserialize. Each file records the V8 version and a hash of
// the input files it was derived from; a file that is missing, unreadable or made from other inputs
// reads as null, and the caller derives the value as before.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';

const FORMAT = 'tickerbell-precomputed-1';

interface Stored {
  readonly format: string;
  readonly v8: string;
  readonly inputs: string;
  readonly value: unknown;
}

/** A hash of the files' contents (in order). */
export function inputsHash(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = readFileSync(file);
    hash.update(`${bytes.length}\n`).update(bytes);
  }
  return hash.digest('hex');
}

/** Writes `value`, derived from `inputs`, to `file` (whole or not at all: a reader never sees half a file). */
export function writePrecomputed(file: string, inputs: readonly string[], value: unknown): void {
  const stored: Stored = { format: FORMAT, v8: process.versions.v8, inputs: inputsHash(inputs), value };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, serialize(stored));
  renameSync(tmp, file);
}

/** The value stored in `file` when it was derived from these inputs as they are now; else null. */
export function readPrecomputed(file: string, inputs: readonly string[]): unknown {
  let stored: Partial<Stored>;
  try {
    stored = deserialize(readFileSync(file)) as Partial<Stored>;
  } catch {
    return null;
  }
  if (stored === null || typeof stored !== 'object') return null;
  if (stored.format !== FORMAT || stored.v8 !== process.versions.v8) return null;
  try {
    if (stored.inputs !== inputsHash(inputs)) return null;
  } catch {
    return null;
  }
  return stored.value ?? null;
}

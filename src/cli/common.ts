// Small helpers every CLI command shares. Nothing heavy is imported here: `help` loads this file only.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Config } from '../config.ts';

export class UsageError extends Error {}

export function parseFlags(
  args: readonly string[],
  allowed: readonly string[],
): { flags: Set<string>; rest: string[] } {
  const flags = new Set<string>();
  const rest: string[] = [];
  for (const a of args) {
    if (a === '--') continue;
    if (a.startsWith('--')) {
      if (!allowed.includes(a)) throw new UsageError(`unknown option ${a}`);
      flags.add(a);
    } else rest.push(a);
  }
  return { flags, rest };
}

export async function configOrExit(env: NodeJS.ProcessEnv): Promise<Config> {
  const { loadConfig } = await import('../config.ts');
  const result = loadConfig(env);
  if (!result.ok) {
    process.stderr.write(`tickerbell: bad configuration:\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
    process.exit(2);
  }
  return result.config;
}

export async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/tickerbell', import.meta.url));
export const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/tickerbell as a real process with the given stdin and environment additions. */
export function runCli(
  args: readonly string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, TICKERBELL_LOG_LEVEL: 'info', ...options.env };
    // Chat credentials from the developer's shell must not leak into a test run.
    for (const k of Object.keys(env))
      if (/^(SLACK|DISCORD)_/.test(k) && !(options.env && k in options.env)) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export interface LiveCli {
  /** Resolves with stdout so far once it matches, or rejects after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The same for stderr (the JSON log). */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<string>;
  send(line: string): void;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  output(): { stdout: string; stderr: string };
}

/** Starts bin/tickerbell and keeps it running, for tests of the long-running bot. */
export function startCli(args: readonly string[], options: { env?: Record<string, string> } = {}): LiveCli {
  const env: Record<string, string | undefined> = { ...process.env, TICKERBELL_LOG_LEVEL: 'info', ...options.env };
  for (const k of Object.keys(env))
    if (/^(SLACK|DISCORD)_/.test(k) && !(options.env && k in options.env)) delete env[k];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const poke = () => waiters.splice(0).forEach((w) => w());
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    poke();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    poke();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const waitOn = (text: () => string, pattern: RegExp, timeoutMs = 15_000): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}\nstdout:\n${stdout}\nstderr:\n${stderr}`)),
        timeoutMs,
      );
      const check = (): void => {
        if (pattern.test(text())) {
          clearTimeout(timer);
          resolve(text());
        } else waiters.push(check);
      };
      check();
    });
  return {
    waitFor: (pattern, timeoutMs) => waitOn(() => stdout, pattern, timeoutMs),
    waitForLog: (pattern, timeoutMs) => waitOn(() => stderr, pattern, timeoutMs),
    send(line) {
      child.stdin.write(`${line}\n`);
    },
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
    output: () => ({ stdout, stderr }),
  };
}

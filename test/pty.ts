// Runs bin/tickerbell on a real pseudo-terminal through util-linux `script`, so readline sees a TTY
// exactly as it does for a user (raw mode: Ctrl-C arrives as a key, not a signal).
import { spawn } from 'node:child_process';
import { BIN, REPO } from './run-cli.ts';

export interface PtyCli {
  /** Resolves with the terminal output so far once it matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Bytes as typed on the keyboard ("\x03" is Ctrl-C, "\x04" Ctrl-D). */
  type(keys: string): void;
  readonly exited: Promise<number | null>;
  kill(): void;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function startOnPty(args: readonly string[], env: Record<string, string>): PtyCli {
  // exec: the bot replaces script's shell. Where that shell is dash, it would otherwise stay as the
  // bot's parent and die of the terminal's SIGINT itself (exit 130) while the bot stops cleanly.
  const command = `exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    TICKERBELL_LOG_LEVEL: 'info',
    TERM: 'xterm',
    ...env,
  };
  for (const k of Object.keys(childEnv)) if (/^(SLACK|DISCORD)_/.test(k)) delete childEnv[k];
  // -e: exit with the child's status; the typescript file is /dev/null (only the live output matters).
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    cwd: REPO,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    screen += d;
    waiters.splice(0).forEach((w) => w());
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    screen += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    waitFor: (pattern, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}\nterminal:\n${screen}`)),
          timeoutMs,
        );
        const check = (): void => {
          if (pattern.test(screen)) {
            clearTimeout(timer);
            resolve(screen);
          } else waiters.push(check);
        };
        check();
      }),
    type: (keys) => {
      child.stdin.write(keys);
    },
    exited,
    kill: () => {
      child.kill('SIGKILL');
    },
  };
}

import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatPlatform, CommandHandler, DeliveryReceipt } from '../../app/ports/chat.ts';
import type { Logger } from '../../app/ports/runtime.ts';
import type { OutgoingMessage } from '../../core/messages.ts';
import type { ChannelRef } from '../../core/types.ts';
import { renderConsoleMessage } from './render.ts';

/** The console has one channel: the terminal. */
export const CONSOLE_SCOPE: ChannelRef = { platform: 'console', workspace: 'local', channel: 'console' };

export interface ConsolePlatformOptions {
  readonly input: Readable;
  readonly output: Writable;
  readonly log: Logger;
  /** Show a prompt (stdin is a terminal). */
  readonly interactive: boolean;
  /**
   * Ctrl-C at the prompt. On a terminal readline reads Ctrl-C as a key, not a signal, and with no
   * listener it only pauses input; the caller stops the bot the way SIGINT would.
   */
  readonly onInterrupt?: () => void;
  /** Said once at the prompt: where the log lines go while the terminal shows the prompt. */
  readonly logNotice?: string;
}

export interface ConsolePlatform extends ChatPlatform {
  /** Resolves when stdin has ended and every command read from it has been answered. */
  readonly inputDone: Promise<void>;
}

export function createConsolePlatform(options: ConsolePlatformOptions): ConsolePlatform {
  const { input, output, log, interactive } = options;
  let rl: Interface | null = null;
  let posted = 0;
  let stopping = false;
  let closed = false;
  let markDone: () => void = () => undefined;
  const inputDone = new Promise<void>((resolve) => {
    markDone = resolve;
  });
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };
  /** Text that arrives on its own (an alert): written over the prompt line, then the prompt and what was being typed come back. */
  const writeAside = (text: string): void => {
    if (!interactive || rl === null || stopping || closed) {
      write(text);
      return;
    }
    clearLine(output, 0);
    cursorTo(output, 0);
    write(text);
    rl.prompt(true);
  };

  return {
    name: 'console',
    inputDone,
    start(onCommand: CommandHandler) {
      rl = createInterface({ input, terminal: interactive, ...(interactive ? { output } : {}) });
      if (interactive) {
        rl.setPrompt('tickerbell> ');
        write('tickerbell console. Type /help for commands; Ctrl-C stops the bot.');
        if (options.logNotice !== undefined) write(options.logNotice);
        rl.prompt();
        rl.on('SIGINT', () => {
          if (options.onInterrupt === undefined) rl?.close();
          else options.onInterrupt();
        });
      }
      // Commands are answered strictly in the order typed.
      let chain = Promise.resolve();
      rl.on('line', (line) => {
        const text = line.trim();
        if (text === '' || text.startsWith('#')) {
          if (interactive) rl?.prompt();
          return;
        }
        chain = chain.then(async () => {
          try {
            const reply = await onCommand({
              text,
              scope: CONSOLE_SCOPE,
              user: { id: 'console', name: 'console', canManage: true },
            });
            write(renderConsoleMessage(reply));
          } catch (error) {
            log.error({ err: error }, 'console.command_failed');
            write('! Something went wrong; see the log.');
          }
          if (interactive && !stopping && !closed) rl?.prompt();
        });
      });
      rl.on('close', () => {
        closed = true;
        // Ctrl-D ends the commands, not the bot: say so, or the user waits for an exit that never comes.
        if (interactive && !stopping)
          write('\nNo more commands will be read; the bot keeps running and posting alerts here. Ctrl-C stops it.');
        void chain.then(markDone);
      });
      return Promise.resolve();
    },
    post(_channel: ChannelRef, message: OutgoingMessage): Promise<DeliveryReceipt> {
      writeAside(renderConsoleMessage(message));
      posted += 1;
      return Promise.resolve({ remoteId: `console-${posted}` });
    },
    stop() {
      stopping = true;
      rl?.close();
      return Promise.resolve();
    },
  };
}

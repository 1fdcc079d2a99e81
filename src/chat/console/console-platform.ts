import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatPlatform, CommandHandler, DeliveryReceipt, Logger } from '../../app/ports.ts';
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
}

export interface ConsolePlatform extends ChatPlatform {
  /** Resolves when stdin has ended and every command read from it has been answered. */
  readonly inputDone: Promise<void>;
}

export function createConsolePlatform(options: ConsolePlatformOptions): ConsolePlatform {
  const { input, output, log, interactive } = options;
  let rl: Interface | null = null;
  let posted = 0;
  let markDone: () => void = () => undefined;
  const inputDone = new Promise<void>((resolve) => {
    markDone = resolve;
  });
  const write = (text: string): void => {
    output.write(`${text}\n`);
  };

  return {
    name: 'console',
    inputDone,
    start(onCommand: CommandHandler) {
      rl = createInterface({ input, terminal: interactive, ...(interactive ? { output } : {}) });
      if (interactive) {
        rl.setPrompt('tickerbell> ');
        write('tickerbell console. Type /help for commands, Ctrl-D to stop reading commands.');
        rl.prompt();
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
            const reply = await onCommand({ text, scope: CONSOLE_SCOPE, user: { id: 'console', name: 'console', canManage: true } });
            write(renderConsoleMessage(reply));
          } catch (error) {
            log.error({ err: error }, 'console.command_failed');
            write('! Something went wrong; see the log.');
          }
          if (interactive) rl?.prompt();
        });
      });
      rl.on('close', () => {
        void chain.then(markDone);
      });
      return Promise.resolve();
    },
    post(_channel: ChannelRef, message: OutgoingMessage): Promise<DeliveryReceipt> {
      write(renderConsoleMessage(message));
      posted += 1;
      return Promise.resolve({ remoteId: `console-${posted}` });
    },
    stop() {
      rl?.close();
      return Promise.resolve();
    },
  };
}

import { DeliveryError } from '../src/app/errors.ts';
import type { ChatPlatform, CommandHandler, DeliveryReceipt } from '../src/app/ports/chat.ts';
import type { OutgoingMessage } from '../src/core/messages.ts';
import type { ChannelRef } from '../src/core/types.ts';

export interface RecordedPost {
  channel: ChannelRef;
  message: OutgoingMessage;
  idempotencyKey: string;
}

/** A chat platform that records what it is asked to post and fails when told to. */
export function recordingPlatform(name = 'console'): ChatPlatform & {
  posts: RecordedPost[];
  failNext: DeliveryError[];
  handler: CommandHandler | null;
} {
  const posts: RecordedPost[] = [];
  const failNext: DeliveryError[] = [];
  const platform = {
    name,
    posts,
    failNext,
    handler: null as CommandHandler | null,
    start(onCommand: CommandHandler) {
      platform.handler = onCommand;
      return Promise.resolve();
    },
    post(channel: ChannelRef, message: OutgoingMessage, options: { idempotencyKey: string }): Promise<DeliveryReceipt> {
      const failure = failNext.shift();
      if (failure) return Promise.reject(failure);
      posts.push({ channel, message, idempotencyKey: options.idempotencyKey });
      return Promise.resolve({ remoteId: `m${posts.length}` });
    },
    stop: () => Promise.resolve(),
  };
  return platform;
}

export { DeliveryError };

// What a chat platform (Slack, Discord, the console) implements for the use cases.
import type { OutgoingMessage } from '../../core/messages.ts';
import type { ChannelRef } from '../../core/types.ts';

export interface CommandUser {
  readonly id: string;
  readonly name?: string;
  /** May change this channel's watchlist (the platform decides: admin, Manage Channels, ...). */
  readonly canManage: boolean;
}

export interface IncomingCommand {
  /** The command in the shared grammar, e.g. "/watch add BABA below -0.3". */
  readonly text: string;
  readonly scope: ChannelRef;
  readonly user: CommandUser;
}

export type CommandHandler = (command: IncomingCommand) => Promise<OutgoingMessage>;

export interface DeliveryReceipt {
  /** The platform's id for the posted message (Slack ts, Discord message id), when it has one. */
  readonly remoteId: string | null;
}

export interface PostOptions {
  /** Stable per alert: platforms that support idempotent sends use it to drop a repeat. */
  readonly idempotencyKey: string;
  /**
   * 1 for a first try. More means an earlier try may have reached the platform without us hearing
   * back (timeout, reset, a crash before it was marked sent): a platform without idempotent sends
   * looks for that copy before posting again.
   */
  readonly attempt?: number;
}

export interface ChatPlatform {
  readonly name: string;
  /** Least time between two posts to one channel (Slack asks for about 1 s); the dispatcher waits, never drops. */
  readonly minPostIntervalMs?: number;
  start(onCommand: CommandHandler): Promise<void>;
  /** Throws DeliveryError when the message was not delivered. */
  post(channel: ChannelRef, message: OutgoingMessage, options: PostOptions): Promise<DeliveryReceipt>;
  stop(): Promise<void>;
  /** The live link to the chat service where there is one to lose (a socket, a gateway), read by /healthz. */
  connectionState?(): ConnectionState;
}

/** `reconnecting`: the library is trying to get the link back; `disconnected`: it has given up or was stopped. */
export type ConnectionState = 'connected' | 'reconnecting' | 'disconnected';

/** Posts a one-off notice (not an article alert) to a channel; failures are the caller's to log. */
export type NoticePoster = (channel: ChannelRef, message: OutgoingMessage) => Promise<void>;

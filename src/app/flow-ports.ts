// Ports for digests, quiet hours, cooldown windows and shift baselines (kept apart from
// ports.ts so the alert-flow features read as one piece).
import type { OutgoingMessage } from '../core/messages.ts';
import type { DigestSchedule } from '../core/schedule/digest-schedule.ts';
import type { QuietHours } from '../core/schedule/quiet-hours.ts';
import type { ChannelRef } from '../core/types.ts';
import type { OutboxStore } from './ports.ts';

export interface DigestRecord extends DigestSchedule {
  readonly id: number;
  readonly scope: ChannelRef;
  readonly lastRunAt: Date | null;
}

export interface DigestStore {
  /** One digest per channel: setting it again replaces the schedule. */
  set(scope: ChannelRef, schedule: DigestSchedule, createdBy: string | null, now: Date): DigestRecord;
  remove(scope: ChannelRef): boolean;
  get(scope: ChannelRef): DigestRecord | null;
  byId(id: number): DigestRecord | null;
  all(): DigestRecord[];
  markRun(id: number, slot: Date): void;
}

export interface QuietHoursStore {
  set(scope: ChannelRef, quiet: QuietHours, now: Date): void;
  remove(scope: ChannelRef): boolean;
  get(scope: ChannelRef): QuietHours | null;
}

export interface AlertWindow {
  readonly openedAt: Date;
  /** Messages posted inside the window (single alerts and bundles). */
  readonly sent: number;
}

export interface AlertWindowStore {
  get(scope: ChannelRef, symbol: string): AlertWindow | null;
  put(scope: ChannelRef, symbol: string, window: AlertWindow): void;
}

export interface ShiftBaselineStore {
  set(ruleId: number, baseline: number): void;
}

export type DeferReason = 'cooldown' | 'quiet';

/** The outbox with what flood control and digests need on top of the foundation's contract. */
export interface FlowOutbox extends OutboxStore {
  /** Queues a post about no single story; false when one with this key is already queued. */
  enqueue(scope: ChannelRef, message: OutgoingMessage, dedupeKey: string, now: Date): boolean;
  /** A claimed entry waits (not a failed attempt) and joins the bundle sent at `until`. */
  defer(id: number, reason: DeferReason, until: Date): void;
  /** Which of these claimed entries were deferred before (they go out in a bundle). */
  deferredReasons(ids: readonly number[]): ReadonlyMap<number, DeferReason>;
}

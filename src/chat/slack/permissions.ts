// Who may change a channel's watchlist. By default anyone in the channel; with admin-only set,
// workspace admins and owners (users.info), cached briefly so a busy channel is not one
// users.info call per command.
import type { Clock, Logger } from '../../app/ports/runtime.ts';
import { slackErrorDetail } from './errors.ts';

export interface UsersInfoClient {
  users: {
    info(args: {
      user: string;
    }): Promise<{ user?: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } }>;
  };
}

export type CanManage = (teamId: string, userId: string) => Promise<boolean>;

const CACHE_MS = 5 * 60_000;

export function createCanManage(deps: {
  readonly client: UsersInfoClient;
  readonly adminOnly: boolean;
  readonly log: Logger;
  readonly clock: Clock;
}): CanManage {
  const { client, adminOnly, log, clock } = deps;
  const cache = new Map<string, { readonly allowed: boolean; readonly at: number }>();
  return async (teamId, userId) => {
    if (!adminOnly) return true;
    const key = `${teamId}\u0000${userId}`;
    const now = clock().getTime();
    const hit = cache.get(key);
    if (hit !== undefined && now - hit.at < CACHE_MS) return hit.allowed;
    try {
      const { user } = await client.users.info({ user: userId });
      const allowed = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
      cache.set(key, { allowed, at: now });
      return allowed;
    } catch (error) {
      // Fail closed: without an answer we cannot tell an admin from anyone else.
      log.warn({ team: teamId, user: userId, error: slackErrorDetail(error) }, 'slack.users_info_failed');
      return false;
    }
  };
}

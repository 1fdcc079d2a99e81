// One schema over the environment. loadConfig lists every bad variable at once, so a
// misconfigured deployment is fixed in one go. .env.example documents each variable.
import { join } from 'node:path';
import { validate as validateCron } from 'node-cron';
// Named imports, not the `z` namespace: the bundle then leaves out what the schema does not use
// (zod's 60-odd locales among it), a third of the code a start would parse.
import { enum as oneOf, object, string, type infer as Infer } from 'zod';
import { canonicalTimeZone } from './core/calendar/zoned-time.ts';
import { feedUrl } from './core/commands/feed.ts';
import { PACKAGE_ROOT } from './paths.ts';

export const REPO_ROOT = PACKAGE_ROOT;
export const DEFAULT_SEEDS_DIR = join(PACKAGE_ROOT, 'seeds');
const DEFAULT_TIMEZONE = 'America/New_York';

const optionalString = string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s === undefined || s === '' ? undefined : s));

/** "90m", "24h", "7d" as minutes; NaN when it is none of those. */
function parseDurationMinutes(s: string): number {
  const m = /^(\d{1,6})([mhd])$/.exec(s);
  if (m === null) return NaN;
  return Number(m[1]) * (m[2] === 'd' ? 24 * 60 : m[2] === 'h' ? 60 : 1);
}

const EnvSchema = object({
  TICKERBELL_DB: optionalString.transform((s) => s ?? './data/tickerbell.db'),
  TICKERBELL_DATABASE_URL: optionalString.refine((s) => s === undefined || /^postgres(ql)?:\/\/\S+$/.test(s), {
    message: 'must be a PostgreSQL URL like postgres://user@host:5432/tickerbell',
  }),
  TICKERBELL_DB_POOL_SIZE: optionalString
    .transform((s) => (s === undefined ? 10 : Number(s)))
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 1000, { message: 'must be a whole number from 1 to 1000' }),
  TICKERBELL_DB_STATEMENT_TIMEOUT: optionalString
    .transform((s) => (s === undefined ? 30 : /^\d{1,5}s$/.test(s) ? Number(s.slice(0, -1)) : NaN))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 3600, {
      message: 'must be a duration in seconds like 30s (0s: no limit, at most 3600s)',
    }),
  TICKERBELL_SOURCES: optionalString,
  TICKERBELL_POLL_CRON: optionalString
    .transform((s) => s ?? '*/5 * * * *')
    .refine((s) => validateCron(s), {
      message: 'is not a valid cron expression (five fields, or six with seconds first)',
    }),
  TICKERBELL_MIN_RELEVANCE: optionalString
    .transform((s) => (s === undefined ? 0.3 : Number(s)))
    .refine((n) => Number.isFinite(n) && n >= 0 && n <= 1, { message: 'must be a number from 0 to 1' }),
  TICKERBELL_ALLOW_PRIVATE_FEEDS: optionalString
    .refine((s) => s === undefined || /^(true|false|1|0|yes|no)$/i.test(s), { message: 'must be true or false' })
    .transform((s) => s !== undefined && /^(true|1|yes)$/i.test(s)),
  TICKERBELL_MAX_FEEDS_PER_WORKSPACE: optionalString
    .transform((s) => (s === undefined ? 100 : Number(s)))
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 10_000, { message: 'must be a whole number from 1 to 10000' }),
  TICKERBELL_ALERT_COOLDOWN: optionalString
    .transform((s) =>
      s === undefined
        ? 30
        : /^\d{1,4}m$/.test(s)
          ? Number(s.slice(0, -1))
          : /^\d{1,2}h$/.test(s)
            ? Number(s.slice(0, -1)) * 60
            : NaN,
    )
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 1440, {
      message: 'must be a duration like 30m or 2h (0m turns bundling off, at most 24h)',
    }),
  TICKERBELL_MAX_STORY_AGE: optionalString
    .transform((s) => (s === undefined ? 24 * 60 : /^off$/i.test(s) ? null : parseDurationMinutes(s)))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 1 && n <= 365 * 24 * 60), {
      message: 'must be a duration like 24h, 90m or 7d (at most 365d), or off',
    }),
  TICKERBELL_ALERT_BURST: optionalString
    .transform((s) => (s === undefined ? 5 : Number(s)))
    .refine((n) => Number.isInteger(n) && n >= 1 && n <= 50, { message: 'must be a whole number from 1 to 50' }),
  // Canonical spelling, or null when not a zone; unset, the default without asking Intl (its time
  // zone data costs a start ~25 ms the first time).
  TICKERBELL_TIMEZONE: optionalString
    .transform((s) => (s === undefined ? DEFAULT_TIMEZONE : canonicalTimeZone(s)))
    .refine((s) => s !== null, {
      message: 'is not an IANA time zone (like America/New_York, Europe/London or UTC)',
    }),
  TICKERBELL_METRICS_PORT: optionalString
    .transform((s) => (s === undefined ? null : Number(s)))
    .refine((n) => n === null || (Number.isInteger(n) && n >= 0 && n <= 65535), {
      message: 'must be a port number (0-65535)',
    }),
  TICKERBELL_METRICS_HOST: optionalString.transform((s) => s ?? '127.0.0.1'),
  TICKERBELL_LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString.refine((s) => s === undefined || /^https?:\/\/\S+$/.test(s), {
    message: 'must be an http(s) URL like https://slack.com/api/',
  }),
  SLACK_ADMIN_ONLY: optionalString
    .refine((s) => s === undefined || /^(true|false|1|0|yes|no)$/i.test(s), { message: 'must be true or false' })
    .transform((s) => s !== undefined && /^(true|1|yes)$/i.test(s)),
  PORT: optionalString
    .transform((s) => (s === undefined ? 3000 : Number(s)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 65535, { message: 'must be a port number (0-65535)' }),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_GUILD_ID: optionalString.refine((s) => s === undefined || /^\d{15,22}$/.test(s), {
    message: 'must be a server ID (digits; Developer Mode, right-click the server, Copy Server ID)',
  }),
  DISCORD_API_URL: optionalString.refine((s) => s === undefined || /^https?:\/\/\S+$/.test(s), {
    message: 'must be an http(s) URL like https://discord.com/api',
  }),
});

export interface DatabaseConfig {
  /** PostgreSQL connection URL (it may hold a password: never logged). */
  readonly url: string;
  readonly poolSize: number;
  /** 0: no limit. */
  readonly statementTimeoutMs: number;
}

export interface Config {
  /** SQLite file, used when `database` is absent. */
  readonly dbFile: string;
  /** PostgreSQL instead of SQLite (TICKERBELL_DATABASE_URL). */
  readonly database?: DatabaseConfig;
  /** Files and directories to read articles from. */
  readonly sources: readonly string[];
  /** http(s) entries of TICKERBELL_SOURCES: live RSS/Atom feeds, polled on pollCron. */
  readonly feedUrls: readonly string[];
  /** Lets feeds reach loopback and private addresses (tests, intranets); off by default (SSRF guard). */
  readonly allowPrivateFeeds: boolean;
  /** Feeds one workspace may follow (those from TICKERBELL_SOURCES not counted). */
  readonly maxFeedsPerWorkspace: number;
  readonly pollCron: string;
  readonly defaultMinRelevance: number;
  /** Alerts per channel + ticker inside this many minutes of the last ones are bundled (0: never). */
  readonly alertCooldownMinutes: number;
  /** A story first seen more than this long after its published time is stored but not alerted (null: no limit). */
  readonly maxStoryAgeMs: number | null;
  /** Single alerts a cooldown lets through before it bundles. */
  readonly alertBurst: number;
  /** Digests and quiet hours use it when a command names no zone. */
  readonly timezone: string;
  /** GET /healthz and /metrics listen here (null: off; 0: any free port, logged as metrics.listening). */
  readonly metricsPort: number | null;
  readonly metricsHost: string;
  readonly logLevel: Infer<typeof EnvSchema>['TICKERBELL_LOG_LEVEL'];
  readonly slack: {
    readonly botToken: string;
    readonly appToken?: string;
    readonly signingSecret?: string;
    /** Web API base URL (GovSlack, or a local fake in tests). */
    readonly apiUrl?: string;
    /** Only workspace admins and owners may change a channel's watchlist. */
    readonly adminOnly: boolean;
    /** HTTP mode listens here (PORT). */
    readonly port: number;
  } | null;
  readonly discord: {
    readonly token: string;
    readonly applicationId: string;
    /** Commands go to this server only (instant); globally when absent. */
    readonly guildId?: string;
    /** REST API base (a local fake in tests); the gateway URL comes from its /gateway/bot. */
    readonly apiUrl?: string;
  } | null;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Variables that only make sense together; checked on the raw values so they are reported with any others. */
function pairingErrors(env: Readonly<Record<string, string | undefined>>): string[] {
  const has = (k: string): boolean => (env[k] ?? '').trim() !== '';
  const errors: string[] = [];
  if (has('SLACK_BOT_TOKEN') || has('SLACK_APP_TOKEN') || has('SLACK_SIGNING_SECRET')) {
    if (!has('SLACK_BOT_TOKEN'))
      errors.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
    if (!has('SLACK_APP_TOKEN') && !has('SLACK_SIGNING_SECRET')) {
      errors.push(
        'SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is required with SLACK_BOT_TOKEN (Socket Mode or HTTP mode)',
      );
    }
  }
  if (has('DISCORD_TOKEN') !== has('DISCORD_APPLICATION_ID'))
    errors.push('DISCORD_TOKEN and DISCORD_APPLICATION_ID: set both or neither');
  return errors;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const errors = pairingErrors(env);
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // Messages name the variable and the rule, never the value (it may be a secret).
    return { ok: false, errors: [...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), ...errors] };
  }
  if (errors.length > 0) return { ok: false, errors };
  const e = parsed.data;
  let slack: Config['slack'] = null;
  if (e.SLACK_BOT_TOKEN !== undefined) {
    slack = {
      botToken: e.SLACK_BOT_TOKEN,
      ...(e.SLACK_APP_TOKEN !== undefined ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_SIGNING_SECRET !== undefined ? { signingSecret: e.SLACK_SIGNING_SECRET } : {}),
      ...(e.SLACK_API_URL !== undefined ? { apiUrl: e.SLACK_API_URL } : {}),
      adminOnly: e.SLACK_ADMIN_ONLY,
      port: e.PORT,
    };
  }
  let discord: Config['discord'] = null;
  if (e.DISCORD_TOKEN !== undefined && e.DISCORD_APPLICATION_ID !== undefined) {
    discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      ...(e.DISCORD_GUILD_ID !== undefined ? { guildId: e.DISCORD_GUILD_ID } : {}),
      ...(e.DISCORD_API_URL !== undefined ? { apiUrl: e.DISCORD_API_URL } : {}),
    };
  }
  const entries = (e.TICKERBELL_SOURCES ?? DEFAULT_SEEDS_DIR)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const isFeedUrl = (s: string): boolean => /^https?:\/\//i.test(s);
  const sources = entries.filter((s) => !isFeedUrl(s));
  const feedUrls = entries.filter(isFeedUrl).map((s) => feedUrl(s) ?? s);
  const badFeed = feedUrls.find((s) => feedUrl(s) === null);
  if (badFeed !== undefined)
    return { ok: false, errors: [`TICKERBELL_SOURCES: "${badFeed.slice(0, 80)}" is not a valid feed URL`] };
  return {
    ok: true,
    config: {
      dbFile: e.TICKERBELL_DB,
      ...(e.TICKERBELL_DATABASE_URL === undefined
        ? {}
        : {
            database: {
              url: e.TICKERBELL_DATABASE_URL,
              poolSize: e.TICKERBELL_DB_POOL_SIZE,
              statementTimeoutMs: e.TICKERBELL_DB_STATEMENT_TIMEOUT * 1000,
            },
          }),
      sources,
      feedUrls,
      allowPrivateFeeds: e.TICKERBELL_ALLOW_PRIVATE_FEEDS,
      maxFeedsPerWorkspace: e.TICKERBELL_MAX_FEEDS_PER_WORKSPACE,
      pollCron: e.TICKERBELL_POLL_CRON,
      defaultMinRelevance: e.TICKERBELL_MIN_RELEVANCE,
      alertCooldownMinutes: e.TICKERBELL_ALERT_COOLDOWN,
      alertBurst: e.TICKERBELL_ALERT_BURST,
      maxStoryAgeMs: e.TICKERBELL_MAX_STORY_AGE === null ? null : e.TICKERBELL_MAX_STORY_AGE * 60_000,
      timezone: e.TICKERBELL_TIMEZONE ?? 'UTC',
      metricsPort: e.TICKERBELL_METRICS_PORT,
      metricsHost: e.TICKERBELL_METRICS_HOST,
      logLevel: e.TICKERBELL_LOG_LEVEL,
      slack,
      discord,
    },
  };
}

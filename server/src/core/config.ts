import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  TRUST_PROXY: boolean.default(false),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://')
    .optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('contact_centre'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis://')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('cc'),
  DATA_DIR: z.string().min(1).default(path.join(repoRoot, '.data')),
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: csv.default([]),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'like 100kb or 1mb')
    .default('1mb'),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Z]{2}$/, 'two-letter country code')
    .default('IR'),
  DEFAULT_TIMEZONE: z
    .string()
    .refine((tz) => isTimeZone(tz), 'unknown IANA time zone')
    .default('Asia/Tehran'),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12),
  LOGIN_MAX_FAILS_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILS_PER_IP: z.coerce.number().int().positive().default(20),
  LOGIN_BLOCK_MINUTES: z.coerce.number().int().positive().default(15),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  GUARANTEE_MONTHS: z.coerce.number().int().positive().default(12),
  WARRANTY_YEARS: z.coerce.number().int().positive().default(10),
  PRESENCE_GRACE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  TICKET_REOPEN_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  AUTO_CLOSE_RESOLVED_DAYS: z.coerce.number().int().min(1).max(365).default(4),
  WEBCHAT_MAX_MESSAGE_CHARS: z.coerce.number().int().min(1).max(100_000).default(2000),
  WEBCHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  WEBCHAT_MESSAGES_PER_MINUTE_PER_IP: z.coerce.number().int().positive().default(120),
  WEBCHAT_CONVERSATIONS_PER_HOUR: z.coerce.number().int().positive().default(5),
  WEBCHAT_CONVERSATIONS_PER_HOUR_PER_IP: z.coerce.number().int().positive().default(30),
  WEBCHAT_QUEUE_PUSH_MS: z.coerce.number().int().min(1000).default(10_000),
  WEBCHAT_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  WEBCHAT_ABANDON_GRACE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** Support numbers customers text, E.164; routing rules of entry kind 'sms-number' map them to groups. */
  TWILIO_SMS_NUMBERS: csv
    .pipe(z.array(z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 numbers like +982112345678')))
    .default([]),
  /** Tests only: sends every Twilio REST call to this origin instead of api.twilio.com. */
  TWILIO_API_BASE_URL: z.url().optional(),
  /** How often the worker refreshes report rollups (today, yesterday and changed days). */
  REPORTS_REFRESH_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Who gets the weekly report email; empty: none is sent. */
  REPORTS_WEEKLY_RECIPIENTS: csv.pipe(z.array(z.email())).default([]),
  /** When the weekly report is sent (cron, in DEFAULT_TIMEZONE); default Saturday 08:00. */
  REPORTS_WEEKLY_CRON: z
    .string()
    .regex(/^\S+( \S+){4,5}$/, 'a cron pattern like "0 8 * * 6"')
    .default('0 8 * * 6'),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** smtp://user:pass@host:587 or smtps://...; system mail (transcripts, surveys, reports) is off without it. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Support <support@localhost>'),
  TWILIO_MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  /** Serial lookups one IP may make on the customer portal per 15 minutes. */
  PORTAL_LOOKUPS_PER_IP: z.coerce.number().int().positive().default(30),
  /** Wrong phone-digit answers allowed per serial per hour before the serial is locked for the hour. */
  PORTAL_PHONE_TRIES_PER_SERIAL: z.coerce.number().int().positive().default(5),
  PORTAL_SESSION_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
  /** Web chat key the portal's chat button opens the widget with. */
  PORTAL_WIDGET_KEY: z.string().min(1).default('demo'),
  SURVEY_TOKEN_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Hours before a planned on-site visit that the customer gets an SMS reminder. */
  VISIT_REMINDER_HOURS: z.coerce.number().int().min(1).max(336).default(24),
  /** Support numbers customers call, E.164; routing rules of entry kind 'voice-number' map them to groups. */
  TWILIO_VOICE_NUMBERS: csv
    .pipe(z.array(z.string().regex(/^\+[1-9]\d{6,14}$/, 'E.164 numbers like +982112345678')))
    .default([]),
  /** Recorded menu prompts (https URLs Twilio can fetch); without them the menu is spoken with <Say>. */
  VOICE_PROMPT_URL_FA: z.url().optional(),
  VOICE_PROMPT_URL_EN: z.url().optional(),
  VOICE_DIAL_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(120).default(20),
  VOICE_VOICEMAIL_MAX_SECONDS: z.coerce.number().int().min(5).max(600).default(120),
  /** A caller who hangs up in the menu gets a callback ticket (besides the missed-call log row). */
  VOICE_MISSED_CALL_CALLBACK: boolean.default(true),
  CALLBACK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  CALLBACK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /** 32 bytes (base64 or 64 hex digits) that encrypt mailbox passwords; derived from APP_SECRET when unset. */
  MAIL_CREDENTIALS_KEY: z
    .string()
    .refine((v) => mailKeyBytes(v) !== null, '32 bytes as base64 or 64 hex digits')
    .optional(),
  EMAIL_POLL_SECONDS: z.coerce.number().min(0.2).max(3600).default(60),
  EMAIL_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(30),
});

/** MAIL_CREDENTIALS_KEY as 32 raw bytes, or null when it is not a 256-bit key. */
export function mailKeyBytes(value: string): Buffer | null {
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  return key.length === 32 ? key : null;
}

export type Config = z.infer<typeof configSchema> & { PUBLIC_URL: string; APP_SECRET: string };

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates every setting once; a bad value throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const cfg = parsed.data;
  if (cfg.NODE_ENV === 'production' && !cfg.APP_SECRET) {
    throw new ConfigError(['APP_SECRET: required in production (at least 32 random characters)']);
  }
  if ((cfg.ADMIN_EMAIL && !cfg.ADMIN_PASSWORD) || (!cfg.ADMIN_EMAIL && cfg.ADMIN_PASSWORD)) {
    throw new ConfigError(['ADMIN_EMAIL / ADMIN_PASSWORD: set both or neither']);
  }
  if (Boolean(cfg.TWILIO_ACCOUNT_SID) !== Boolean(cfg.TWILIO_AUTH_TOKEN)) {
    throw new ConfigError(['TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN: set both or neither']);
  }
  return {
    ...cfg,
    PUBLIC_URL: (cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/$/, ''),
    APP_SECRET: cfg.APP_SECRET ?? localSecret(cfg.DATA_DIR),
  };
}

/** Outside production a secret is generated once per data folder, so nothing secret is committed. */
function localSecret(dataDir: string): string {
  const file = path.join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const configKeys = Object.keys(configSchema.shape);

let current: Config | undefined;

/** The process's configuration, loaded once (start-up calls loadConfig first and fails fast). */
export function config(): Config {
  current ??= loadConfig();
  return current;
}

export function useConfig(cfg: Config): Config {
  current = cfg;
  return cfg;
}

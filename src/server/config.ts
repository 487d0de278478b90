import path from 'node:path';
import { z } from 'zod';

/**
 * Application configuration, read from the environment once at boot and passed down.
 * Nothing else in the code reads `process.env`.
 */
export interface AppConfig {
  /** PostgreSQL URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | null;
  /** Directory of the embedded database and of other local state. */
  dataDir: string;
  port: number;
  host: string;
  /** Load the demo data set on an empty database. */
  loadDemo: boolean;
  /** Password of the `admin` account created on an empty database; generated when absent. */
  adminPassword: string | null;
  /** Serve cookies with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /** Days before a deadline during which an in-progress task is "due soon". */
  dueSoonDays: number;
  sessionDays: number;
  /** Days after a period's end when its indicator values lock (an approver may reopen it). */
  lockDays: number;
  logLevel: string;
  /** Directory of the built web application. */
  webDir: string;
  /** SMTP server for e-mail reminders (`smtp://user:pass@host:587`); null → in-app notifications only. */
  smtpUrl: string | null;
  /** An in-progress task with no update for this many days is "cold" (domain.md, early warning). */
  coldDays: number;
  /** The address users open the application at, for links in e-mails. */
  appUrl: string;
}

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const environmentSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'phải bắt đầu bằng postgres:// hoặc postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  THUCTHI_DEMO: booleanText.default(true),
  THUCTHI_ADMIN_PASSWORD: z.string().min(8, 'cần ít nhất 8 ký tự').optional(),
  THUCTHI_SECURE_COOKIES: booleanText.default(false),
  THUCTHI_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(365).default(3),
  THUCTHI_SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  THUCTHI_LOCK_DAYS: z.coerce.number().int().min(0).max(366).default(15),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  THUCTHI_WEB_DIR: z.string().min(1).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'phải bắt đầu bằng smtp:// hoặc smtps://').optional(),
  THUCTHI_COLD_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  THUCTHI_APP_URL: z.string().regex(/^https?:\/\/[^/\s]+/, 'phải là địa chỉ http:// hoặc https://').default('http://localhost:3000'),
});

/** Raised when the environment is invalid; lists every problem. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
}

/** Parses the environment, failing with every problem listed. */
export function loadConfig(environment: Record<string, string | undefined>, cwd: string): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const env = parsed.data;
  return {
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    port: env.PORT,
    host: env.HOST,
    loadDemo: env.THUCTHI_DEMO,
    adminPassword: env.THUCTHI_ADMIN_PASSWORD ?? null,
    secureCookies: env.THUCTHI_SECURE_COOKIES,
    dueSoonDays: env.THUCTHI_DUE_SOON_DAYS,
    sessionDays: env.THUCTHI_SESSION_DAYS,
    lockDays: env.THUCTHI_LOCK_DAYS,
    logLevel: env.LOG_LEVEL,
    webDir: path.resolve(cwd, env.THUCTHI_WEB_DIR ?? 'dist/web'),
    smtpUrl: env.SMTP_URL ?? null,
    coldDays: env.THUCTHI_COLD_DAYS,
    appUrl: env.THUCTHI_APP_URL.replace(/\/+$/, ''),
  };
}

import { z } from 'zod';
import { isValidTimeZone } from './clock.js';

/**
 * Tsunagu's configuration: the only module that reads `process.env`.
 * Mode is *sandbox* when DISCORD_TOKEN is absent (embedded store + Discord emulator),
 * *production* otherwise (real Discord, real MongoDB).
 */
const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord snowflake (17–20 digits)');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DISCORD_TOKEN: optionalString,
  DISCORD_CLIENT_ID: optionalString.pipe(snowflake.optional()),
  DISCORD_CLIENT_SECRET: optionalString,
  DISCORD_API_BASE: optionalString.pipe(z.url().optional()),
  DEV_GUILD_ID: optionalString.pipe(snowflake.optional()),
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  SESSION_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DEFAULT_LOCALE: z.enum(['ja', 'en']).default('ja'),
  DEFAULT_TIME_ZONE: z
    .string()
    .default('Asia/Tokyo')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Tokyo'),
  SANDBOX_MEMBERS: z.coerce.number().int().min(0).max(5000).default(150),
});

/**
 * What each production process cannot run without (checked even when other variables are
 * invalid, so one message lists everything). `deploy` only registers slash commands.
 */
export const PRODUCTION_REQUIRED = {
  app: ['MONGODB_URI', 'SESSION_SECRET', 'DISCORD_CLIENT_ID', 'DISCORD_CLIENT_SECRET', 'PUBLIC_URL'],
  deploy: ['DISCORD_CLIENT_ID'],
} as const;

export type ConfigPurpose = keyof typeof PRODUCTION_REQUIRED;

export type Env = z.infer<typeof envSchema>;

export interface Config {
  mode: 'sandbox' | 'production';
  nodeEnv: Env['NODE_ENV'];
  logLevel: Env['LOG_LEVEL'];
  discord: {
    token?: string;
    clientId?: string;
    clientSecret?: string;
    apiBase?: string;
    devGuildId?: string;
  };
  mongoUri?: string;
  sessionSecret?: string;
  port: number;
  publicUrl?: string;
  defaultLocale: 'ja' | 'en';
  defaultTimeZone: string;
  sandboxMembers: number;
}

/** Thrown when the environment is invalid; `message` lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses an environment (default `process.env`) into a Config, or throws one ConfigError listing
 * every problem. In production (DISCORD_TOKEN set) the variables `purpose` needs are required.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, purpose: ConfigPurpose = 'app'): Config {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`);
  if (source.DISCORD_TOKEN?.trim()) {
    for (const key of PRODUCTION_REQUIRED[purpose]) {
      if (!source[key]?.trim()) problems.push(`${key} is required in production (DISCORD_TOKEN is set)`);
    }
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const env = parsed.data;
  return {
    mode: env.DISCORD_TOKEN ? 'production' : 'sandbox',
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    discord: {
      token: env.DISCORD_TOKEN,
      clientId: env.DISCORD_CLIENT_ID,
      clientSecret: env.DISCORD_CLIENT_SECRET,
      apiBase: env.DISCORD_API_BASE,
      devGuildId: env.DEV_GUILD_ID,
    },
    mongoUri: env.MONGODB_URI,
    sessionSecret: env.SESSION_SECRET,
    port: env.PORT,
    publicUrl: env.PUBLIC_URL,
    defaultLocale: env.DEFAULT_LOCALE,
    defaultTimeZone: env.DEFAULT_TIME_ZONE,
    sandboxMembers: env.SANDBOX_MEMBERS,
  };
}

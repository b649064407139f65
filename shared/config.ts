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
  // Checked per process in loadConfig: only the dashboard signs anything with it.
  SESSION_SECRET: optionalString,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(z.url().optional()),
  DEFAULT_LOCALE: z.enum(['ja', 'en']).default('ja'),
  DEFAULT_TIME_ZONE: z
    .string()
    .default('Asia/Tokyo')
    .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Tokyo'),
  SANDBOX_MEMBERS: z.coerce.number().int().min(0).max(5000).default(150),
  /** Where `npm start` keeps the sandbox's data (store, emulator, session secret); default `.sandbox/`. */
  SANDBOX_DATA_DIR: optionalString,
});

/**
 * What each production process cannot run without (checked even when other variables are
 * invalid, so one message lists everything): `web` is the dashboard (web/main.ts), `worker`
 * the bot (bot/main.ts, which signs no cookies, so it needs no SESSION_SECRET), `deploy` only
 * registers slash commands.
 */
export const PRODUCTION_REQUIRED = {
  web: ['MONGODB_URI', 'SESSION_SECRET', 'DISCORD_CLIENT_ID', 'DISCORD_CLIENT_SECRET', 'PUBLIC_URL'],
  worker: ['MONGODB_URI'],
  deploy: ['DISCORD_CLIENT_ID'],
} as const;

/** At least this many distinct characters… */
const SECRET_MIN_DISTINCT = 10;
/** …and this many bits by the secret's own character frequencies (32 random hex digits give ~115). */
const SECRET_MIN_BITS = 90;
/**
 * …and no run this long of characters stepping up or down by one (`abcdefgh`, `87654321`):
 * the alphabet typed out varies a lot by frequency yet is guessed at once. Random hex or
 * base64 has such a run of 8 with a chance of about one in a million.
 */
const SECRET_MAX_RUN = 8;

/** The longest run of characters whose code points step by +1 (or all by −1). */
function longestRun(chars: readonly string[]): number {
  let longest = chars.length > 0 ? 1 : 0;
  let run = 1;
  let step = 0;
  for (let i = 1; i < chars.length; i++) {
    const d = chars[i]!.codePointAt(0)! - chars[i - 1]!.codePointAt(0)!;
    if ((d === 1 || d === -1) && (run === 1 || d === step)) run += 1;
    else run = d === 1 || d === -1 ? 2 : 1;
    step = d;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * Why `secret` is too guessable to sign sessions, or undefined when it is fine. Length alone
 * lets `aaaa…` through; the Shannon entropy of the secret's character distribution, times its
 * length, estimates how much it varies (a word scores low, random bytes in hex or base64
 * score high); a short unit repeated (`0123456789` × 4) or a typed-out sequence
 * (`abcdefghijklmnopqrstuvwxyz012345`) scores high there, so each is refused on its own.
 */
export function weakSecretReason(secret: string): string | undefined {
  const chars = [...secret];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bitsPerChar = 0;
  for (const n of counts.values()) bitsPerChar -= (n / chars.length) * Math.log2(n / chars.length);
  const bits = Math.round(bitsPerChar * chars.length);
  const repeated = /^(.+?)\1+$/su.test(secret);
  const sequence = longestRun(chars) >= SECRET_MAX_RUN;
  const weak = chars.length < 32 || counts.size < SECRET_MIN_DISTINCT || bits < SECRET_MIN_BITS;
  if (weak || repeated || sequence) {
    const why = repeated ? 'one pattern repeated' : sequence ? 'a run like abcdefgh' : `about ${bits} bits`;
    return (
      `SESSION_SECRET is too easy to guess (${chars.length} characters, ${counts.size} distinct, ${why}): ` +
      'use a random value, e.g. `openssl rand -hex 32`'
    );
  }
  return undefined;
}

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
  /** SANDBOX_DATA_DIR as given (the sandbox resolves it; unset = `.sandbox/` at the repository root). */
  sandboxDataDir?: string;
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
export function loadConfig(source: NodeJS.ProcessEnv = process.env, purpose: ConfigPurpose = 'web'): Config {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'} ${issue.message}`);
  if (source.DISCORD_TOKEN?.trim()) {
    for (const key of PRODUCTION_REQUIRED[purpose]) {
      if (!source[key]?.trim()) problems.push(`${key} is required in production (DISCORD_TOKEN is set)`);
    }
    const secret = parsed.success ? parsed.data.SESSION_SECRET : undefined;
    const weak = purpose === 'web' && secret !== undefined ? weakSecretReason(secret) : undefined;
    if (weak) problems.push(weak);
  } else if (purpose === 'web' && parsed.success && (parsed.data.SESSION_SECRET?.length ?? 32) < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
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
    sandboxDataDir: env.SANDBOX_DATA_DIR,
  };
}

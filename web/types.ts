import type { JobQueue } from '../shared/db/job-queue.js';
import type { MongoClient } from 'mongodb';
import type { Store } from 'express-session';
import type { Logger } from '../shared/logger.js';
import type { Locale, Translator } from '../shared/i18n/index.js';
import type { GuildHealth } from '../shared/health/index.js';
import type { DiscordOAuth, OAuthGuild, OAuthUser } from './auth/discord-oauth.js';
import type { DiscordDirectory, GuildInfo } from './core/discord-directory.js';
import type { GuildAccess, GuildAccessResult, StaffRoleLookup } from './core/guild-access.service.js';
import type { GuildReads } from './core/reads.js';
import type { MemberNameLookup } from './core/member-names.js';

/** The dashboard's settings; web/main.ts builds them from shared/config.ts. */
export interface WebConfig {
  /** Signs the session cookie and the CSRF tokens (≥ 32 characters). */
  sessionSecret: string;
  /** The dashboard's public origin, e.g. https://tsunagu.example.com; https turns on secure cookies. */
  publicUrl: string;
  /** Used when neither the language cookie nor Accept-Language decide (default ja). */
  defaultLocale?: Locale;
  /**
   * No longer read by the guild pages: their dates follow each guild's GuildSettings.timeZone
   * (Asia/Tokyo when the guild has none). Kept so existing callers still type-check.
   */
  timeZone?: string;
  discord: {
    clientId: string;
    clientSecret: string;
    /** REST base without version: https://discord.com/api, or the emulator's http://127.0.0.1:PORT/api */
    apiBase: string;
    /** Consent page origin (default: apiBase's origin). */
    oauthBase?: string;
    botToken: string;
  };
  session?: {
    /** Session ends after this long without a request (default 1 h). */
    idleMs?: number;
    /** Session ends this long after login whatever happens (default 8 h). */
    absoluteMs?: number;
  };
  /** Auth routes: at most `limit` requests per `windowMs` per client (default 30 per 10 min). */
  rateLimit?: { windowMs?: number; limit?: number };
  /**
   * The sandbox only: the emulator's Discord view (loopback), linked from every page's header so a
   * person trying Tsunagu can watch and act on the Discord side. Never set in production.
   */
  discordViewUrl?: string;
  /** Express's `trust proxy` (set it behind Heroku/ingress so secure cookies and client IPs work). */
  trustProxy?: boolean | number | string;
}

/** Reads the bot's recorded start-up checks for a guild (shared/health's getGuildHealth by default). */
export type HealthLookup = (guildId: string) => Promise<GuildHealth>;

/** Everything createApp needs; only entry points and tests build this. */
export interface WebDeps {
  config: WebConfig;
  logger: Logger;
  /** The session store and /healthz use this client; the app never closes it. */
  mongo: { client: MongoClient; dbName?: string };
  /** Replaces the MongoDB session store (unit tests only; production and integration tests use MongoDB). */
  sessionStore?: Store;
  /** Defaults to the REST-backed service (bot token, 30 s cache). */
  guildAccess?: GuildAccess;
  /** Defaults to discord.js REST with the bot token at `config.discord.apiBase`. */
  directory?: DiscordDirectory;
  /** Moderator/organiser role ids from GuildSettings (default: none configured). */
  staffRoles?: StaffRoleLookup;
  healthLookup?: HealthLookup;
  /** Replaces reads of the guild pages (default: every slice's shared services on mongoose's connection). */
  reads?: Partial<GuildReads>;
  /** Rows per page of the member list (default 25). */
  membersPageSize?: number;
  /**
   * Names of guild members on Discord, for people without an intro (default: listed through the
   * bot's REST client, cached 60 s; none when `directory` is injected, i.e. Discord is faked).
   */
  memberNames?: MemberNameLookup;
  oauth?: DiscordOAuth;
  /**
   * Jobs for the worker (shared/db/job-queue.ts): the dashboard's actions in Discord go through
   * it. Absent, those actions answer 503 (the dashboard cannot act without a worker queue).
   */
  jobs?: JobQueue;
  /** Milliseconds since the epoch; injectable for session-expiry tests. */
  now?: () => number;
}

declare module 'express-session' {
  interface SessionData {
    user?: OAuthUser;
    /** The guilds Discord listed at login (id, name, icon only). */
    guilds?: OAuthGuild[];
    oauthState?: string;
    returnTo?: string;
    /** Epoch ms of the login, for the absolute session lifetime. */
    loginAt?: number;
    /** Set when a page issued a CSRF token, so the anonymous session (and its id) is kept. */
    csrf?: boolean;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    /** What every view may read. */
    interface Locals {
      locale: Locale;
      t: Translator;
      /** Issues (once per request) the CSRF token forms put in a hidden `_csrf` input. */
      csrfToken: () => string;
      /** The path of the current page, for the language form's return address. */
      currentPath: string;
      user?: OAuthUser;
      guild?: GuildInfo;
      access?: GuildAccessResult;
    }
  }
}

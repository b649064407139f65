import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import { REST } from 'discord.js';
import { getGuildHealth } from '../shared/health/index.js';
import { DEFAULT_LOCALE } from '../shared/i18n/index.js';
import { createDiscordOAuth } from './auth/discord-oauth.js';
import { authRoutes } from './auth/auth.routes.js';
import { csrfProtection } from './middleware/csrf.js';
import { errorHandler, notFound } from './middleware/error-handler.js';
import { localeMiddleware } from './middleware/locale.js';
import { requestTarget } from './middleware/request-target.js';
import { authRateLimit } from './middleware/rate-limit.js';
import { securityHeaders } from './middleware/security-headers.js';
import { sessionCookieName, sessionMiddleware } from './middleware/session.js';
import { sessionLifetime } from './middleware/session-lifetime.js';
import { guildRoutes } from './core/guilds.routes.js';
import { healthzRoutes } from './core/healthz.routes.js';
import { homeRoutes } from './core/home.routes.js';
import { localeRoutes } from './core/locale.routes.js';
import { kernelReads, type GuildReads } from './core/reads.js';
import { WEB_FEATURES } from './features.js';
import { createDiscordDirectory } from './core/discord-directory.js';
import { combinedMemberNames, createDiscordRoster } from './core/member-names.js';
import { createGuildAccess } from './core/guild-access.service.js';
import { createGuildPicker } from './core/guild-picker.service.js';
import type { WebDeps } from './types.js';

export type { WebDeps, WebConfig, HealthLookup } from './types.js';

const HOUR_MS = 60 * 60 * 1000;

/**
 * Builds the dashboard's Express app without listening (web/main.ts listens; tests use
 * supertest). Middleware order matters: security headers, the language and the request-target
 * check come first; static files and /healthz come before sessions so they never create one;
 * CSRF checks run before any route; the error handler is registered last. Sessions are saved
 * only once they hold something (login, OAuth state, a signed-in page's CSRF token): anonymous
 * pages never touch them.
 */
export function createApp(deps: WebDeps): Express {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const secure = new URL(config.publicUrl).protocol === 'https:';
  const services = buildServices(deps);

  const app = express();
  // The guild navigation, from the slices' descriptors (read by web/core/guild-page.ts).
  app.locals.discordViewUrl = config.discordViewUrl ?? null;
  app.locals.guildNav = { entries: WEB_FEATURES.flatMap((f) => f.nav ?? []) };
  app.disable('x-powered-by');
  if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
  app.set('views', resolveDir('views'));
  app.set('view engine', 'ejs');

  app.use(securityHeaders({ https: secure }));
  // The language is known before anything can fail (a bad path, a malformed body), so every
  // error page renders in the visitor's language, else the default one.
  app.use(cookieParser());
  app.use(localeMiddleware(config.defaultLocale ?? DEFAULT_LOCALE));
  app.use(requestTarget);
  app.use('/public', express.static(resolveDir('public'), { index: false, maxAge: '1h' }));
  app.use(healthzRoutes({ client: deps.mongo.client, dbName: deps.mongo.dbName, startedAt: now(), now }));

  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  app.use(express.json({ limit: '16kb' }));
  app.use(
    sessionMiddleware({
      client: deps.mongo.client,
      dbName: deps.mongo.dbName,
      secret: config.sessionSecret,
      secure,
      idleMs: config.session?.idleMs ?? HOUR_MS,
      ...(deps.sessionStore ? { store: deps.sessionStore } : {}),
    }),
  );
  app.use(sessionLifetime(config.session?.absoluteMs ?? 8 * HOUR_MS, now));
  app.use(...csrfProtection({ secret: config.sessionSecret, secure }));
  app.use((req, res, next) => {
    res.locals.user = req.session?.user;
    res.locals.currentPath = req.originalUrl;
    // A signed-in page holds members' data: never kept by the browser or a proxy, so Back
    // after logout shows nothing from the session.
    if (res.locals.user) res.set('Cache-Control', 'no-store');
    next();
  });

  const limiter = authRateLimit({
    windowMs: config.rateLimit?.windowMs ?? 10 * 60 * 1000,
    limit: config.rateLimit?.limit ?? 30,
  });
  app.use(authRoutes({ oauth: services.oauth, now, sessionCookieName: sessionCookieName(secure), limiter }));
  app.use(localeRoutes({ secure }));
  app.use(homeRoutes());
  app.use(
    guildRoutes({
      guildAccess: services.guildAccess,
      picker: services.picker,
      healthLookup: deps.healthLookup ?? getGuildHealth,
      reads: services.reads,
      names: services.names,
      features: WEB_FEATURES,
      ...(deps.membersPageSize ? { pageSize: deps.membersPageSize } : {}),
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.jobs ? { jobs: deps.jobs } : {}),
    }),
  );

  app.use(notFound);
  app.use(errorHandler(logger, config.defaultLocale ?? DEFAULT_LOCALE));
  return app;
}

/** Fills in the Discord-facing services the caller did not inject. */
function buildServices(deps: WebDeps) {
  const { discord } = deps.config;
  const redirectUri = new URL('/auth/callback', deps.config.publicUrl).toString();
  const oauth =
    deps.oauth ??
    createDiscordOAuth({
      clientId: discord.clientId,
      clientSecret: discord.clientSecret,
      apiBase: discord.apiBase,
      ...(discord.oauthBase ? { oauthBase: discord.oauthBase } : {}),
      redirectUri,
    });
  const rest = new REST({ api: discord.apiBase, version: '10' }).setToken(discord.botToken);
  const directory = deps.directory ?? createDiscordDirectory(rest);
  // A caller that fakes the directory fakes Discord: then only intro names are used, and the
  // member count is unknown.
  const roster = deps.directory ? undefined : createDiscordRoster(rest);
  const discordNames = deps.memberNames ?? roster?.people;
  const memberTotal = async (guildId: string): Promise<number | null> => {
    if (!roster) return null;
    try {
      return await roster.humans(guildId);
    } catch (error) {
      deps.logger.warn({ err: error, guildId }, 'could not count members on Discord');
      return null;
    }
  };
  // Every slice's production reads, then whatever the caller replaces (tests).
  const reads = Object.assign(
    {},
    kernelReads,
    { memberTotal },
    ...WEB_FEATURES.map((f) => f.reads ?? {}),
    deps.reads,
  ) as GuildReads;
  const names = combinedMemberNames({
    introNames: reads.displayNames,
    ...(discordNames ? { discordNames } : {}),
    logger: deps.logger,
  });
  const guildAccess =
    deps.guildAccess ??
    createGuildAccess({
      directory,
      ...(deps.staffRoles ? { staffRoles: deps.staffRoles } : {}),
      now: deps.now,
    });
  const picker = createGuildPicker({ directory, guildAccess, now: deps.now });
  return { oauth, directory, guildAccess, picker, reads, names };
}

/** web/views and web/public sit next to this file in the source tree; a tsc build in dist/ points back to them. */
function resolveDir(name: 'views' | 'public'): string {
  const beside = fileURLToPath(new URL(`./${name}`, import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL(`../../web/${name}`, import.meta.url));
}

/**
 * The real dashboard app on the Discord emulator and the test database, as the dashboard tests
 * use it: staff roles come from GuildSettings through the services, page data from
 * shared/services (the default reads).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import mongoose from 'mongoose';
import request from 'supertest';
import { expect } from 'chai';
import type { Express } from 'express';
import { silentLogger } from '../../../shared/logger.js';
import { ensureIndexes } from '../../../shared/db/indexes.js';
import { getGuildSettings, updateGuildSettings } from '../../../shared/kernel/guild-settings.service.js';
import { createApp, type WebConfig, type WebDeps } from '../../../web/app.js';
import { staffRolesFromSettings } from '../../../web/core/staff-roles.js';
import { useMongoose } from '../database.js';
import { startDashboardWorld, type DashboardWorld } from './emulator-world.js';
import { loginThroughEmulator } from './emulator-login.js';

/** The dashboard's settings for the world's emulator (overrides replace single settings). */
export function dashboardConfig(world: DashboardWorld, overrides: Partial<WebConfig> = {}): WebConfig {
  const { emu } = world;
  return {
    sessionSecret: 'a-test-secret-that-is-at-least-32-chars',
    publicUrl: 'http://127.0.0.1:3999',
    discord: {
      clientId: emu.application.clientId,
      clientSecret: emu.application.clientSecret,
      apiBase: emu.restBase,
      botToken: emu.botToken,
    },
    ...overrides,
  };
}

/** Builds the dashboard against the world's emulator (overrides replace any dependency). */
export function dashboardApp(world: DashboardWorld, overrides: Partial<WebDeps> = {}): Express {
  return createApp({
    config: dashboardConfig(world),
    logger: silentLogger(),
    mongo: { client: mongoose.connection.getClient(), dbName: mongoose.connection.name },
    staffRoles: staffRolesFromSettings(getGuildSettings),
    healthLookup: async () => ({}),
    ...overrides,
  });
}

/** The dashboard listening on 127.0.0.1, for a real browser. */
export interface ServedDashboard {
  /** http://127.0.0.1:<port>, also the app's public URL. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Serves dashboardApp (with `overrides`) on a free port. The app needs its public URL (the
 * OAuth2 redirect_uri) before it exists, so the server listens first and gets the app after.
 */
export async function serveDashboard(
  world: DashboardWorld,
  overrides: Partial<WebDeps> = {},
): Promise<ServedDashboard> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = dashboardConfig(world, { publicUrl: baseUrl });
  server.on('request', dashboardApp(world, { config, ...overrides }));
  return {
    baseUrl,
    close: () => {
      // A browser keeps connections alive; close() alone would wait for them.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A supertest agent logged in as `userId` through the emulator's OAuth2. */
export async function signedIn(app: Express, userId: string) {
  const agent = request.agent(app);
  const res = await loginThroughEmulator(agent, userId);
  expect(res.status).to.equal(303);
  return agent;
}

/** Guild A's settings as an organiser would leave them: its organiser role, and a time zone. */
export async function configureGuildA(world: DashboardWorld, timeZone = 'Asia/Tokyo'): Promise<void> {
  await updateGuildSettings(world.guildA, { timeZone, roles: { organiser: world.organiserRoleA } });
}

/** What a guild page suite's hooks fill in; read it inside hooks and tests, not when the file loads. */
export interface GuildPageSuite {
  world: DashboardWorld;
  /** A new app for every test. */
  app: Express;
  /** The page under test in guild A, e.g. /guilds/<guild A>/members. */
  path: string;
}

/**
 * The hooks every Connect & Know page suite shares: a fresh database with the models' indexes,
 * the emulator world for the whole suite and, before each test, a new app with guild A
 * configured (configureGuildA). `page` is the path below /guilds/<guild A> ('' for the overview).
 */
export function useGuildPageSuite(dbPrefix: string, page: string): GuildPageSuite {
  useMongoose(dbPrefix);
  // Filled in by the hooks below, before any test runs.
  const suite = {} as GuildPageSuite;
  before(async () => {
    await ensureIndexes();
    suite.world = await startDashboardWorld();
    suite.path = `/guilds/${suite.world.guildA}${page}`;
  });
  after(async () => {
    await suite.world.emu.stop();
  });
  beforeEach(async () => {
    suite.app = dashboardApp(suite.world);
    await configureGuildA(suite.world);
  });
  return suite;
}

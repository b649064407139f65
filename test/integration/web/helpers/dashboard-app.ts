/**
 * The real dashboard app on the Discord emulator and the test database, as the Connect & Know
 * page tests use it: staff roles come from GuildSettings through the services, page data from
 * shared/services (the default reads).
 */
import mongoose from 'mongoose';
import request from 'supertest';
import { expect } from 'chai';
import type { Express } from 'express';
import { silentLogger } from '../../../../shared/logger.js';
import { getGuildSettings, updateGuildSettings } from '../../../../shared/services/guild-settings.service.js';
import { createApp, type WebDeps } from '../../../../web/app.js';
import { staffRolesFromSettings } from '../../../../web/services/staff-roles.js';
import type { DashboardWorld } from './emulator-world.js';
import { loginThroughEmulator } from './emulator-login.js';

/** Builds the dashboard against the world's emulator (overrides replace any dependency). */
export function dashboardApp(world: DashboardWorld, overrides: Partial<WebDeps> = {}): Express {
  const { emu } = world;
  return createApp({
    config: {
      sessionSecret: 'a-test-secret-that-is-at-least-32-chars',
      publicUrl: 'http://127.0.0.1:3999',
      discord: {
        clientId: emu.application.clientId,
        clientSecret: emu.application.clientSecret,
        apiBase: emu.restBase,
        botToken: emu.botToken,
      },
    },
    logger: silentLogger(),
    mongo: { client: mongoose.connection.getClient(), dbName: mongoose.connection.name },
    staffRoles: staffRolesFromSettings(getGuildSettings),
    healthLookup: async () => ({}),
    ...overrides,
  });
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

/** Control routes about the emulator itself: its summary, its settings, and new guilds. */
import type { EmulatorContext } from '../context.js';
import { DriverError } from '../drivers.js';
import { oauth2Of } from '../oauth2.js';
import { commandsOf } from '../rest/applications.js';
import { interactionsOf } from '../rest/interactions.js';
import type { RouteRequest } from '../router.js';
import { seedGuild } from '../state/seed.js';
import { optStr, optStrings, str, type Body, type ControlRoute } from './body.js';

function summary(emu: EmulatorContext) {
  const s = emu.state;
  return {
    restBase: emu.restBase,
    gatewayUrl: emu.gatewayUrl,
    controlApi: `${emu.baseUrl}/_emulator`,
    application: {
      id: emu.application.id,
      clientId: emu.application.clientId,
      clientSecret: emu.application.clientSecret,
      redirectUris: emu.application.redirectUris,
    },
    bot: emu.botUser,
    guilds: s.guilds.list().map((g) => ({
      id: g.id,
      name: g.name,
      ownerId: g.ownerId,
      memberCount: g.members.size,
      roles: s.roles.list(g.id).map((r) => ({ id: r.id, name: r.name, position: r.position })),
      channels: s.channels
        .list(g.id)
        .map((c) => ({ id: c.id, name: c.name, type: c.type, parentId: c.parentId })),
    })),
    commands: commandsOf(s)
      .all()
      .map((c) => ({ id: c.id, name: c.name, guildId: c.guild_id ?? null })),
  };
}

function settings(req: RouteRequest) {
  const interactions = interactionsOf(req.emu.state).settings;
  return {
    oauth2DefaultUserId: oauth2Of(req.emu.state).defaultUserId ?? null,
    interactionResponseMs: interactions.initialResponseMs,
    interactionFollowUpMs: interactions.followUpMs,
  };
}

function updateSettings(req: RouteRequest, b: Body) {
  const oauth = oauth2Of(req.emu.state);
  const interactions = interactionsOf(req.emu.state).settings;
  if ('oauth2DefaultUserId' in b) {
    const id = b.oauth2DefaultUserId;
    if (id !== null) req.emu.state.users.get(String(id));
    oauth.defaultUserId = id === null ? undefined : String(id);
  }
  if (typeof b.interactionResponseMs === 'number') interactions.initialResponseMs = b.interactionResponseMs;
  if (typeof b.interactionFollowUpMs === 'number') interactions.followUpMs = b.interactionFollowUpMs;
  return settings(req);
}

/**
 * A new guild with its owner (an existing user, or one created from `owner`), the bot as a member
 * unless `withBot: false` (the bot then gets GUILD_CREATE), and the seed's roles and channels.
 * Cross-guild authorization tests need a second guild whose owner is someone else.
 */
function createGuild(req: RouteRequest, b: Body) {
  const state = req.emu.state;
  const name = str(b, 'name');
  const textChannels = optStrings(b, 'textChannels');
  const voiceChannels = optStrings(b, 'voiceChannels');
  const ownerSpec = b.owner as Body | undefined;
  let ownerId = optStr(b, 'ownerId');
  if (ownerId) state.users.get(ownerId);
  else if (ownerSpec && typeof ownerSpec === 'object')
    ownerId = state.users.create({
      username: str(ownerSpec, 'username'),
      globalName: optStr(ownerSpec, 'globalName'),
      locale: optStr(ownerSpec, 'locale'),
    }).id;
  else throw new DriverError('"ownerId" or "owner" ({ username, globalName?, locale? }) is required');
  const seeded = seedGuild(state, {
    name,
    ownerId,
    memberCount: 0,
    withBot: b.withBot !== false,
    textChannels,
    voiceChannels,
  });
  return {
    id: seeded.guild.id,
    name: seeded.guild.name,
    ownerId,
    roles: Object.fromEntries(Object.entries(seeded.roles).map(([name, role]) => [name, role.id])),
    channels: Object.fromEntries(Object.entries(seeded.channels).map(([name, c]) => [name, c.id])),
  };
}

/** The emulator's summary and settings, and guild creation. */
export const SETUP_ROUTES: ControlRoute[] = [
  ['GET', '/state', (req) => summary(req.emu)],
  ['GET', '/settings', (req) => settings(req)],
  ['PUT', '/settings', (req, _d, b) => updateSettings(req, b)],
  ['POST', '/guilds', (req, _d, b) => createGuild(req, b)],
];

/**
 * Users: /users/@me (bot or OAuth2 user), /users/:id, DMs (POST /users/@me/channels),
 * /users/@me/guilds and /users/@me/guilds/:id/member for OAuth2 users.
 */
import { Errors } from '../errors.js';
import { compareSnowflakes } from '../snowflake.js';
import type { RouteRequest, Router } from '../router.js';
import { serializeCurrentUser, serializeUser } from '../state/serialize.js';
import { dmCreateSchema, parseBody } from '../validation.js';
import { actorId } from './access.js';

function requireScope(req: RouteRequest, scope: string): void {
  if (req.auth.kind === 'bearer' && !req.auth.scopes.includes(scope)) throw Errors.unauthorized();
}

export function registerUserRoutes(router: Router): void {
  router.route(
    'GET',
    '/users/@me',
    (req) => {
      requireScope(req, 'identify');
      const withEmail =
        req.auth.kind === 'bot' || (req.auth.kind === 'bearer' && req.auth.scopes.includes('email'));
      return { body: serializeCurrentUser(req.emu.state.users.get(actorId(req)), withEmail) };
    },
    { auth: 'any' },
  );

  router.route('GET', '/users/:userId', ({ emu, params }) => ({
    body: serializeUser(emu.state.users.get(params.userId!)),
  }));

  router.route('POST', '/users/@me/channels', ({ emu, body }) => {
    const { recipient_id } = parseBody(dmCreateSchema, body);
    const channel = emu.state.channels.openDm(recipient_id);
    return { body: emu.state.channels.toApi(channel) };
  });

  router.route(
    'GET',
    '/users/@me/guilds',
    (req) => {
      requireScope(req, 'guilds');
      const { emu } = req;
      const userId = actorId(req);
      const guilds = emu.state.guilds.listForUser(userId).map((g) => ({
        id: g.id,
        name: g.name,
        icon: g.icon,
        banner: null,
        owner: g.ownerId === userId,
        permissions: emu.state.permissions.of(g.id, userId).toString(),
        features: g.features,
        ...(req.query.get('with_counts') === 'true'
          ? { approximate_member_count: g.members.size, approximate_presence_count: 0 }
          : {}),
      }));
      return { body: guilds.sort((a, b) => compareSnowflakes(a.id, b.id)) };
    },
    { auth: 'any' },
  );

  router.route(
    'GET',
    '/users/@me/guilds/:guildId/member',
    (req) => {
      requireScope(req, 'guilds.members.read');
      const member = req.emu.state.guilds.get(req.params.guildId!).members.get(actorId(req));
      if (!member) throw Errors.unknownGuild();
      return { body: req.emu.state.members.toApi(member) };
    },
    { auth: 'bearer' },
  );
}

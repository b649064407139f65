/**
 * The control API under `/_emulator/`: the drivers and inspectors over JSON/HTTP, so the sandbox
 * and outside scripts can act as people. Only answers requests from the loopback interface.
 * Documented in README-control-api.md.
 */
import type { EmulatorContext } from './context.js';
import { DriverError, driversFor, InteractionHandle, type Drivers } from './drivers.js';
import type { HttpMethod, Router, RouteRequest, RouteResponse } from './router.js';
import { commandsOf } from './rest/applications.js';
import { interactionsOf, type InteractionRecord } from './rest/interactions.js';
import { oauth2Of } from './oauth2.js';

type Body = Record<string, unknown>;
type Handler = (req: RouteRequest, d: Drivers, body: Body) => unknown;

/**
 * Whether a socket address is loopback: 127.0.0.0/8, ::1, or either written as an IPv4-mapped IPv6
 * address (a dual-stack server reports IPv4 peers as `::ffff:127.0.0.1`). Anything else, including
 * an unknown ('') address, is not.
 */
export function isLoopbackAddress(address: string): boolean {
  const a = address.toLowerCase();
  if (a === '::1' || a === '0:0:0:0:0:0:0:1') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  const parts = v4.split('.');
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
  );
}

/**
 * Only the machine itself may drive the emulator: the socket's peer must be loopback (a Host header
 * alone can be forged by any caller). A request relayed by a local proxy (`X-Forwarded-For`) is
 * refused, since its real caller is elsewhere, and so is a loopback peer naming another Host: that
 * is a browser page on this machine reaching us through DNS rebinding.
 */
export function fromLoopback(req: Pick<RouteRequest, 'remoteAddress' | 'headers'>): boolean {
  if (!isLoopbackAddress(req.remoteAddress) || req.headers['x-forwarded-for']) return false;
  const host = String(req.headers.host ?? '')
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '');
  return host === 'localhost' || isLoopbackAddress(host);
}

function wrap(handler: Handler) {
  return async (req: RouteRequest): Promise<RouteResponse> => {
    if (!fromLoopback(req))
      return { status: 403, body: { error: 'The emulator control API only answers 127.0.0.1' } };
    try {
      const out = await handler(req, driversFor(req.emu), (req.body ?? {}) as Body);
      return out === undefined ? { status: 204 } : { body: out };
    } catch (error) {
      if (error instanceof DriverError) return { status: 400, body: { error: error.message } };
      if (error instanceof Error && error.message.startsWith('Timed out'))
        return { status: 408, body: { error: error.message } };
      throw error;
    }
  };
}

const str = (b: Body, key: string): string => {
  const v = b[key];
  if (typeof v !== 'string' || !v) throw new DriverError(`"${key}" (string) is required`);
  return v;
};
const optStr = (b: Body, key: string): string | undefined =>
  typeof b[key] === 'string' ? (b[key] as string) : undefined;

function describe(record: InteractionRecord) {
  return {
    id: record.id,
    token: record.token,
    type: record.type,
    guildId: record.guildId ?? null,
    channelId: record.channelId,
    userId: record.userId,
    acknowledged: record.ack?.type ?? null,
    originalMessageId: record.originalMessageId ?? null,
    responses: record.responses,
  };
}

function handleFor(req: RouteRequest, d: Drivers): InteractionHandle {
  const record = interactionsOf(req.emu.state).find(req.params.interactionId!);
  if (!record) throw new DriverError(`Unknown interaction ${req.params.interactionId}`);
  return new InteractionHandle(d, record);
}

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

/** Every control route: method, path under /_emulator, handler. Listed in README-control-api.md. */
export const CONTROL_ROUTES: [HttpMethod, string, Handler][] = [
  ['GET', '/state', (req) => summary(req.emu)],
  ['GET', '/settings', (req) => settings(req)],
  ['PUT', '/settings', (req, _d, b) => updateSettings(req, b)],
  [
    'POST',
    '/users',
    (_req, d, b) =>
      d.createUser({
        username: str(b, 'username'),
        globalName: optStr(b, 'globalName'),
        locale: optStr(b, 'locale'),
      }),
  ],
  [
    'POST',
    '/guilds/:guildId/members',
    (req, d, b) =>
      d.memberJoin(
        req.params.guildId!,
        typeof b.userId === 'string'
          ? b.userId
          : {
              username: str(b, 'username'),
              globalName: optStr(b, 'globalName'),
              locale: optStr(b, 'locale'),
            },
        { inviteCode: optStr(b, 'inviteCode') },
      ),
  ],
  [
    'DELETE',
    '/guilds/:guildId/members/:userId',
    (req, d) => d.memberLeave(req.params.guildId!, req.params.userId!),
  ],
  [
    'GET',
    '/guilds/:guildId/members/:userId/roles',
    (req, d) => d.memberRoles(req.params.guildId!, req.params.userId!),
  ],
  [
    'POST',
    '/interactions/slash',
    (_req, d, b) =>
      describe(
        d.runSlashCommand(
          optStr(b, 'guildId') ?? null,
          optStr(b, 'channelId') ?? null,
          str(b, 'userId'),
          str(b, 'name'),
          (b.options ?? {}) as never,
          { locale: optStr(b, 'locale') },
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/user-command',
    (_req, d, b) =>
      describe(
        d.runUserCommand(
          str(b, 'guildId'),
          str(b, 'channelId'),
          str(b, 'userId'),
          str(b, 'name'),
          str(b, 'targetId'),
          {
            locale: optStr(b, 'locale'),
          },
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/button',
    (_req, d, b) =>
      describe(
        d.clickButton(str(b, 'messageId'), str(b, 'customId'), str(b, 'userId'), {
          locale: optStr(b, 'locale'),
        }).record,
      ),
  ],
  [
    'POST',
    '/interactions/select',
    (_req, d, b) =>
      describe(
        d.selectValues(
          str(b, 'messageId'),
          str(b, 'customId'),
          str(b, 'userId'),
          (b.values ?? []) as string[],
          { locale: optStr(b, 'locale') },
        ).record,
      ),
  ],
  [
    'POST',
    '/interactions/:interactionId/modal',
    (req, d, b) =>
      describe(
        d.submitModal(handleFor(req, d), optStr(b, 'customId'), (b.fields ?? {}) as Record<string, string>, {
          locale: optStr(b, 'locale'),
        }).record,
      ),
  ],
  ['GET', '/interactions/:interactionId', (req, d) => describe(handleFor(req, d).record)],
  ['GET', '/interactions/:interactionId/wait', (req, d) => waitFor(req, handleFor(req, d))],
  [
    'POST',
    '/voice/join',
    (_req, d, b) => d.voiceJoin(str(b, 'guildId'), str(b, 'userId'), str(b, 'channelId')),
  ],
  [
    'POST',
    '/voice/move',
    (_req, d, b) => d.voiceMove(str(b, 'guildId'), str(b, 'userId'), str(b, 'channelId')),
  ],
  ['POST', '/voice/leave', (_req, d, b) => d.voiceLeave(str(b, 'guildId'), str(b, 'userId'))],
  [
    'POST',
    '/channels/:channelId/messages',
    (req, d, b) => d.sendMessage(req.params.channelId!, str(b, 'userId'), str(b, 'content')),
  ],
  ['GET', '/channels/:channelId/messages', (req, d) => d.messagesIn(req.params.channelId!)],
  ['GET', '/users/:userId/dms', (req, d) => d.dmsTo(req.params.userId!)],
  ['PUT', '/users/:userId/dms', (req, d, b) => d.closeDms(req.params.userId!, b.closed !== false)],
];

async function waitFor(req: RouteRequest, handle: InteractionHandle) {
  const kind = req.query.get('for') ?? 'reply';
  const timeoutMs = Math.min(30_000, Number(req.query.get('timeoutMs') ?? 5000) || 5000);
  switch (kind) {
    case 'callback':
      return handle.waitForCallback(timeoutMs);
    case 'modal':
      return handle.waitForModal(timeoutMs);
    case 'followup':
      return handle.waitForFollowUp(Number(req.query.get('n') ?? 1) || 1, timeoutMs);
    case 'reply':
      return handle.waitForReply(timeoutMs);
    default:
      throw new DriverError(`Unknown wait target "${kind}" (reply, callback, modal, followup)`);
  }
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

/** Registers the control API under /_emulator. */
export function register(router: Router): void {
  for (const [method, path, handler] of CONTROL_ROUTES)
    router.page(method, `/_emulator${path}`, wrap(handler));
}

/**
 * The control API under `/_emulator/`: the drivers and inspectors over JSON/HTTP, so the sandbox,
 * the Discord view and outside scripts can act as people. Only answers requests from the loopback
 * interface, and never a page of another origin. Documented in README-control-api.md.
 */
import { DriverError, driversFor } from './drivers.js';
import type { Router, RouteRequest, RouteResponse } from './router.js';
import { ACT_ROUTES } from './control-api/act.js';
import type { ControlRoute, Handler } from './control-api/body.js';
import {
  channelMessages,
  ephemeralFor,
  guildSnapshot,
  listChannels,
  listCommands,
  listInvites,
  listMembers,
  listRoles,
  listUsers,
} from './control-api/reads.js';
import { SETUP_ROUTES } from './control-api/setup.js';

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

/**
 * Whether a browser sent the request from one of our own pages (the Discord view). Any other page
 * open in the same browser — the dashboard on another port, a site the developer visits — could
 * otherwise post a form here (a "simple" cross-origin request needs no CORS), so a request whose
 * Origin is not this server, or that the browser marks cross-site, is refused. Scripts and tests
 * send neither header.
 */
export function fromOwnPages(req: Pick<RouteRequest, 'headers'>): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === String(req.headers.host ?? '');
  } catch {
    return false;
  }
}

/** 403 unless the caller is this machine and (from a browser) one of our pages; else null. */
export function refusal(req: RouteRequest): RouteResponse | null {
  if (!fromLoopback(req))
    return { status: 403, body: { error: 'The emulator control API only answers 127.0.0.1' } };
  if (!fromOwnPages(req))
    return { status: 403, body: { error: 'The emulator control API does not answer other sites' } };
  return null;
}

function wrap(handler: Handler) {
  return async (req: RouteRequest): Promise<RouteResponse> => {
    const refused = refusal(req);
    if (refused) return refused;
    try {
      const out = await handler(req, driversFor(req.emu), (req.body ?? {}) as Record<string, unknown>);
      return out === undefined ? { status: 204 } : { body: out };
    } catch (error) {
      if (error instanceof DriverError) return { status: 400, body: { error: error.message } };
      if (error instanceof Error && error.message.startsWith('Timed out'))
        return { status: 408, body: { error: error.message } };
      throw error;
    }
  };
}

const as = (req: RouteRequest) => req.query.get('as') ?? undefined;

/** Reads: what people would see (README-control-api.md, "Reading what people see"). */
const READ_ROUTES: ControlRoute[] = [
  ['GET', '/users', (req) => listUsers(req.emu)],
  ['GET', '/guilds/:guildId', (req) => guildSnapshot(req.emu, req.params.guildId!, as(req))],
  ['GET', '/guilds/:guildId/members', (req) => listMembers(req.emu, req.params.guildId!)],
  ['GET', '/guilds/:guildId/channels', (req) => listChannels(req.emu, req.params.guildId!, as(req))],
  ['GET', '/guilds/:guildId/roles', (req) => listRoles(req.emu, req.params.guildId!)],
  ['GET', '/guilds/:guildId/invites', (req) => listInvites(req.emu, req.params.guildId!)],
  ['GET', '/guilds/:guildId/commands', (req) => listCommands(req.emu, req.params.guildId!, as(req))],
  ['GET', '/commands', (req) => listCommands(req.emu, null)],
  [
    'GET',
    '/guilds/:guildId/members/:userId/roles',
    (req, d) => d.memberRoles(req.params.guildId!, req.params.userId!),
  ],
  [
    'GET',
    '/channels/:channelId/messages',
    (req) =>
      channelMessages(req.emu, req.params.channelId!, Number(req.query.get('limit') ?? 0) || undefined),
  ],
  ['GET', '/users/:userId/dms', (req, d) => d.dmsTo(req.params.userId!)],
  [
    'GET',
    '/users/:userId/ephemeral',
    (req) => ephemeralFor(req.emu, req.params.userId!, req.query.get('channelId') ?? undefined),
  ],
];

/** Every control route: method, path under /_emulator, handler. Listed in README-control-api.md. */
export const CONTROL_ROUTES: ControlRoute[] = [...SETUP_ROUTES, ...READ_ROUTES, ...ACT_ROUTES];

/** Registers the control API under /_emulator. */
export function register(router: Router): void {
  for (const [method, path, handler] of CONTROL_ROUTES)
    router.page(method, `/_emulator${path}`, wrap(handler));
}

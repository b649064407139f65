/**
 * The HTTP front: routes `/api[/vN]/…` to API routes (auth, rate limits, Discord error shapes),
 * other paths to pages, and WebSocket upgrades to the gateway. Unknown routes answer Discord's
 * 404 and are logged as warnings, so a missing emulator feature never passes silently.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { DiscordApiError, Errors } from './errors.js';
import { parseBody } from './http-body.js';
import { INVALID_REQUEST_LIMIT } from './rate-limit-windows.js';
import type { HttpMethod, RequestAuth, Route, RouteResponse, Router } from './router.js';

const API_PREFIX = /^\/api(?:\/v(\d+))?(\/.*)$/;
const MAJOR_PARAMS = ['channelId', 'guildId', 'webhookId', 'applicationId', 'interactionId'];

function send(res: ServerResponse, out: RouteResponse, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...out.headers };
  if (out.redirect) {
    res.writeHead(out.status ?? 302, { ...headers, Location: out.redirect });
    res.end();
    return;
  }
  if (out.stream) {
    res.writeHead(out.status ?? 200, headers);
    out.stream(res);
    return;
  }
  if (out.raw !== undefined) {
    res.writeHead(out.status ?? 200, {
      'Content-Type': out.contentType ?? 'application/octet-stream',
      ...headers,
    });
    res.end(out.raw);
    return;
  }
  if (out.text !== undefined) {
    res.writeHead(out.status ?? 200, {
      'Content-Type': out.contentType ?? 'text/html; charset=utf-8',
      ...headers,
    });
    res.end(out.text);
    return;
  }
  if (out.body === undefined) {
    res.writeHead(out.status ?? 204, headers);
    res.end();
    return;
  }
  res.writeHead(out.status ?? 200, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(out.body));
}

function sendError(res: ServerResponse, error: DiscordApiError, headers: Record<string, string> = {}): void {
  send(res, { status: error.status, body: error.toJSON() }, headers);
}

/** Resolves the Authorization header against what the route accepts; throws 401 like Discord. */
function authenticate(route: Route, header: string | undefined, ctx: EmulatorContext): RequestAuth {
  const mode = route.options.auth;
  if (mode === 'none') {
    return { kind: 'none' };
  }
  const [scheme, token] = (header ?? '').split(' ', 2);
  if (scheme === 'Bot' && token === ctx.botToken && (mode === 'bot' || mode === 'any')) {
    return { kind: 'bot', user: ctx.botUser };
  }
  if (scheme === 'Bearer' && token && (mode === 'bearer' || mode === 'any')) {
    const record = ctx.state.data.oauthTokens.get(token);
    if (record && record.expiresAt > Date.now()) {
      return { kind: 'bearer', user: ctx.state.users.get(record.userId), scopes: record.scopes, token };
    }
  }
  throw Errors.unauthorized();
}

/** Counts 401/403/429 API answers as Discord does for its IP bans (shared-scope 429s excepted); says so at the threshold. */
function countInvalid(ctx: EmulatorContext, status: number, scope: string | undefined): void {
  const count = ctx.rateLimits.recordResponse(status, scope);
  if (count === INVALID_REQUEST_LIMIT.limit)
    ctx.logger.error(
      { invalidRequests: count },
      'Discord emulator: 10,000 invalid requests (401/403/429) in 10 minutes: Discord would now ban this IP',
    );
}

/** Creates the HTTP server; `getContext` is read per request (the context exists once the port is known). */
export function createHttpServer(router: Router, getContext: () => EmulatorContext): http.Server {
  const server = http.createServer((req, res) => {
    void handle(router, getContext(), req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    const ctx = getContext();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api') || path.startsWith('/_emulator')) {
      ctx.logger.warn({ path }, 'Discord emulator: WebSocket upgrade outside the gateway path refused');
      socket.destroy();
      return;
    }
    ctx.gateway.handleUpgrade(req, socket, head);
  });
  return server;
}

async function handle(
  router: Router,
  ctx: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const api = API_PREFIX.exec(url.pathname);
  const kind = api ? 'api' : 'page';
  const path = api ? api[2]! : url.pathname;
  let rateHeaders: Record<string, string> = {};
  try {
    if (api?.[1] && api[1] !== '10' && api[1] !== '9') {
      ctx.logger.warn({ method, path: url.pathname }, 'Discord emulator: unsupported API version');
      throw Errors.notFound();
    }
    const match = router.match(kind, method, path);
    if (!('route' in match)) {
      ctx.logger.warn(
        { method, path: url.pathname },
        'Discord emulator: unsupported route (answered 404 like Discord)',
      );
      throw match.methodMismatch ? Errors.methodNotAllowed() : Errors.notFound();
    }
    const { route, params } = match;
    const auth = authenticate(route, req.headers.authorization, ctx);
    // Parsed before the rate-limit check: some of Discord's buckets depend on the body (renames).
    const { body, files } = await parseBody(req);
    if (kind === 'api') {
      const verdict = ctx.rateLimits.check({
        routeKey: route.options.bucket ?? `${method} ${route.pattern}`,
        majorId: MAJOR_PARAMS.map((p) => params[p]).find(Boolean),
        params,
        body,
        auth: auth.kind,
        state: ctx.state,
      });
      rateHeaders = verdict.headers;
      if (verdict.limited) {
        // Counted before the answer leaves, so a client reading it sees the new count.
        countInvalid(ctx, 429, verdict.headers['X-RateLimit-Scope']);
        send(res, { status: 429, body: verdict.body }, verdict.headers);
        return;
      }
    }
    const reason = req.headers['x-audit-log-reason'];
    const out = await route.handler({
      method: method as HttpMethod,
      path,
      params,
      query: url.searchParams,
      body,
      files,
      headers: req.headers,
      remoteAddress: req.socket.remoteAddress ?? '',
      auth,
      ...(typeof reason === 'string' ? { reason: decodeURIComponent(reason) } : {}),
      emu: ctx,
    });
    if (api && out?.status) countInvalid(ctx, out.status, undefined);
    send(res, out ?? {}, rateHeaders);
  } catch (error) {
    if (error instanceof DiscordApiError) {
      if (error.status >= 500) ctx.logger.error({ method, path: url.pathname }, error.message);
      if (api) countInvalid(ctx, error.status, undefined);
      sendError(res, error, rateHeaders);
      return;
    }
    ctx.logger.error({ err: error, method, path: url.pathname }, 'Discord emulator: route handler crashed');
    sendError(res, new DiscordApiError(500, 0, '500: Internal Server Error'), rateHeaders);
  }
}

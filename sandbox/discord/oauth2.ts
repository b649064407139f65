/**
 * OAuth2 authorization-code flow as Discord serves it: `GET /oauth2/authorize` (auto-consents as a
 * chosen user), `POST /api/oauth2/token` (authorization_code, refresh_token; form-encoded, client
 * secret checked), `POST /api/oauth2/token/revoke`, and `GET /api/users/@me/guilds` with a Bearer
 * token. Access tokens land in `state.data.oauthTokens`, which the HTTP layer's bearer auth reads.
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorContext } from './context.js';
import type { Router, RouteRequest, RouteResponse } from './router.js';
import type { DiscordState } from './state/state.js';

/** Scopes the emulator grants; others are refused with `invalid_scope`. */
export const SUPPORTED_SCOPES = ['identify', 'email', 'guilds', 'guilds.members.read'];
const CODE_TTL_MS = 10 * 60 * 1000;
const ACCESS_TTL_S = 7 * 24 * 3600;

interface CodeRecord {
  userId: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
}

/** OAuth2 settings and grants of one emulator. */
export class OAuth2Store {
  /** Who /oauth2/authorize logs in as when the request names nobody (`login_as`). */
  defaultUserId: string | undefined;
  readonly codes = new Map<string, CodeRecord>();
}

const stores = new WeakMap<DiscordState, OAuth2Store>();

/** The OAuth2 store of an emulator (created on first use). */
export function oauth2Of(state: DiscordState): OAuth2Store {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = new OAuth2Store()));
  return store;
}

/** Discord's OAuth2 error body (`{ error, error_description }`), not the API's `{ code, message }`. */
function oauthError(status: number, error: string, description: string): RouteResponse {
  return { status, body: { error, error_description: description } };
}

/** Registered URIs must match exactly; with none registered, any 127.0.0.1/localhost URI is accepted. */
function redirectAllowed(emu: EmulatorContext, uri: string): boolean {
  if (emu.application.redirectUris.length) return emu.application.redirectUris.includes(uri);
  try {
    const host = new URL(uri).hostname;
    return host === '127.0.0.1' || host === 'localhost';
  } catch {
    return false;
  }
}

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function authorize(req: RouteRequest): RouteResponse {
  const { emu, query } = req;
  const clientId = query.get('client_id') ?? '';
  const redirectUri = query.get('redirect_uri') ?? '';
  if (clientId !== emu.application.clientId)
    return { status: 400, text: 'Unknown application (client_id)', contentType: 'text/plain' };
  if (!redirectUri || !redirectAllowed(emu, redirectUri)) {
    return { status: 400, text: 'Invalid OAuth2 redirect_uri', contentType: 'text/plain' };
  }
  const state = query.get('state') ?? undefined;
  if (query.get('response_type') !== 'code') {
    return {
      redirect: withParams(redirectUri, {
        error: 'unsupported_response_type',
        error_description: 'Only response_type=code is supported',
        state,
      }),
    };
  }
  const scopes = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
  const unsupported = scopes.filter((s) => !SUPPORTED_SCOPES.includes(s));
  if (!scopes.length || unsupported.length) {
    return {
      redirect: withParams(redirectUri, {
        error: 'invalid_scope',
        error_description: `Invalid scope: ${unsupported.join(' ') || '(none)'}`,
        state,
      }),
    };
  }
  if (query.get('deny') === '1') {
    return {
      redirect: withParams(redirectUri, {
        error: 'access_denied',
        error_description: 'The resource owner or authorization server denied the request',
        state,
      }),
    };
  }
  const store = oauth2Of(emu.state);
  const userId = query.get('login_as') ?? store.defaultUserId;
  if (!userId) return pickUserPage(emu, query);
  const user = emu.state.users.find(userId);
  if (!user || user.bot)
    return { status: 400, text: `Unknown user for login_as: ${userId}`, contentType: 'text/plain' };
  const code = randomBytes(20).toString('base64url');
  store.codes.set(code, { userId, clientId, redirectUri, scopes, expiresAt: Date.now() + CODE_TTL_MS });
  return { redirect: withParams(redirectUri, { code, state }) };
}

/** With no user chosen, the emulator shows who one could log in as (the sandbox's consent screen). */
function pickUserPage(emu: EmulatorContext, query: URLSearchParams): RouteResponse {
  const people = emu.state.users
    .list()
    .filter((u) => !u.bot)
    .slice(0, 200);
  const links = people
    .map((u) => {
      const q = new URLSearchParams(query);
      q.set('login_as', u.id);
      return `<li><a href="/oauth2/authorize?${escapeHtml(q.toString())}">${escapeHtml(u.global_name ?? u.username)} (${u.id})</a></li>`;
    })
    .join('');
  return {
    text: `<!doctype html><title>Log in (Discord emulator)</title><h1>Log in as</h1><ul>${links}</ul>`,
  };
}

/** Client authentication: HTTP Basic or client_id/client_secret in the form. */
function clientOk(req: RouteRequest, form: Record<string, string>): boolean {
  let id = form.client_id;
  let secret = form.client_secret;
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Basic ')) {
    const [u, p] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':', 2);
    id = decodeURIComponent(u ?? '');
    secret = decodeURIComponent(p ?? '');
  }
  return id === req.emu.application.clientId && secret === req.emu.application.clientSecret;
}

function readForm(req: RouteRequest): Record<string, string> | undefined {
  const type = String(req.headers['content-type'] ?? '');
  // Discord's token endpoint only reads form bodies; JSON gets the same error as a missing grant.
  if (!type.includes('application/x-www-form-urlencoded')) return undefined;
  return (req.body ?? {}) as Record<string, string>;
}

function issue(emu: EmulatorContext, userId: string, scopes: string[]): RouteResponse {
  const accessToken = randomBytes(24).toString('base64url');
  const refreshToken = randomBytes(24).toString('base64url');
  emu.state.data.oauthTokens.set(accessToken, {
    accessToken,
    refreshToken,
    userId,
    scopes,
    expiresAt: Date.now() + ACCESS_TTL_S * 1000,
  });
  return {
    body: {
      token_type: 'Bearer',
      access_token: accessToken,
      expires_in: ACCESS_TTL_S,
      refresh_token: refreshToken,
      scope: scopes.join(' '),
    },
  };
}

function token(req: RouteRequest): RouteResponse {
  const form = readForm(req);
  if (!form) return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
  if (!clientOk(req, form)) return oauthError(401, 'invalid_client', 'Invalid client');
  const tokens = req.emu.state.data.oauthTokens;
  if (form.grant_type === 'authorization_code') {
    const store = oauth2Of(req.emu.state);
    const grant = form.code ? store.codes.get(form.code) : undefined;
    // A code works once, for its client and redirect_uri, within 10 minutes.
    if (form.code) store.codes.delete(form.code);
    if (!grant || grant.expiresAt < Date.now() || grant.clientId !== req.emu.application.clientId) {
      return oauthError(400, 'invalid_grant', `Invalid "code" in request.`);
    }
    if (form.redirect_uri !== grant.redirectUri)
      return oauthError(400, 'invalid_grant', 'Invalid "redirect_uri" in request.');
    return issue(req.emu, grant.userId, grant.scopes);
  }
  if (form.grant_type === 'refresh_token') {
    const current = [...tokens.values()].find((t) => t.refreshToken === form.refresh_token);
    if (!current) return oauthError(400, 'invalid_grant', 'Invalid "refresh_token" in request.');
    tokens.delete(current.accessToken);
    return issue(req.emu, current.userId, current.scopes);
  }
  return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type');
}

function revoke(req: RouteRequest): RouteResponse {
  const form = readForm(req);
  if (!form) return oauthError(400, 'invalid_request', 'Form body required');
  if (!clientOk(req, form)) return oauthError(401, 'invalid_client', 'Invalid client');
  const tokens = req.emu.state.data.oauthTokens;
  for (const t of [...tokens.values()]) {
    if (t.accessToken === form.token || t.refreshToken === form.token) tokens.delete(t.accessToken);
  }
  return { body: {} };
}

/** Registers the OAuth2 routes. */
export function register(router: Router): void {
  router.page('GET', '/oauth2/authorize', authorize);
  router.route('POST', '/oauth2/token', token, { auth: 'none' });
  router.route('POST', '/oauth2/token/revoke', revoke, { auth: 'none' });
}

import type {
  RESTGetAPICurrentUserGuildsResult,
  RESTGetAPICurrentUserResult,
  RESTPostOAuth2AccessTokenResult,
} from 'discord-api-types/v10';
import { UpstreamError } from '../core/errors.js';

/** The signed-in user as kept in the session (no tokens: we do not need them after login). */
export interface OAuthUser {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
  locale?: string;
}

export interface OAuthGuild {
  id: string;
  name: string;
  icon: string | null;
}

export interface DiscordOAuthOptions {
  clientId: string;
  clientSecret: string;
  /** REST base without version, e.g. https://discord.com/api or the emulator's http://127.0.0.1:PORT/api */
  apiBase: string;
  /** Where the browser is sent to consent, e.g. https://discord.com (default: apiBase's origin). */
  oauthBase?: string;
  /** Our callback URL, registered with the Discord application. */
  redirectUri: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Discord OAuth2 authorization-code flow: the consent URL, the code exchange and the two reads we need. */
export interface DiscordOAuth {
  authorizeUrl(state: string): string;
  exchangeCode(code: string): Promise<string>;
  fetchUser(accessToken: string): Promise<OAuthUser>;
  fetchGuilds(accessToken: string): Promise<OAuthGuild[]>;
}

export const OAUTH_SCOPES = ['identify', 'guilds'] as const;

/**
 * Discord refused the authorization code (`invalid_grant`: unknown, expired or already used,
 * RFC 6749 §5.2). That is the browser's stale or replayed callback, not an outage: the person
 * only has to log in again.
 */
export class InvalidGrantError extends Error {
  constructor(description: string) {
    super(`Discord OAuth2 refused the code: ${description}`);
    this.name = 'InvalidGrantError';
  }
}

/**
 * Builds the OAuth2 client; a refused code becomes an InvalidGrantError, every other failure
 * of Discord's side an UpstreamError (502).
 */
export function createDiscordOAuth(options: DiscordOAuthOptions): DiscordOAuth {
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const oauthBase = (options.oauthBase ?? new URL(apiBase).origin).replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function call<T>(path: string, init: RequestInit): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(`${apiBase}${path}`, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (cause) {
      throw new UpstreamError(`Discord OAuth2 request to ${path} failed`, { cause });
    }
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      const grant = response.status === 400 ? invalidGrant(body) : undefined;
      if (grant !== undefined) throw new InvalidGrantError(grant);
      throw new UpstreamError(`Discord OAuth2 ${path} answered ${response.status}: ${body.slice(0, 200)}`);
    }
    return (await response.json()) as T;
  }

  const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

  return {
    authorizeUrl(state) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        scope: OAUTH_SCOPES.join(' '),
        redirect_uri: options.redirectUri,
        state,
        prompt: 'none',
      });
      return `${oauthBase}/oauth2/authorize?${query}`;
    },
    async exchangeCode(code) {
      const body = new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: options.redirectUri,
      });
      const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString('base64');
      const token = await call<RESTPostOAuth2AccessTokenResult>('/oauth2/token', {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      if (!token.access_token) throw new UpstreamError('Discord OAuth2 token response had no access_token');
      return token.access_token;
    },
    async fetchUser(accessToken) {
      const user = await call<RESTGetAPICurrentUserResult>('/v10/users/@me', bearer(accessToken));
      return {
        id: user.id,
        username: user.username,
        globalName: user.global_name ?? null,
        avatar: user.avatar ?? null,
        ...(user.locale ? { locale: user.locale } : {}),
      };
    },
    async fetchGuilds(accessToken) {
      const guilds = await call<RESTGetAPICurrentUserGuildsResult>(
        '/v10/users/@me/guilds',
        bearer(accessToken),
      );
      return guilds.map((g) => ({ id: g.id, name: g.name, icon: g.icon }));
    },
  };
}

/** The description of an OAuth2 `invalid_grant` error body, or undefined for any other body. */
function invalidGrant(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    if (parsed.error !== 'invalid_grant') return undefined;
    return typeof parsed.error_description === 'string' ? parsed.error_description : 'invalid_grant';
  } catch {
    return undefined;
  }
}

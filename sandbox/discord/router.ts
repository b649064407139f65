/**
 * The route table every REST module plugs into.
 *
 * A module under rest/ exports `register(router: Router): void` and calls
 * `router.route('GET', '/channels/:channelId', handler, options)` for API routes (served under
 * `/api/v10`, `/api/v9` and `/api`) or `router.page(...)` for paths outside the API
 * (e.g. `/oauth2/authorize`, `/_emulator/...`). A handler returns a `RouteResponse` (or nothing
 * for 204) and throws `DiscordApiError` for Discord-shaped failures.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { APIUser } from 'discord-api-types/v10';
import type { EmulatorContext } from './context.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who made the request, resolved from the Authorization header before the handler runs. */
export type RequestAuth =
  | { kind: 'bot'; user: APIUser }
  | { kind: 'bearer'; user: APIUser; scopes: string[]; token: string }
  | { kind: 'none' };

/** An uploaded file from a multipart request (`files[n]`). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface RouteRequest {
  method: HttpMethod;
  /** The path without `/api/v10` (API routes) or the full path (pages). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON, `payload_json` of a multipart body, or a urlencoded form as an object; undefined if empty. */
  body: unknown;
  files: UploadedFile[];
  headers: IncomingHttpHeaders;
  /** The TCP peer's address as the socket reports it ('' if unknown), e.g. '127.0.0.1' or '::ffff:127.0.0.1'. */
  remoteAddress: string;
  auth: RequestAuth;
  /** X-Audit-Log-Reason, decoded. */
  reason?: string;
  emu: EmulatorContext;
}

export interface RouteResponse {
  status?: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as-is with `contentType` (default text/html). */
  text?: string;
  /** Bytes sent as-is with `contentType` (default application/octet-stream). */
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Sends 302 with this Location. */
  redirect?: string;
  /** Takes over the response after the status and headers are sent (Server-Sent Events). */
  stream?: (res: ServerResponse) => void;
}

export type RouteHandler = (req: RouteRequest) => RouteResponse | void | Promise<RouteResponse | void>;

export interface RouteOptions {
  /**
   * 'bot' (default): `Authorization: Bot <token>` required; 'bearer': an OAuth2 access token;
   * 'any': either; 'none': no auth (webhooks with a token in the path, OAuth2 token exchange).
   */
  auth?: 'bot' | 'bearer' | 'any' | 'none';
  /** Rate-limit bucket name; defaults to `METHOD pattern` with major parameters kept. */
  bucket?: string;
}

export interface Route {
  method: HttpMethod;
  pattern: string;
  kind: 'api' | 'page';
  regex: RegExp;
  keys: string[];
  handler: RouteHandler;
  options: Required<Pick<RouteOptions, 'auth'>> & RouteOptions;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

function compile(pattern: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = pattern
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        keys.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source}/?$`), keys };
}

export class Router {
  readonly routes: Route[] = [];

  /** Registers an API route; `pattern` is relative to `/api/v10`, e.g. `/guilds/:guildId/members/:userId`. */
  route(method: HttpMethod, pattern: string, handler: RouteHandler, options: RouteOptions = {}): void {
    this.add('api', method, pattern, handler, options);
  }

  /** Registers a route outside the API (absolute path), e.g. `/oauth2/authorize` or `/_emulator/members`. */
  page(method: HttpMethod, pattern: string, handler: RouteHandler, options: RouteOptions = {}): void {
    this.add('page', method, pattern, handler, { auth: 'none', ...options });
  }

  private add(
    kind: Route['kind'],
    method: HttpMethod,
    pattern: string,
    handler: RouteHandler,
    options: RouteOptions,
  ) {
    if (this.routes.some((r) => r.kind === kind && r.method === method && r.pattern === pattern)) {
      throw new Error(`Route registered twice: ${method} ${pattern}`);
    }
    const { regex, keys } = compile(pattern);
    this.routes.push({ method, pattern, kind, regex, keys, handler, options: { auth: 'bot', ...options } });
  }

  /** Finds the route for a method and path; `methodMismatch` tells 405 from 404. */
  match(kind: Route['kind'], method: string, path: string): RouteMatch | { methodMismatch: boolean } {
    let methodMismatch = false;
    for (const route of this.routes) {
      if (route.kind !== kind) continue;
      const m = route.regex.exec(path);
      if (!m) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1]!)));
      return { route, params };
    }
    return { methodMismatch };
  }
}

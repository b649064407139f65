import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * helmet with a strict Content-Security-Policy: scripts and styles only from our own origin,
 * never inline (no 'unsafe-inline'), so an injected <script> cannot run even if escaping failed.
 * Avatars and guild icons come from Discord's CDN.
 */
export function securityHeaders(options: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https://cdn.discordapp.com'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Upgrading to https on a plain-http sandbox would break every asset.
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.https,
  });
}

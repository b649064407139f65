import type { Router } from '../router.js';

/** GET /gateway and /gateway/bot: point discord.js at the emulator's own WebSocket. */
export function registerGatewayRoutes(router: Router): void {
  router.route('GET', '/gateway', ({ emu }) => ({ body: { url: emu.gatewayUrl } }), { auth: 'none' });
  router.route('GET', '/gateway/bot', ({ emu }) => ({
    body: {
      url: emu.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
    },
  }));
}

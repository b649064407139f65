import { Router } from 'express';
import { presentRelay, relayPeople } from './relay.presenter.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';

/** How many chains the relay page shows (newest activity first). */
const RELAY_CHAINS_SHOWN = 20;

/** GET /relay: the intro relay's chains. Mounted on the guild router (access checked); read-only. */
export function relayRoutes(deps: GuildPageDeps): Router {
  const { reads, names: nameOf } = deps;
  const router = Router({ mergeParams: true });
  router.get('/relay', async (_req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const status = await reads.relayStatus(guildId, RELAY_CHAINS_SHOWN);
    const names = await nameOf(guildId, relayPeople(status));
    const relay = presentRelay({ status, enabled: ctx.relayEnabled, names }, ctx);
    res.render('know/relay', guildPageLocals(res, 'relay', res.locals.t('web.relay.title'), ctx, { relay }));
  });
  return router;
}

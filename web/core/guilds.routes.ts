import { Router } from 'express';
import { requireLogin } from '../middleware/require-login.js';
import { requireGuildAccess } from '../middleware/require-guild-access.js';
import type { GuildAccess } from './guild-access.service.js';
import type { GuildPicker } from './guild-picker.service.js';
import type { GuildPageDeps, WebFeature } from './feature.js';

export interface GuildRoutesDeps extends GuildPageDeps {
  guildAccess: GuildAccess;
  picker: GuildPicker;
  /** The slices whose guild routes are mounted, in order (web/features.ts). */
  features: readonly WebFeature[];
}

/**
 * /guilds (picker) and everything under /guilds/:guildId. Every slice's routes are mounted on
 * `guild` below, which is only reachable through requireGuildAccess.
 * Dates follow the guild's time zone from GuildSettings (Asia/Tokyo by default).
 */
export function guildRoutes(deps: GuildRoutesDeps): Router {
  const router = Router();
  router.use('/guilds', requireLogin);

  router.get('/guilds', async (req, res) => {
    const user = req.session.user!;
    const guilds = await deps.picker.list(user.id, req.session.guilds ?? []);
    res.render('guilds/index', { title: res.locals.t('web.guilds.title'), guilds });
  });

  const guild = Router({ mergeParams: true });
  for (const feature of deps.features) if (feature.guildRoutes) guild.use(feature.guildRoutes(deps));
  router.use('/guilds/:guildId', requireGuildAccess(deps.guildAccess), guild);
  return router;
}

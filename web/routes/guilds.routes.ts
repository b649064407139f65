import { Router } from 'express';
import { requireLogin } from '../middleware/require-login.js';
import { requireGuildAccess } from '../middleware/require-guild-access.js';
import { presentOverview } from '../presenters/overview.presenter.js';
import type { GuildAccess } from '../services/guild-access.service.js';
import type { GuildPicker } from '../services/guild-picker.service.js';
import type { HealthLookup } from '../types.js';

export interface GuildRoutesDeps {
  guildAccess: GuildAccess;
  picker: GuildPicker;
  healthLookup: HealthLookup;
  timeZone: string;
}

/**
 * /guilds (picker) and everything under /guilds/:guildId. Every route of a guild lives on
 * `guild` below, which is only reachable through requireGuildAccess: add new guild pages there.
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
  guild.get('/', async (_req, res) => {
    const info = res.locals.guild!;
    const health = await deps.healthLookup(info.id);
    const overview = presentOverview(info, health, {
      t: res.locals.t,
      locale: res.locals.locale,
      timeZone: deps.timeZone,
    });
    res.format({
      html: () => res.render('guilds/overview', { title: overview.name, overview }),
      json: () => res.json(overview),
    });
  });

  router.use('/guilds/:guildId', requireGuildAccess(deps.guildAccess), guild);
  return router;
}

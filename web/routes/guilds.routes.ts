import { Router } from 'express';
import { requireLogin } from '../middleware/require-login.js';
import { requireGuildAccess } from '../middleware/require-guild-access.js';
import { overviewPeople, presentConnectOverview } from '../presenters/connect-overview.presenter.js';
import { presentOverview } from '../presenters/overview.presenter.js';
import type { ConnectReads } from '../services/connect-reads.js';
import type { MemberNameLookup } from '../services/member-names.js';
import type { GuildAccess } from '../services/guild-access.service.js';
import type { GuildPicker } from '../services/guild-picker.service.js';
import type { HealthLookup } from '../types.js';
import { connectRoutes } from './connect.routes.js';
import { guildContext, guildPageLocals } from './guild-page.js';

export interface GuildRoutesDeps {
  guildAccess: GuildAccess;
  picker: GuildPicker;
  healthLookup: HealthLookup;
  /** Connect & Know reads (shared/services by default). */
  reads: ConnectReads;
  /** Names people by intro name, else Discord name (web/services/member-names.ts). */
  names: MemberNameLookup;
  /** Rows per page of the member list (default 25). */
  pageSize?: number;
  now?: () => number;
}

const LATEST_INTROS = 5;
const OPEN_BATONS = 5;

/**
 * /guilds (picker) and everything under /guilds/:guildId. Every route of a guild lives on
 * `guild` below, which is only reachable through requireGuildAccess: add new guild pages there.
 * Dates follow the guild's time zone from GuildSettings (Asia/Tokyo by default).
 */
export function guildRoutes(deps: GuildRoutesDeps): Router {
  const router = Router();
  const { reads } = deps;
  router.use('/guilds', requireLogin);

  router.get('/guilds', async (req, res) => {
    const user = req.session.user!;
    const guilds = await deps.picker.list(user.id, req.session.guilds ?? []);
    res.render('guilds/index', { title: res.locals.t('web.guilds.title'), guilds });
  });

  const guild = Router({ mergeParams: true });
  guild.get('/', async (_req, res) => {
    const info = res.locals.guild!;
    const ctx = await guildContext(res, reads, info.id);
    const [health, counts, latest, batons, awaitingNomination] = await Promise.all([
      deps.healthLookup(info.id),
      reads.memberCounts(info.id),
      reads.latestIntros(info.id, LATEST_INTROS),
      reads.openRelayBatons(info.id, OPEN_BATONS),
      reads.batonsAwaitingNomination(info.id),
    ]);
    const names = await deps.names(info.id, overviewPeople(batons));
    const overview = presentOverview(info, health, ctx);
    const connect = presentConnectOverview({ counts, latest, batons, awaitingNomination, names }, ctx);
    res.format({
      html: () =>
        res.render(
          'guilds/overview',
          guildPageLocals(res, 'overview', overview.name, ctx, { overview, connect }),
        ),
      json: () => res.json({ ...overview, connect }),
    });
  });
  guild.use(
    connectRoutes({
      reads,
      names: deps.names,
      ...(deps.pageSize ? { pageSize: deps.pageSize } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    }),
  );

  router.use('/guilds/:guildId', requireGuildAccess(deps.guildAccess), guild);
  return router;
}

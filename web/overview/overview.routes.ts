import { Router } from 'express';
import { overviewPeople, presentConnectOverview } from './connect-card.presenter.js';
import { presentOverview } from './overview.presenter.js';
import { topConnectorsView } from '../connect/top-connectors.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';

const LATEST_INTROS = 5;
const OPEN_BATONS = 5;

/** GET / of a guild: bot health and the Connect & Know card (HTML or JSON). */
export function overviewRoutes(deps: GuildPageDeps): Router {
  const { reads } = deps;
  const router = Router({ mergeParams: true });
  router.get('/', async (_req, res) => {
    const info = res.locals.guild!;
    const ctx = await guildContext(res, reads, info.id);
    const [health, counts, members, latest, batons, awaitingNomination] = await Promise.all([
      deps.healthLookup(info.id),
      reads.memberCounts(info.id),
      reads.memberTotal(info.id),
      reads.latestIntros(info.id, LATEST_INTROS),
      reads.openRelayBatons(info.id, OPEN_BATONS),
      reads.batonsAwaitingNomination(info.id),
    ]);
    const names = await deps.names(info.id, overviewPeople(batons, latest));
    const overview = presentOverview(info, health, ctx);
    const connectors = await topConnectorsView(deps, info.id, ctx);
    const connect = presentConnectOverview(
      { counts, members, latest, batons, awaitingNomination, names },
      ctx,
    );
    res.format({
      html: () =>
        res.render(
          'overview/overview',
          guildPageLocals(res, 'overview', overview.name, ctx, { overview, connect, connectors }),
        ),
      json: () => res.json({ ...overview, connect, connectors }),
    });
  });
  return router;
}

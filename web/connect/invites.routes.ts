import { Router } from 'express';
import { presentInvites, invitePeople } from './invites.presenter.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';

const LEADERBOARD_SIZE = 20;

/** GET /invites: who brings people in. Mounted on the guild router (access checked); read-only. */
export function invitesRoutes(deps: GuildPageDeps): Router {
  const { reads, names: nameOf } = deps;
  const router = Router({ mergeParams: true });
  router.get('/invites', async (_req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const [leaderboard, cohorts, attribution] = await Promise.all([
      reads.inviteLeaderboard(guildId, LEADERBOARD_SIZE),
      reads.cohortInvites(guildId),
      reads.attributionCounts(guildId),
    ]);
    const names = await nameOf(guildId, invitePeople(leaderboard, cohorts));
    const invites = presentInvites({ leaderboard, cohorts, attribution, names }, ctx);
    res.render(
      'connect/invites',
      guildPageLocals(res, 'invites', res.locals.t('web.invites.title'), ctx, { invites }),
    );
  });
  return router;
}

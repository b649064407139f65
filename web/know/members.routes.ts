import { Router } from 'express';
import { presentMembers } from './members.presenter.js';
import { parseMembersQuery } from './members-query.schema.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';

/**
 * GET /members: the member list with filters. Mounted on the guild router (access checked);
 * read-only. Thin handler: validate → reads → presenter → view.
 */
export function membersRoutes(deps: GuildPageDeps): Router {
  const { reads, names: nameOf } = deps;
  const pageSize = deps.pageSize ?? 25;
  const now = deps.now ?? Date.now;
  const router = Router({ mergeParams: true });
  router.get('/members', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const query = parseMembersQuery(req.query as Record<string, unknown>, new Date(now()));
    const ctx = await guildContext(res, reads, guildId);
    // Bad filters are answered with the form and what to fix, not with a list they did not ask for.
    const valid = query.issues.length === 0;
    const [leaveYears, page] = await Promise.all([
      reads.knownLeaveYears(guildId),
      valid ? reads.listMembers(guildId, query.filter, { page: query.page, pageSize }) : undefined,
    ]);
    const people = page?.rows.flatMap((r) => (r.invitedBy ? [r.userId, r.invitedBy] : [r.userId])) ?? [];
    const names = await nameOf(guildId, people);
    const members = presentMembers(
      { guildId, form: query.form, issues: query.issues, leaveYears, names, ...(page ? { page } : {}) },
      ctx,
    );
    res.status(valid ? 200 : 400);
    res.render(
      'know/members',
      guildPageLocals(res, 'members', res.locals.t('web.members.title'), ctx, { members }),
    );
  });
  return router;
}

import { Router } from 'express';
import { presentInvites, invitePeople } from '../presenters/invites.presenter.js';
import { presentMembers } from '../presenters/members.presenter.js';
import { presentRelay, relayPeople } from '../presenters/relay.presenter.js';
import type { ConnectReads } from '../services/connect-reads.js';
import type { MemberNameLookup } from '../services/member-names.js';
import { parseMembersQuery } from '../validation/members-query.js';
import { guildContext, guildPageLocals } from './guild-page.js';

export interface ConnectRoutesDeps {
  reads: ConnectReads;
  /** Names people by intro name, else Discord name (web/services/member-names.ts). */
  names: MemberNameLookup;
  /** Rows per page of the member list (default 25). */
  pageSize?: number;
  now?: () => number;
}

/** How many chains the relay page shows (newest activity first). */
const RELAY_CHAINS_SHOWN = 20;
const LEADERBOARD_SIZE = 20;

/**
 * The Connect & Know pages of one guild: /members, /invites, /relay. Mounted on the guild
 * router, so requireGuildAccess has already run; everything here is read-only (GET), so no
 * CSRF token is needed. Thin handlers: validate → shared services (via `reads`) → presenter → view.
 */
export function connectRoutes(deps: ConnectRoutesDeps): Router {
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
      'guilds/members',
      guildPageLocals(res, 'members', res.locals.t('web.members.title'), ctx, { members }),
    );
  });

  router.get('/invites', async (_req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const [leaderboard, cohorts, attribution] = await Promise.all([
      reads.inviteLeaderboard(guildId, LEADERBOARD_SIZE),
      reads.cohortInvites(guildId),
      reads.attributionCounts(guildId),
    ]);
    const names = await nameOf(guildId, invitePeople(leaderboard));
    const invites = presentInvites({ leaderboard, cohorts, attribution, names }, ctx);
    res.render(
      'guilds/invites',
      guildPageLocals(res, 'invites', res.locals.t('web.invites.title'), ctx, { invites }),
    );
  });

  router.get('/relay', async (_req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const status = await reads.relayStatus(guildId, RELAY_CHAINS_SHOWN);
    const names = await nameOf(guildId, relayPeople(status));
    const relay = presentRelay({ status, enabled: ctx.relayEnabled, names }, ctx);
    res.render(
      'guilds/relay',
      guildPageLocals(res, 'relay', res.locals.t('web.relay.title'), ctx, { relay }),
    );
  });

  return router;
}

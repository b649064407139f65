import { Router } from 'express';
import { z } from 'zod';
import { presentRelay, relayPeople } from './relay.presenter.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';
import { parseFields } from '../core/query-schema.js';
import { BadRequestError, ForbiddenError, HttpError } from '../core/errors.js';
import { mayNominate } from './relay-policy.js';
import { RELAY_NOMINATE_JOB } from '../../shared/know/relay-organiser.service.js';

/** How many chains the relay page lists in full (longest first). */
const RELAY_CHAINS_SHOWN = 20;
/** Candidates offered in a chain's nominate form (a plain <select>, no Discord limit here). */
const CANDIDATES_OFFERED = 200;

/**
 * GET /relay: the intro relay's chains, the batons waiting and for how long. POST
 * /relay/nominate: an organiser (the same policy as `/relay nominate`: relay-policy.ts; every
 * page here is behind requireGuildAccess, which also lets moderators see it) hands a waiting
 * baton to a member: the request (with its id) is written on the chain, the worker's
 * `relay.nominate` job carries that request out in Discord and writes the outcome back.
 */
export function relayRoutes(deps: GuildPageDeps): Router {
  const { reads, names: nameOf } = deps;
  const now = deps.now ?? Date.now;
  const router = Router({ mergeParams: true });
  router.get('/relay', async (_req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const [status, dashboard, candidates, organiserRole] = await Promise.all([
      // Only the guild-wide totals are used from here (one chain is the least it loads).
      reads.relayStatus(guildId, 1),
      reads.relayDashboard(guildId, new Date(now())),
      reads.relayCandidates(guildId, CANDIDATES_OFFERED),
      reads.organiserRole(guildId),
    ]);
    const organiser = mayNominate(res.locals.access, organiserRole);
    const limited = { ...dashboard, chains: dashboard.chains.slice(0, RELAY_CHAINS_SHOWN) };
    const names = await nameOf(guildId, [...relayPeople(limited), ...candidates]);
    const relay = presentRelay(
      {
        status,
        dashboard: limited,
        candidates,
        enabled: ctx.relayEnabled,
        names,
        canNominate: !!deps.jobs,
        organiser,
      },
      ctx,
    );
    res.render('know/relay', guildPageLocals(res, 'relay', res.locals.t('web.relay.title'), ctx, { relay }));
  });

  router.post('/relay/nominate', async (req, res) => {
    const guildId = res.locals.guild!.id;
    if (!mayNominate(res.locals.access, await reads.organiserRole(guildId)))
      throw new ForbiddenError('web.relay.nominate.organisersOnly', 'not an organiser');
    const { values, issues } = parseFields(
      {
        chainId: { schema: z.string().regex(/^[a-f0-9]{24}$/), key: 'web.relay.nominate.badChain' },
        nomineeId: { schema: z.string().regex(/^\d{17,20}$/), key: 'web.relay.nominate.badNominee' },
      },
      (req.body ?? {}) as Record<string, unknown>,
    );
    const [issue] = issues;
    if (issue) throw new BadRequestError(issue.key);
    if (!values.chainId) throw new BadRequestError('web.relay.nominate.badChain');
    if (!values.nomineeId) throw new BadRequestError('web.relay.nominate.badNominee');
    if (!deps.jobs) throw new HttpError(503, 'web.relay.nominate.noWorker', 'no job queue', true);
    // A second request while one is queued answers 409 (the page shows the queued one).
    const { requestId } = await reads.requestRelayNomination({
      guildId,
      chainId: values.chainId,
      nomineeId: values.nomineeId,
      now: new Date(now()),
    });
    await deps.jobs.now(RELAY_NOMINATE_JOB, {
      guildId,
      chainId: values.chainId,
      nomineeId: values.nomineeId,
      requestId,
    });
    res.redirect(303, `/guilds/${guildId}/relay#chain-${values.chainId}`);
  });
  return router;
}

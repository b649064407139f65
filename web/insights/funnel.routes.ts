import { Router } from 'express';
import type { GuildPageDeps } from '../core/feature.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import { parseFunnelQuery } from './funnel-query.schema.js';
import { presentFunnel } from './funnel.presenter.js';

/** GET /insights/funnel (page) and /insights/funnel.json: the activation funnel and retention cohorts. */
export function funnelRoutes(deps: GuildPageDeps): Router {
  const { reads } = deps;
  const now = deps.now ?? Date.now;
  const router = Router({ mergeParams: true });

  const load = async (guildId: string, query: Record<string, unknown>, zone: string) => {
    const at = new Date(now());
    const parsed = parseFunnelQuery(query, at);
    if (parsed.issues.length > 0) return { parsed };
    const data = await reads.insightsFunnel(guildId, {
      filter: parsed.filter,
      zone,
      now: at,
      activeMinutes: parsed.form.active,
    });
    return { parsed, data };
  };

  router.get('/insights/funnel.json', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const { parsed, data } = await load(guildId, req.query as Record<string, unknown>, ctx.timeZone);
    if (!data) {
      res
        .status(400)
        .json({ errors: parsed.issues.map((i) => ({ field: i.field, message: ctx.t(i.key, i.vars) })) });
      return;
    }
    res.json({ zone: ctx.timeZone, filter: parsed.filter, activeMinutes: parsed.form.active, ...data });
  });

  router.get('/insights/funnel', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const { parsed, data } = await load(guildId, req.query as Record<string, unknown>, ctx.timeZone);
    const funnel = presentFunnel(
      { guildId, form: parsed.form, issues: parsed.issues, ...(data ? { data } : {}) },
      ctx,
    );
    res.status(data ? 200 : 400);
    res.render(
      'insights/funnel',
      guildPageLocals(res, 'funnel', ctx.t('insights.funnel.title'), ctx, { funnel }),
    );
  });
  return router;
}

import { Router } from 'express';
import type { GuildPageDeps } from '../core/feature.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import { previousPeriod } from '../../shared/insights/fold.js';
import { localDayOf } from '../../shared/insights/hours.js';
import { parseTrendsQuery } from './trends-query.schema.js';
import { presentTrends } from './trends.presenter.js';

/**
 * GET /insights/trends (the page) and /insights/trends.json (the same figures for scripts and
 * spreadsheets). Read-only, rollups only: validate → reads → presenter → view.
 */
export function trendsRoutes(deps: GuildPageDeps): Router {
  const { reads } = deps;
  const now = deps.now ?? Date.now;
  const router = Router({ mergeParams: true });

  const load = async (guildId: string, query: Record<string, unknown>, zone: string) => {
    const parsed = parseTrendsQuery(query, localDayOf(new Date(now()), zone));
    if (!parsed.period) return { parsed };
    const data = await reads.insightsTrends(guildId, {
      period: parsed.period,
      size: parsed.form.bucket,
      activeMinutes: parsed.form.active,
      zone,
    });
    return { parsed, data, previous: previousPeriod(parsed.period) };
  };

  router.get('/insights/trends.json', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const { parsed, data, previous } = await load(
      guildId,
      req.query as Record<string, unknown>,
      ctx.timeZone,
    );
    if (!data) {
      res
        .status(400)
        .json({ errors: parsed.issues.map((i) => ({ field: i.field, message: ctx.t(i.key, i.vars) })) });
      return;
    }
    res.json({
      zone: ctx.timeZone,
      period: parsed.period,
      previous,
      bucket: parsed.form.bucket,
      activeMinutes: parsed.form.active,
      ...data,
    });
  });

  router.get('/insights/trends', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const { parsed, data, previous } = await load(
      guildId,
      req.query as Record<string, unknown>,
      ctx.timeZone,
    );
    const trends = presentTrends(
      { guildId, form: parsed.form, issues: parsed.issues, ...(data ? { data, previous: previous! } : {}) },
      ctx,
    );
    res.status(data ? 200 : 400);
    res.render(
      'insights/trends',
      guildPageLocals(res, 'trends', ctx.t('insights.trends.title'), ctx, {
        trends,
        guildZone: ctx.timeZone,
      }),
    );
  });
  return router;
}

import { Router } from 'express';
import type { GuildPageDeps } from '../core/feature.js';

/** The old member list's filters; the Insights directory reads them under the same names. */
const CARRIED = ['introduced', 'leaveYear', 'industry', 'page'] as const;

/**
 * GET /members: the old member list, retired for the Insights directory (the same filters and
 * names, plus search, sorting, more filters, activity, member pages, CSV and JSON). Bookmarks
 * keep working: a permanent redirect carries the filters over. Mounted on the guild router, so
 * access is checked before anyone learns where the list went.
 */
export function membersRoutes(_deps: GuildPageDeps): Router {
  const router = Router({ mergeParams: true });
  router.get('/members', (req, res) => {
    const params = new URLSearchParams();
    for (const key of CARRIED) {
      const value = req.query[key];
      // A repeated or odd parameter is passed on as is, for the directory to refuse with its own message.
      for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
        if (typeof v === 'string') params.append(key, v);
    }
    const query = params.toString();
    res.redirect(301, `/guilds/${res.locals.guild!.id}/insights/directory${query ? `?${query}` : ''}`);
  });
  return router;
}

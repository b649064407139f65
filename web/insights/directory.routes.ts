import { Router, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { GuildPageDeps } from '../core/feature.js';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { PresentContext } from '../core/format.js';
import type { FieldIssue } from '../core/query-schema.js';
import { filterDirectory, sortDirectory, type DirectoryRow } from '../../shared/insights/directory.js';
import { DomainError } from '../../shared/errors.js';
import { attributeLabelKey, type AttributeKind } from '../../shared/kernel/profile-attributes.js';
import { parseDirectoryQuery } from './directory-query.schema.js';
import {
  directoryJson,
  directoryTable,
  presentDirectory,
  rowNamer,
  searchTexts,
} from './directory.presenter.js';
import { presentMember } from './member.presenter.js';

const SNOWFLAKE = /^\d{17,20}$/;
const PAGE_SIZE = 50;

/**
 * GET /insights/directory (page, 50 a page), .csv (Excel in Japan: UTF-8 BOM; cells starting
 * with = + - @ tab CR escaped against formula injection) and .json (every row), and
 * /insights/directory/:userId (the member page, ?as=staff previews the staff's view).
 */
export function directoryRoutes(deps: GuildPageDeps): Router {
  const { reads, names: nameOf } = deps;
  const now = deps.now ?? Date.now;
  const router = Router({ mergeParams: true });

  /** The filtered, sorted rows and the names they need (intro, else Discord). */
  const load = async (res: Response, query: Record<string, unknown>) => {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const parsed = parseDirectoryQuery(query, new Date(now()));
    const all = await reads.insightsDirectory(guildId);
    const ids = [...new Set(all.flatMap((r) => (r.invitedBy ? [r.userId, r.invitedBy] : [r.userId])))];
    const names = await nameOf(guildId, ids);
    const name = rowNamer(ctx, names);
    const label = (kind: string, value: string) => ctx.t(attributeLabelKey(kind as AttributeKind, value));
    // Sorted by the label shown, searched in the raw name and the username.
    const nameOfRow = (r: DirectoryRow) => name(r.userId, r.displayName);
    const rows =
      parsed.issues.length > 0
        ? undefined
        : sortDirectory(
            filterDirectory(all, parsed.query, searchTexts(names)),
            parsed.query,
            nameOfRow,
            ctx.locale,
            label,
          );
    const leaveYears = [...new Set(all.flatMap((r) => (r.leaveYear === null ? [] : [r.leaveYear])))];
    return { guildId, ctx, parsed, rows, names, leaveYears };
  };

  const refuse = (res: Response, ctx: PresentContext, issues: readonly FieldIssue[]) =>
    res.status(400).json({ errors: issues.map((i) => ({ field: i.field, message: ctx.t(i.key, i.vars) })) });

  router.get('/insights/directory.json', async (req, res) => {
    const { ctx, parsed, rows, names } = await load(res, req.query as Record<string, unknown>);
    if (!rows) return void refuse(res, ctx, parsed.issues);
    res.json({ total: rows.length, members: directoryJson(rows, names) });
  });

  router.get('/insights/directory.csv', async (req, res) => {
    const { ctx, parsed, rows, names, guildId } = await load(res, req.query as Record<string, unknown>);
    if (!rows) return void refuse(res, ctx, parsed.issues);
    const csv = stringify(directoryTable(rows, names, ctx), {
      bom: true,
      escape_formulas: true,
      record_delimiter: 'windows',
    });
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="members-${guildId}.csv"`);
    res.set('Cache-Control', 'no-store');
    res.send(csv);
  });

  router.get('/insights/directory', async (req, res) => {
    const { guildId, ctx, parsed, rows, names, leaveYears } = await load(
      res,
      req.query as Record<string, unknown>,
    );
    const directory = presentDirectory(
      {
        guildId,
        form: parsed.form,
        issues: parsed.issues,
        leaveYears,
        page: parsed.page,
        pageSize: deps.pageSize ?? PAGE_SIZE,
        names,
        ...(rows ? { rows } : {}),
      },
      ctx,
    );
    res.status(rows ? 200 : 400);
    res.render(
      'insights/directory',
      guildPageLocals(res, 'directory', ctx.t('insights.directory.title'), ctx, { directory }),
    );
  });

  router.get('/insights/directory/:userId', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const userId = String(req.params.userId);
    if (!SNOWFLAKE.test(userId)) throw new DomainError('NOT_FOUND', 'insights.member.notFound');
    const ctx = await guildContext(res, reads, guildId);
    const detail = await reads.insightsMember(guildId, userId);
    const people = [userId, ...(detail.invitedBy ? [detail.invitedBy] : []), ...detail.invited];
    const names = await nameOf(guildId, people);
    const audience = req.query.as === 'staff' ? 'staff' : 'alumni';
    const member = presentMember({ guildId, detail, audience, names }, ctx);
    res.render('insights/member', guildPageLocals(res, 'directory', member.name, ctx, { member }));
  });
  return router;
}

import { Router, type Response } from 'express';
import { guildContext, guildPageLocals } from '../core/guild-page.js';
import type { GuildPageDeps } from '../core/feature.js';
import { HttpError, NotFoundError } from '../core/errors.js';
import { EVENT_REQUEST_JOB } from '../../shared/deepen/events/event-jobs.job.js';
import { describeDomainError, isDomainError, localizeIssue, type FieldIssue } from '../../shared/errors.js';
import type { Locale, MessageKey } from '../../shared/i18n/index.js';
import { checkEventInput, readRepeat } from '../../shared/deepen/events/event-input.js';
import { CANCEL_SCOPE, EDIT_FLAGS, OCCURRENCE_ID, parseEventForm } from './events.schema.js';
import { presentEventsPage, presentOccurrence, type FormState } from './events.presenter.js';

const EMPTY: FormState = { values: {}, errors: [] };

/** Form values as typed (strings only), to show the form again with its errors. */
function typed(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>))
    if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

function formErrors(locale: Locale, issues: { key: MessageKey; vars: FieldIssue['vars'] }[]): string[] {
  return issues.map((i) => localizeIssue(locale, { field: '', i18nKey: i.key, vars: i.vars }));
}

/**
 * GET /events: upcoming and past occurrences with RSVPs and attendance, the latest dashboard
 * requests and their outcomes, the create form (natural-language time with a live preview from
 * GET /events/preview). GET /events/:id: one occurrence, its people, edit and cancel forms.
 * POSTs check the form here (localized errors at once), store the request and enqueue
 * `deepen:event:request`; the worker does it in Discord and writes the outcome the page shows.
 */
export function eventsRoutes(deps: GuildPageDeps): Router {
  const { reads } = deps;
  const now = () => new Date((deps.now ?? Date.now)());
  const router = Router({ mergeParams: true });

  async function renderList(res: Response, form: FormState, status = 200) {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const [upcoming, past, requests, reminders] = await Promise.all([
      reads.eventsUpcoming(guildId, now()),
      reads.eventsPast(guildId),
      reads.eventRequests(guildId),
      reads.eventReminderMinutes(guildId),
    ]);
    const feedback = await reads.eventFeedback(past.map((o) => o.occurrenceId));
    const events = presentEventsPage(
      { guildId, upcoming, past, requests, form, reminders, feedback, canAct: !!deps.jobs },
      ctx,
    );
    res
      .status(status)
      .render(
        'deepen/events',
        guildPageLocals(res, 'events', res.locals.t('deepen.events.web.title'), ctx, { events }),
      );
  }

  async function renderOne(res: Response, occurrenceId: string, form: FormState, status = 200) {
    const guildId = res.locals.guild!.id;
    const ctx = await guildContext(res, reads, guildId);
    const occ = await reads.eventOccurrence(guildId, occurrenceId);
    const lobbies = await reads.eventVoiceChannels(guildId);
    const view = presentOccurrence(
      { guildId, occ, names: new Map(), form, canAct: !!deps.jobs, lobbies },
      ctx,
    );
    const names = await deps.names(guildId, view.people);
    const feedback = (await reads.eventFeedback([occurrenceId])).get(occurrenceId);
    const event = {
      ...presentOccurrence({ guildId, occ, names, form, canAct: !!deps.jobs, lobbies }, ctx),
      rating:
        feedback?.average != null
          ? res.locals.t('deepen.events.web.rating', { average: feedback.average, count: feedback.count })
          : null,
    };
    res.status(status).render('deepen/event', guildPageLocals(res, 'events', occ.title, ctx, { event }));
  }

  const jobs = () => {
    if (!deps.jobs) throw new HttpError(503, 'deepen.events.web.noWorker', 'no job queue', true);
    return deps.jobs;
  };
  const occurrenceParam = (id: unknown): string => {
    const parsed = OCCURRENCE_ID.safeParse(id);
    if (!parsed.success) throw new NotFoundError();
    return parsed.data;
  };

  router.get('/events', (_req, res) => renderList(res, EMPTY));

  router.get('/events/preview', async (req, res) => {
    const text = typeof req.query.when === 'string' ? req.query.when.slice(0, 100) : '';
    const preview = await reads.eventWhenPreview(res.locals.guild!.id, text, res.locals.locale, now());
    const t = res.locals.t;
    res.json({
      ...preview,
      message: preview.ok
        ? t('deepen.events.web.previewOk', { when: preview.wallClock!.replace('T', ' '), zone: preview.zone })
        : t(`deepen.events.when.${preview.reason ?? 'unparseable'}`, { value: text }),
    });
  });

  router.post('/events', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const { input, issues } = parseEventForm((req.body ?? {}) as Record<string, unknown>);
    const values = typed(req.body);
    if (issues.length > 0)
      return renderList(res, { values, errors: formErrors(res.locals.locale, issues) }, 400);
    const queue = jobs();
    try {
      const request = await reads.requestEventCreate({
        guildId,
        userId: res.locals.user!.id,
        input,
        locale: res.locals.locale,
        now: now(),
      });
      await queue.now(EVENT_REQUEST_JOB, { requestId: request.requestId });
    } catch (error) {
      if (!isDomainError(error) || error.kind === 'NOT_FOUND') throw error;
      return renderList(
        res,
        { values, errors: describeDomainError(res.locals.locale, error).split('\n') },
        400,
      );
    }
    res.redirect(303, `/guilds/${guildId}/events`);
  });

  // Reminder times are Tsunagu's own setting: written here, read by the worker when it schedules.
  router.post('/events/reminders', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const raw = typeof req.body?.reminders === 'string' ? req.body.reminders : '';
    const parts = raw.split(/[,、\s]+/).filter(Boolean);
    const minutes = parts.map((p: string) => (/^\d{1,5}$/.test(p) ? Number(p) : NaN));
    try {
      await reads.setEventReminderMinutes(guildId, minutes);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return renderList(
        res,
        { values: typed(req.body), errors: [describeDomainError(res.locals.locale, error)] },
        400,
      );
    }
    res.redirect(303, `/guilds/${guildId}/events`);
  });

  router.get('/events/:occurrenceId', (req, res) =>
    renderOne(res, occurrenceParam(req.params.occurrenceId), EMPTY),
  );

  router.post('/events/:occurrenceId/edit', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const occurrenceId = occurrenceParam(req.params.occurrenceId);
    const { input, issues } = parseEventForm((req.body ?? {}) as Record<string, unknown>);
    const values = typed(req.body);
    if (issues.length > 0)
      return renderOne(res, occurrenceId, { values, errors: formErrors(res.locals.locale, issues) }, 400);
    const queue = jobs();
    const occ = await reads.eventOccurrence(guildId, occurrenceId);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const flags = EDIT_FLAGS.safeParse(body).data;
    const refuse = (key: MessageKey, vars: FieldIssue['vars'] = {}) =>
      renderOne(res, occurrenceId, { values, errors: formErrors(res.locals.locale, [{ key, vars }]) }, 400);
    // The lobby comes from a select of the guild's voice channels: anything else is refused here
    // (the worker's list, so a channel deleted since is refused too).
    if (input.lobbyChannelId) {
      const lobbies = await reads.eventVoiceChannels(guildId);
      if (!lobbies?.some((c) => c.id === input.lobbyChannelId))
        return refuse('deepen.events.error.lobbyNotVoice');
    }
    if (input.repeat && flags?.stopRepeating) return refuse('deepen.events.error.repeatBoth');
    if (input.repeat) {
      const { issue } = readRepeat(input.repeat, occ.localDate);
      if (issue) return refuse(issue.i18nKey, issue.vars);
    }
    // Empty fields leave things as they are; removing a limit or a description is said explicitly.
    const patch = {
      ...(input.title ? { title: input.title } : {}),
      ...(input.when ? { when: input.when } : {}),
      ...(input.durationMinutes != null ? { durationMinutes: input.durationMinutes } : {}),
      ...(input.capacity != null ? { capacity: input.capacity } : {}),
      ...(flags?.noCapacity ? { capacity: null } : {}),
      ...(input.description != null ? { description: input.description } : {}),
      ...(flags?.clearDescription ? { description: '' } : {}),
      ...(input.lobbyChannelId ? { lobbyChannelId: input.lobbyChannelId } : {}),
      ...(input.repeat ? { repeat: input.repeat } : {}),
      ...(flags?.stopRepeating ? { repeat: null } : {}),
    };
    // The worker checks again when it carries the edit out; the form is answered now.
    const { issues: check } = checkEventInput(
      { ...occ, ...patch, when: '', mixer: null },
      { lobbyChannelId: occ.lobbyChannelId },
    );
    if (check.length > 0)
      return renderOne(
        res,
        occurrenceId,
        { values, errors: check.map((i) => localizeIssue(res.locals.locale, i)) },
        400,
      );
    const request = await reads.requestEventEdit({
      guildId,
      userId: res.locals.user!.id,
      occurrenceId,
      patch,
      locale: res.locals.locale,
    });
    await queue.now(EVENT_REQUEST_JOB, { requestId: request.requestId });
    res.redirect(303, `/guilds/${guildId}/events`);
  });

  router.post('/events/:occurrenceId/cancel', async (req, res) => {
    const guildId = res.locals.guild!.id;
    const occurrenceId = occurrenceParam(req.params.occurrenceId);
    const queue = jobs();
    await reads.eventOccurrence(guildId, occurrenceId);
    const scope = CANCEL_SCOPE.safeParse((req.body ?? {}) as Record<string, unknown>);
    if (!scope.success)
      return renderOne(
        res,
        occurrenceId,
        { values: {}, errors: [res.locals.t('deepen.events.error.scope')] },
        400,
      );
    const request = await reads.requestEventCancel({
      guildId,
      userId: res.locals.user!.id,
      occurrenceId,
      wholeSeries: scope.data.scope === 'series',
    });
    await queue.now(EVENT_REQUEST_JOB, { requestId: request.requestId });
    res.redirect(303, `/guilds/${guildId}/events`);
  });
  return router;
}

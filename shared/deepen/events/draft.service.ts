/**
 * Creating an event happens in two steps: `draftEvent` reads the typed time in the guild's zone
 * and stores a draft (nothing in Discord yet); `confirmDraft` turns it into a series and its first
 * occurrences once the organiser has seen the parsed time. A double click confirms once.
 */
import { Types } from 'mongoose';
import { DomainError, throwIfIssues } from '../../errors.js';
import { getGuildSettings } from '../../kernel/guild-settings.service.js';
import {
  localDateOf,
  nextOccurrences,
  parseWhen,
  wallClockOf,
  wallClockToInstant,
  type Recurrence,
  type WhenLocale,
} from '../when/index.js';
import { checkEventInput, readRepeat, type CheckedInput, type EventInput } from './event-input.js';
import { EventDraft } from './event.model.js';
import { assertNoOverlap } from './overlap.js';
import { createSeries } from './series.service.js';
import type { OccurrenceView, SeriesView } from './event-view.js';

/** How long a confirm button stays valid. */
export const DRAFT_TTL_MS = 30 * 60_000;

export type DraftResult =
  | {
      ok: true;
      draftId: string;
      start: Date;
      end: Date;
      zone: string;
      wallClock: string;
      recurrence: Recurrence | null;
      checked: CheckedInput;
      assumed: string[];
    }
  | { ok: false; reason: 'unparseable' | 'past' | 'ambiguous'; suggestions: Date[] };

export interface DraftRequest {
  guildId: string;
  organiserId: string;
  input: EventInput;
  locale: WhenLocale;
  now: Date;
}

/**
 * Reads and checks the request; the start a person must confirm, or suggestions when unreadable.
 * `fixedStart` (a confirmed draft) replaces reading `when` again; it must still be ahead.
 */
export async function previewEvent(req: DraftRequest, fixedStart?: Date) {
  const settings = await getGuildSettings(req.guildId);
  const { value: checked, issues } = checkEventInput(req.input, { lobbyChannelId: settings.channels.lobby });
  const zone = settings.timeZone;
  // Whether the repeat words are readable does not depend on the date: report it with the rest.
  const repeatIssue = readRepeat(req.input.repeat, localDateOf(req.now, zone)).issue;
  throwIfIssues(repeatIssue ? [...issues, repeatIssue] : issues);
  const when = fixedStart
    ? fixedStart > req.now
      ? { ok: true as const, start: fixedStart, wallClock: wallClockOf(fixedStart, zone) }
      : { ok: false as const, reason: 'past' as const, suggestions: [] }
    : parseWhen(req.input.when, { zone, now: req.now, locale: req.locale });
  if (!when.ok) return { result: { ok: false as const, reason: when.reason, suggestions: when.suggestions } };
  const { recurrence, issue } = readRepeat(req.input.repeat, localDateOf(when.start, zone));
  if (issue) throwIfIssues([issue]);
  if (recurrence) assertFirstOfSeries(zone, when.wallClock, recurrence, req.input.when);
  const end = new Date(when.start.getTime() + checked.durationMinutes * 60_000);
  await assertNoOverlap(req.guildId, checked.lobbyChannelId, when.start, end, zone);
  return {
    result: {
      ok: true as const,
      start: when.start,
      end,
      zone,
      wallClock: when.wallClock,
      recurrence,
      checked,
      assumed: ('assumed' in when ? when.assumed : undefined) ?? [],
    },
  };
}

/**
 * The confirm screen shows the first occurrence: a date the repeat does not land on ("明日 20時"
 * with 第2土曜) would show, and check the lobby at, a time never created. Refuse it and suggest
 * the series' real first date.
 * @throws DomainError INVALID_INPUT on `when`
 */
function assertFirstOfSeries(zone: string, wallClock: string, recurrence: Recurrence, typed: string) {
  const [startDate, wallTime] = wallClock.split('T') as [string, string];
  const typedStart = wallClockToInstant(zone, startDate, wallTime);
  const [first] = nextOccurrences(
    { zone, wallTime, startDate, recurrence, skips: [] },
    new Date(typedStart.getTime() - 1),
    1,
  );
  if (first && first.start.getTime() === typedStart.getTime()) return;
  const vars = { value: typed, first: first ? wallClockOf(first.start, zone).replace('T', ' ') : '—' };
  throw new DomainError('INVALID_INPUT', 'deepen.events.error.repeatMismatch', vars, {
    issues: [{ field: 'when', i18nKey: 'deepen.events.error.repeatMismatch', vars }],
  });
}

/**
 * Reads and checks an event request, and stores a draft to confirm.
 * @throws DomainError INVALID_INPUT (field issues), CONFLICT (another event in the lobby then)
 */
export async function draftEvent(req: DraftRequest): Promise<DraftResult> {
  const { result } = await previewEvent(req);
  if (!result.ok) return result;
  const draft = await EventDraft.create({
    guildId: req.guildId,
    organiserId: req.organiserId,
    input: { ...req.input, locale: req.locale },
    start: result.start,
    expiresAt: new Date(req.now.getTime() + DRAFT_TTL_MS),
  });
  return { ...result, draftId: String(draft._id) };
}

/**
 * Creates the series from a draft (once: the draft is taken atomically).
 * @throws DomainError NOT_FOUND when the draft expired or was already confirmed; INVALID_INPUT
 * when its time has passed meanwhile; CONFLICT when the lobby got another event meanwhile.
 */
export async function confirmDraft(args: {
  draftId: string;
  organiserId: string;
  now: Date;
}): Promise<{ series: SeriesView; occurrences: OccurrenceView[] }> {
  if (!Types.ObjectId.isValid(args.draftId))
    throw new DomainError('NOT_FOUND', 'deepen.events.error.draftGone');
  const draft = await EventDraft.findOneAndDelete({
    _id: args.draftId,
    organiserId: args.organiserId,
    expiresAt: { $gt: args.now },
  }).lean();
  if (!draft) throw new DomainError('NOT_FOUND', 'deepen.events.error.draftGone');
  const input = draft.input as EventInput & { locale: WhenLocale };
  const { result } = await previewEvent(
    { guildId: draft.guildId, organiserId: draft.organiserId, input, locale: input.locale, now: args.now },
    draft.start,
  );
  if (!result.ok)
    throw new DomainError('INVALID_INPUT', 'deepen.events.error.pastNow', {}, { reason: 'PAST' });
  return createSeries({
    guildId: draft.guildId,
    organiserId: draft.organiserId,
    checked: result.checked,
    zone: result.zone,
    wallClock: wallClockOf(draft.start, result.zone),
    recurrence: result.recurrence,
    now: args.now,
  });
}

/**
 * Series and their occurrences. Each occurrence is created ahead of time as its own document
 * (then its own Discord event), from the series' wall-clock time in its zone.
 */
import { Types } from 'mongoose';
import { DomainError, isDomainError } from '../../errors.js';
import { nextOccurrences, wallClockToInstant, type Recurrence, type Series } from '../when/index.js';
import type { CheckedInput } from './event-input.js';
import { EventOccurrence, EventSeries } from './event.model.js';
import { toOccurrenceView, toSeriesView, type OccurrenceView, type SeriesView } from './event-view.js';
import { assertNoOverlap, earlierOverlap, overlapError } from './overlap.js';

/** Occurrences kept ahead: at most this many… */
export const AHEAD_COUNT = 4;
/** …within this horizon (the next one is always created, however far). */
export const AHEAD_MS = 28 * 86_400_000;

/* eslint-disable @typescript-eslint/no-explicit-any -- lean documents of the inline schema */
export function seriesOf(doc: any): Series {
  return {
    zone: doc.zone,
    wallTime: doc.wallTime,
    startDate: doc.startDate,
    recurrence: doc.recurrence ?? { kind: 'weekly', interval: 1, weekday: 1 },
    ...(doc.until ? { until: doc.until } : {}),
    skips: doc.skips ?? [],
  };
}

function sharedFields(doc: any) {
  return {
    guildId: doc.guildId,
    title: doc.title,
    theme: doc.theme,
    description: doc.description ?? '',
    organiserId: doc.organiserId,
    lobbyChannelId: doc.lobbyChannelId,
    durationMinutes: doc.durationMinutes,
    capacity: doc.capacity ?? null,
    mixer: doc.mixer ?? null,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The local dates and starts the series should have as occurrences, from `now` on. */
export function wantedOccurrences(doc: Parameters<typeof seriesOf>[0], now: Date) {
  if (!doc.recurrence) return [];
  const next = nextOccurrences(seriesOf(doc), now, AHEAD_COUNT);
  return next.filter((o, i) => i === 0 || o.start.getTime() - now.getTime() <= AHEAD_MS);
}

/** Why Discord refused an occurrence's scheduled event (publishing it again may succeed). */
export const DISCORD_REFUSALS = [
  'deepen.events.problem.tooManyEvents',
  'deepen.events.problem.noPermission',
  'deepen.events.problem.discordEvent',
] as const;

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/**
 * Creates the occurrences of a series that are due ahead and do not exist yet (idempotent: the
 * unique (series, local date) index makes a second run, or a second worker, add nothing).
 * A date whose lobby is taken by another event then is stored cancelled with the problem noted
 * (two mixers would move the same people), so it is visible and not planned again.
 * Returns only the scheduled occurrences this call created.
 */
export async function planAhead(seriesId: string, now: Date): Promise<OccurrenceView[]> {
  const series = await EventSeries.findById(seriesId).lean();
  if (!series || series.status !== 'active' || !series.recurrence) return [];
  const created: OccurrenceView[] = [];
  for (const { localDate, start } of wantedOccurrences(series, now)) {
    if (await EventOccurrence.exists({ seriesId: series._id, localDate })) continue;
    const end = new Date(start.getTime() + series.durationMinutes * 60_000);
    const clash = await assertNoOverlap(series.guildId, series.lobbyChannelId, start, end, series.zone, {
      seriesId: String(series._id),
    }).then(
      () => false,
      (error: unknown) => {
        if (isDomainError(error)) return true;
        throw error;
      },
    );
    const refused = clash
      ? { status: 'cancelled', cancelledAt: now, problems: ['deepen.events.problem.overlap'] }
      : {};
    try {
      const res = await EventOccurrence.updateOne(
        { seriesId: series._id, localDate },
        {
          $setOnInsert: { ...sharedFields(series), seriesId: series._id, localDate, start, end, ...refused },
        },
        { upsert: true },
      );
      if (res.upsertedCount === 0 || clash) continue;
    } catch (error) {
      // Another worker inserted the same date at the same moment: it is theirs to publish.
      if (isDuplicateKey(error)) continue;
      throw error;
    }
    const doc = await EventOccurrence.findOne({ seriesId: series._id, localDate }).lean();
    if (doc) created.push(toOccurrenceView(doc));
  }
  return created;
}

/**
 * What the daily planning job needs: the guild, whether to plan again (the series is active and
 * recurring, or a one-off still ahead), and the occurrences ahead whose Discord event was refused.
 */
export async function planningState(seriesId: string, now: Date) {
  if (!Types.ObjectId.isValid(seriesId)) return null;
  const series = await EventSeries.findById(seriesId, { guildId: 1, status: 1, recurrence: 1 }).lean();
  if (!series) return null;
  const ahead = await EventOccurrence.find({ seriesId, status: 'scheduled', start: { $gt: now } }).lean();
  const refused = ahead
    .filter(
      (o) => !o.discordEventId && o.problems.some((p) => (DISCORD_REFUSALS as readonly string[]).includes(p)),
    )
    .map(toOccurrenceView);
  const goOn = series.status === 'active' && (series.recurrence != null || ahead.length > 0);
  return { guildId: series.guildId, goOn, refused };
}

export interface CreateSeriesInput {
  guildId: string;
  organiserId: string;
  checked: CheckedInput;
  zone: string;
  /** "YYYY-MM-DDTHH:mm" in `zone`: the first occurrence. */
  wallClock: string;
  recurrence: Recurrence | null;
  now: Date;
  /**
   * The series' id, chosen by the caller (a dashboard request passes its own id): a run that died
   * after storing the series finds it again instead of making a second one.
   */
  seriesId?: string;
}

/**
 * Stores a series and creates its first occurrence(s). With `seriesId` it is idempotent: a second
 * call (a worker that died mid-way, retried) reuses the series and its occurrences and adds only
 * what the first call did not get to.
 */
export async function createSeries(
  input: CreateSeriesInput,
): Promise<{ series: SeriesView; occurrences: OccurrenceView[] }> {
  const [startDate, wallTime] = input.wallClock.split('T') as [string, string];
  const fields = {
    ...input.checked,
    guildId: input.guildId,
    organiserId: input.organiserId,
    zone: input.zone,
    wallTime,
    startDate,
    recurrence: input.recurrence,
  };
  const seriesId = new Types.ObjectId(input.seriesId);
  // $setOnInsert on a chosen _id: the first run inserts, a replay matches and changes nothing.
  await EventSeries.updateOne({ _id: seriesId }, { $setOnInsert: fields }, { upsert: true });
  const series = (await EventSeries.findById(seriesId).lean())!;
  if (input.recurrence) {
    await planAhead(String(series._id), input.now);
  } else {
    const start = wallClockToInstant(input.zone, startDate, wallTime);
    const end = new Date(start.getTime() + input.checked.durationMinutes * 60_000);
    try {
      await EventOccurrence.updateOne(
        { seriesId: series._id, localDate: startDate },
        { $setOnInsert: { ...sharedFields(series), seriesId: series._id, localDate: startDate, start, end } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  // Every occurrence of the series, not only those this call created: a replay returns the same.
  const occurrences = (
    await EventOccurrence.find({ seriesId: series._id, status: 'scheduled' }).sort({ start: 1 }).lean()
  ).map(toOccurrenceView);
  // The lobby may have been taken since the check (another confirm at the same moment, a
  // dashboard request carried out later): the first occurrence decides, the later series yields.
  const first = await EventOccurrence.findOne({ seriesId: series._id }).sort({ start: 1 }).lean();
  const other = first ? await earlierOverlap(first) : null;
  if (other) {
    await EventOccurrence.deleteMany({ seriesId: series._id });
    await EventSeries.deleteOne({ _id: series._id });
    throw overlapError(other, input.zone);
  }
  return { series: toSeriesView(series), occurrences };
}

/** One occurrence. @throws DomainError NOT_FOUND (unknown id or another guild's). */
export async function getOccurrence(guildId: string, occurrenceId: string): Promise<OccurrenceView> {
  const doc = Types.ObjectId.isValid(occurrenceId)
    ? await EventOccurrence.findOne({ _id: occurrenceId, guildId }).lean()
    : null;
  if (!doc) throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
  return toOccurrenceView(doc);
}

/** An occurrence by id alone (jobs), or null when it is gone. */
export async function findOccurrence(occurrenceId: string): Promise<OccurrenceView | null> {
  if (!Types.ObjectId.isValid(occurrenceId)) return null;
  const doc = await EventOccurrence.findById(occurrenceId).lean();
  return doc ? toOccurrenceView(doc) : null;
}

/** Upcoming (scheduled or active) occurrences of a guild, soonest first. */
export async function listUpcoming(guildId: string, now: Date, limit = 25): Promise<OccurrenceView[]> {
  const docs = await EventOccurrence.find({
    guildId,
    status: { $in: ['scheduled', 'active'] },
    end: { $gt: new Date(now.getTime() - 86_400_000) },
  })
    .sort({ start: 1 })
    .limit(limit)
    .lean();
  return docs.map(toOccurrenceView);
}

/** Finished (completed or cancelled) occurrences, latest first. */
export async function listPast(guildId: string, limit = 25): Promise<OccurrenceView[]> {
  const docs = await EventOccurrence.find({ guildId, status: { $in: ['completed', 'cancelled'] } })
    .sort({ start: -1 })
    .limit(limit)
    .lean();
  return docs.map(toOccurrenceView);
}

/** The occurrence holding a Discord scheduled event, if Tsunagu made it. */
export async function findByDiscordEvent(discordEventId: string): Promise<OccurrenceView | null> {
  const doc = await EventOccurrence.findOne({ discordEventId }).lean();
  return doc ? toOccurrenceView(doc) : null;
}

/** Active occurrences whose lobby is `channelId` (attendance is recorded there). */
export async function activeInLobby(guildId: string, channelId: string): Promise<OccurrenceView[]> {
  const docs = await EventOccurrence.find({ guildId, lobbyChannelId: channelId, status: 'active' }).lean();
  return docs.map(toOccurrenceView);
}

/** Upcoming occurrences whose lobby is `channelId` (a deleted lobby affects them). */
export async function upcomingInLobby(guildId: string, channelId: string): Promise<OccurrenceView[]> {
  const docs = await EventOccurrence.find({
    guildId,
    lobbyChannelId: channelId,
    status: { $in: ['scheduled', 'active'] },
  }).lean();
  return docs.map(toOccurrenceView);
}

/** Records the Discord side of an occurrence once it exists. */
export async function recordPublished(
  occurrenceId: string,
  ids: { discordEventId?: string | null; channelId?: string | null; messageId?: string | null },
): Promise<void> {
  const $set: Record<string, unknown> = {};
  if (ids.discordEventId !== undefined) $set.discordEventId = ids.discordEventId;
  if (ids.channelId !== undefined) $set['announcement.channelId'] = ids.channelId;
  if (ids.messageId !== undefined) $set['announcement.messageId'] = ids.messageId;
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $set });
}

/** Notes a problem on an occurrence (a message key the organiser and the page can show). */
export async function recordProblem(occurrenceId: string, problem: string): Promise<void> {
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $addToSet: { problems: problem } });
}

/** Drops problems that no longer hold (a Discord event created on a later try). */
export async function clearProblems(occurrenceId: string, problems: readonly string[]): Promise<void> {
  await EventOccurrence.updateOne({ _id: occurrenceId }, { $pullAll: { problems: [...problems] } });
}

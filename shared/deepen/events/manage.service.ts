/**
 * Organisers change what is planned: cancel one occurrence (skip it) or the whole series, and
 * edit a series from one occurrence on. Only occurrences that have not started change.
 */
import { Types } from 'mongoose';
import { DomainError, throwIfIssues } from '../../errors.js';
import { getGuildSettings } from '../../kernel/guild-settings.service.js';
import { parseWhen, wallClockToInstant, type WhenLocale } from '../when/index.js';
import { checkEventInput, type EventInput } from './event-input.js';
import { EventOccurrence, EventSeries } from './event.model.js';
import { toOccurrenceView, type OccurrenceView } from './event-view.js';
import { assertNoOverlap } from './overlap.js';
import { writeEdit } from './occurrence-writes.js';
import { replanFrom } from './replan.service.js';

async function scheduledOccurrence(guildId: string, occurrenceId: string) {
  const doc = Types.ObjectId.isValid(occurrenceId)
    ? await EventOccurrence.findOne({ _id: occurrenceId, guildId }).lean()
    : null;
  if (!doc) throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
  if (doc.status !== 'scheduled')
    throw new DomainError(
      'CONFLICT',
      'deepen.events.error.notScheduled',
      { title: doc.title },
      { reason: 'NOT_SCHEDULED' },
    );
  return doc;
}

/**
 * Cancels one occurrence (its date becomes a skip of the series, which goes on), or with
 * `wholeSeries` every occurrence not yet started and the series itself.
 * Returns the cancelled occurrences (with their RSVPs, so those who said yes can be told).
 */
export async function cancelEvent(args: {
  guildId: string;
  occurrenceId: string;
  wholeSeries: boolean;
  now: Date;
}): Promise<OccurrenceView[]> {
  const occ = await scheduledOccurrence(args.guildId, args.occurrenceId);
  const targets = await EventOccurrence.find(
    args.wholeSeries
      ? { seriesId: occ.seriesId, status: 'scheduled' }
      : { _id: occ._id, status: 'scheduled' },
  ).lean();
  await EventOccurrence.updateMany(
    { _id: { $in: targets.map((t) => t._id) }, status: 'scheduled' },
    { $set: { status: 'cancelled', cancelledAt: args.now } },
  );
  await EventSeries.updateOne(
    { _id: occ.seriesId },
    args.wholeSeries ? { $set: { status: 'cancelled' } } : { $addToSet: { skips: occ.localDate } },
  );
  const after = await EventOccurrence.find({ _id: { $in: targets.map((t) => t._id) } }).lean();
  return after.filter((d) => d.status === 'cancelled').map(toOccurrenceView);
}

/**
 * An edit: the fields given change, the others stay. `repeat` changes the series' repeat from the
 * occurrence on (words as in /event create; null or "" stops repeating after it).
 */
export type EventPatch = Partial<Omit<EventInput, 'repeat'>> & { repeat?: string | null };

/**
 * Edits the series from `occurrenceId` on: the series' fields and every occurrence of it from that
 * date on that has not started. A new `when` moves a one-off event; for a series it sets the new
 * wall time (the dates stay those of the recurrence). A new `repeat` re-plans the occurrences from
 * this one on (replan.service.ts). Everything is checked before anything is written.
 * @throws DomainError INVALID_INPUT, NOT_FOUND, CONFLICT (started, or the lobby is taken then)
 */
export async function editFrom(args: {
  guildId: string;
  occurrenceId: string;
  patch: EventPatch;
  locale: WhenLocale;
  now: Date;
}): Promise<OccurrenceView[]> {
  const occ = await scheduledOccurrence(args.guildId, args.occurrenceId);
  const series = await EventSeries.findById(occ.seriesId).lean();
  if (!series) throw new DomainError('NOT_FOUND', 'deepen.events.error.notFound');
  const settings = await getGuildSettings(args.guildId);
  const merged: EventInput = {
    title: args.patch.title ?? occ.title,
    when: '',
    theme: args.patch.theme ?? occ.theme,
    durationMinutes: args.patch.durationMinutes ?? occ.durationMinutes,
    lobbyChannelId: args.patch.lobbyChannelId ?? occ.lobbyChannelId,
    capacity: args.patch.capacity === undefined ? occ.capacity : args.patch.capacity,
    description: args.patch.description ?? occ.description,
    mixer:
      args.patch.mixer === undefined
        ? occ.mixer && { ...occ.mixer, strategy: occ.mixer.strategies.join(',') }
        : args.patch.mixer,
  };
  const { value, issues } = checkEventInput(merged, { lobbyChannelId: settings.channels.lobby });
  throwIfIssues(issues);
  let wallTime = series.wallTime;
  let localDate = occ.localDate;
  let typedDate: string | null = null;
  if (args.patch.when?.trim()) {
    const when = parseWhen(args.patch.when, { zone: series.zone, now: args.now, locale: args.locale });
    if (!when.ok)
      throw new DomainError(
        'INVALID_INPUT',
        when.reason === 'past' ? 'deepen.events.error.past' : 'deepen.events.error.unparseable',
        {
          value: args.patch.when,
        },
      );
    const [date, time] = when.wallClock.split('T') as [string, string];
    wallTime = time;
    typedDate = date;
    if (!series.recurrence) localDate = date;
  }
  const fields = { ...value, mixer: value.mixer };
  if (args.patch.repeat !== undefined)
    return replanFrom({
      series,
      from: occ.localDate,
      anchor: typedDate ?? occ.localDate,
      typedWhen: typedDate ? (args.patch.when ?? null) : null,
      repeat: args.patch.repeat,
      wallTime,
      fields,
      now: args.now,
    });
  const targets = await EventOccurrence.find({
    seriesId: series._id,
    status: 'scheduled',
    localDate: { $gte: occ.localDate },
  }).lean();
  // Every target is checked before any is written: an edit applies whole or not at all.
  const plans = targets.map((target) => {
    const date = target._id.equals(occ._id) ? localDate : target.localDate;
    const start = wallClockToInstant(series.zone, date, wallTime);
    if (start <= args.now)
      throw new DomainError('INVALID_INPUT', 'deepen.events.error.past', { value: args.patch.when ?? '' });
    return { target, date, start, end: new Date(start.getTime() + value.durationMinutes * 60_000) };
  });
  for (const { start, end } of plans)
    await assertNoOverlap(args.guildId, value.lobbyChannelId, start, end, series.zone, {
      seriesId: String(series._id),
    });
  const changed: OccurrenceView[] = [];
  for (const plan of plans) {
    const after = await writeEdit(plan, fields, value.capacity);
    if (after) changed.push(toOccurrenceView(after));
  }
  await EventSeries.updateOne(
    { _id: series._id },
    { $set: { ...fields, wallTime, ...(series.recurrence ? {} : { startDate: localDate }) } },
  );
  return changed;
}

/**
 * Changing a series' repeat from one occurrence on ("weekly" → "every two weeks", "第2土曜",
 * "weekdays", or stop repeating). The occurrences from that one on are re-planned with the new
 * rule (replan.ts pairs them with the new dates): kept or moved, created, or removed (cancelled
 * with the `replanned` problem, so the bot deletes their Discord event and tells their "yes"
 * holders). Every new start is checked (ahead, lobby free) before anything is written.
 */
import type { Types } from 'mongoose';
import { DomainError, throwIfIssues } from '../../errors.js';
import { nextOccurrences, wallClockOf, wallClockToInstant, type Recurrence } from '../when/index.js';
import { readRepeat, type CheckedInput } from './event-input.js';
import { EventOccurrence, EventSeries } from './event.model.js';
import { toOccurrenceView, type OccurrenceView } from './event-view.js';
import { writeEdit } from './occurrence-writes.js';
import { assertNoOverlap } from './overlap.js';
import { pairReplan } from './replan.js';
import { wantedOccurrences } from './series.service.js';

/** The problem an occurrence removed by a change of repeat carries (the bot and the page read it). */
export const REPLANNED = 'deepen.events.problem.replanned';

const isDuplicateKey = (error: unknown) => (error as { code?: number } | null)?.code === 11000;

/** Everything an occurrence carries of its own, reset when a removed one comes back. */
const FRESH = {
  status: 'scheduled',
  cancelledAt: null,
  discordEventId: null,
  rsvps: [],
  interested: [],
  remindersSent: [],
  remindersSentTo: [],
  reminderClaims: {},
  promotedToTell: [],
  promotionClaims: {},
} as const;

/** The new rule's first date on or after `anchor` (its wall time), or a refusal when `when` named another. */
function firstDate(
  zone: string,
  wallTime: string,
  anchor: string,
  recurrence: Recurrence,
  typedWhen: string | null,
): string {
  const from = new Date(wallClockToInstant(zone, anchor, wallTime).getTime() - 1);
  const [first] = nextOccurrences({ zone, wallTime, startDate: anchor, recurrence, skips: [] }, from, 1);
  if (!first) throw new DomainError('INVALID_INPUT', 'deepen.events.error.repeat', { value: '' });
  if (typedWhen !== null && first.localDate !== anchor) {
    const vars = { value: typedWhen, first: wallClockOf(first.start, zone).replace('T', ' ') };
    throw new DomainError('INVALID_INPUT', 'deepen.events.error.repeatMismatch', vars, {
      issues: [{ field: 'when', i18nKey: 'deepen.events.error.repeatMismatch', vars }],
    });
  }
  return first.localDate;
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- a lean series document */
type SeriesDoc = any;

/**
 * Re-plans the series from the occurrence dated `from` with the repeat `repeat` (null or "" = stop
 * after it). `anchor` is where the new rule starts (the occurrence's date, or the date typed in
 * `when`); `typedWhen` (the text) makes a date the rule does not land on a refusal.
 * Returns every occurrence touched, removed ones included (status cancelled, problem `REPLANNED`).
 * @throws DomainError INVALID_INPUT (unreadable repeat, a start passed, `when` off the rule),
 * CONFLICT (the lobby is taken at a new start)
 */
export async function replanFrom(args: {
  series: SeriesDoc;
  from: string;
  anchor: string;
  typedWhen: string | null;
  repeat: string | null;
  wallTime: string;
  fields: CheckedInput;
  now: Date;
}): Promise<OccurrenceView[]> {
  const { series, wallTime, fields, now } = args;
  const zone: string = series.zone;
  const { recurrence, issue } = readRepeat(args.repeat, args.anchor);
  if (issue) throwIfIssues([issue]);
  const startDate = recurrence
    ? firstDate(zone, wallTime, args.anchor, recurrence, args.typedWhen)
    : args.anchor;
  const wanted = recurrence
    ? wantedOccurrences({ ...series, wallTime, startDate, recurrence, until: null }, now).map(
        (o) => o.localDate,
      )
    : [args.anchor];
  const candidates = await EventOccurrence.find({
    seriesId: series._id,
    localDate: { $gte: args.from < args.anchor ? args.from : args.anchor },
    $or: [{ status: 'scheduled' }, { status: 'cancelled', problems: REPLANNED }],
  }).lean();
  // A date already held by another occurrence of the series (started, finished, or before `from`)
  // is not planned again.
  const ids = new Set(candidates.map((c) => String(c._id)));
  const held = (
    await EventOccurrence.find({ seriesId: series._id, localDate: { $in: wanted } }, { localDate: 1 }).lean()
  )
    .filter((d) => !ids.has(String(d._id)))
    .map((d) => d.localDate);
  const pairing = pairReplan(
    candidates.map((c) => ({
      id: String(c._id),
      localDate: c.localDate,
      scheduled: c.status === 'scheduled',
    })),
    wanted.filter((d) => !held.includes(d)),
  );
  const timed = (date: string) => {
    const start = wallClockToInstant(zone, date, wallTime);
    if (start <= now)
      throw new DomainError('INVALID_INPUT', 'deepen.events.error.past', { value: args.typedWhen ?? date });
    return { date, start, end: new Date(start.getTime() + fields.durationMinutes * 60_000) };
  };
  const keep = pairing.keep.map((k) => ({ id: k.id, ...timed(k.date) }));
  const revive = pairing.revive.map((k) => ({ id: k.id, ...timed(k.date) }));
  const create = pairing.create.map(timed);
  // Checked whole before anything is written.
  for (const { start, end } of [...keep, ...revive, ...create])
    await assertNoOverlap(series.guildId, fields.lobbyChannelId, start, end, zone, {
      seriesId: String(series._id),
    });

  const touched: Types.ObjectId[] = [];
  for (const plan of keep) {
    const target = candidates.find((c) => String(c._id) === plan.id)!;
    const after = await writeEdit({ target, ...plan }, fields, fields.capacity);
    if (after) touched.push(after._id);
  }
  for (const plan of revive) {
    const target = candidates.find((c) => String(c._id) === plan.id)!;
    await EventOccurrence.updateOne(
      { _id: target._id, status: 'cancelled' },
      {
        $set: { ...fields, ...FRESH, localDate: plan.date, start: plan.start, end: plan.end },
        $pull: { problems: REPLANNED },
        $inc: { rev: 1 },
      },
    );
    touched.push(target._id);
  }
  for (const plan of create) {
    const shared = {
      ...fields,
      guildId: series.guildId,
      organiserId: series.organiserId,
      seriesId: series._id,
    };
    try {
      await EventOccurrence.updateOne(
        { seriesId: series._id, localDate: plan.date },
        { $setOnInsert: { ...shared, localDate: plan.date, start: plan.start, end: plan.end } },
        { upsert: true },
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const doc = await EventOccurrence.findOne(
      { seriesId: series._id, localDate: plan.date },
      { _id: 1 },
    ).lean();
    if (doc) touched.push(doc._id);
  }
  const removed = candidates.filter((c) => pairing.remove.includes(String(c._id))).map((c) => c._id);
  await EventOccurrence.updateMany(
    { _id: { $in: removed }, status: 'scheduled' },
    { $set: { status: 'cancelled', cancelledAt: now }, $addToSet: { problems: REPLANNED } },
  );
  touched.push(...removed);
  await EventSeries.updateOne(
    { _id: series._id },
    { $set: { ...fields, wallTime, startDate, recurrence, until: null } },
  );
  const docs = await EventOccurrence.find({ _id: { $in: touched } })
    .sort({ start: 1 })
    .lean();
  return docs.map(toOccurrenceView);
}

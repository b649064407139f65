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
  // Published again by the bot; nothing of its removal is left to carry out.
  toPublish: true,
  removalPending: false,
  changeToTell: [],
  movedFrom: null,
  noticeClaims: {},
} as const;

const REMOVE_RETRIES = 8;

/**
 * Removes one occurrence (it has not started): cancelled with `REPLANNED`, its Discord removal
 * pending and its "yes" holders recorded to be told, in one write (under `rev`, so an RSVP written
 * meanwhile is among them). False when it started meanwhile.
 */
async function removeOne(id: Types.ObjectId, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < REMOVE_RETRIES; attempt++) {
    const doc = await EventOccurrence.findOne({ _id: id, status: 'scheduled' }).lean();
    if (!doc) return false;
    const res = await EventOccurrence.updateOne(
      { _id: id, status: 'scheduled', rev: doc.rev ?? 0 },
      {
        $set: {
          status: 'cancelled',
          cancelledAt: now,
          removalPending: true,
          toPublish: false,
          changeToTell: doc.rsvps.filter((r) => r.answer === 'yes').map((r) => r.userId),
          removedYes: doc.rsvps.filter((r) => r.answer === 'yes').map((r) => r.userId),
          noticeClaims: {},
        },
        $addToSet: { problems: REPLANNED },
        $inc: { rev: 1 },
      },
    );
    if (res.matchedCount === 1) return true;
  }
  throw new DomainError('CONFLICT', 'deepen.events.error.busy', {}, { reason: 'BUSY' });
}

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
  // "From an occurrence on": a date typed before it would re-plan occurrences before it.
  if (args.anchor < args.from) {
    const vars = { value: args.typedWhen ?? args.anchor, from: args.from };
    throw new DomainError('INVALID_INPUT', 'deepen.events.error.repeatBefore', vars, {
      issues: [{ field: 'when', i18nKey: 'deepen.events.error.repeatBefore', vars }],
    });
  }
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
    localDate: { $gte: args.from },
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

  // The rule first: the daily planning running meanwhile, or a run again after a crash, plans the
  // new rule's dates only (every write below is keyed so that doing it twice is doing it once).
  await EventSeries.updateOne(
    { _id: series._id },
    { $set: { ...fields, wallTime, startDate, recurrence, until: null } },
  );
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
        $set: {
          ...fields,
          ...FRESH,
          localDate: plan.date,
          start: plan.start,
          end: plan.end,
          // Those told it was gone are told it is back (and that their "yes" needs giving again).
          changeToTell: target.removedYes ?? [],
          removedYes: [],
        },
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
        {
          $setOnInsert: {
            ...shared,
            localDate: plan.date,
            start: plan.start,
            end: plan.end,
            toPublish: true,
          },
        },
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
  // Only those actually removed: one that started meanwhile is left to run.
  for (const c of candidates.filter((d) => pairing.remove.includes(String(d._id))))
    if (await removeOne(c._id, now)) touched.push(c._id);
  // Removed by a run that died before the bot carried it out: carried out now.
  const revived = new Set(pairing.revive.map((r) => r.id));
  for (const c of candidates)
    if (
      c.status === 'cancelled' &&
      !revived.has(String(c._id)) &&
      (c.removalPending || (c.changeToTell ?? []).length > 0)
    )
      touched.push(c._id);
  const docs = await EventOccurrence.find({ _id: { $in: [...new Set(touched.map(String))] } })
    .sort({ start: 1 })
    .lean();
  return docs.map(toOccurrenceView);
}

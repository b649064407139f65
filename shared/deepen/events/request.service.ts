/**
 * Dashboard requests: the web checks and stores them (so a bad form is answered at once, in the
 * visitor's language), the worker carries them out and writes the outcome back.
 */
import { Types } from 'mongoose';
import { DomainError, isDomainError } from '../../errors.js';
import type { MessageKey, Vars } from '../../i18n/index.js';
import { wallClockOf, wallClockToInstant, type WhenLocale } from '../when/index.js';
import { previewEvent } from './draft.service.js';
import type { EventInput } from './event-input.js';
import { EventRequest } from './request.model.js';
import { createSeries } from './series.service.js';
import { cancelEvent, editFrom, type EventPatch } from './manage.service.js';
import { toOccurrenceView, type OccurrenceView } from './event-view.js';
import { EventOccurrence } from './event.model.js';

export interface RequestView {
  requestId: string;
  kind: 'create' | 'edit' | 'cancel';
  status: 'pending' | 'running' | 'done' | 'failed';
  resultKey: MessageKey | null;
  resultVars: Vars;
  occurrenceIds: string[];
  createdAt: Date;
}

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- a lean document of the inline schema */
function toView(doc: any): RequestView {
  return {
    requestId: String(doc._id),
    kind: doc.kind,
    status: doc.status,
    resultKey: doc.resultKey ?? null,
    resultVars: doc.resultVars ?? {},
    occurrenceIds: doc.occurrenceIds ?? [],
    createdAt: doc.createdAt,
  };
}

/**
 * Checks a create form and stores the request. The time is read now, in the guild's zone.
 * @throws DomainError INVALID_INPUT (fields, or an unreadable/past time), CONFLICT (overlap)
 */
export async function requestCreate(args: {
  guildId: string;
  userId: string;
  input: EventInput;
  locale: WhenLocale;
  now: Date;
}): Promise<RequestView> {
  const { result } = await previewEvent({ ...args, organiserId: args.userId });
  if (!result.ok)
    throw new DomainError(
      'INVALID_INPUT',
      result.reason === 'past' ? 'deepen.events.error.past' : 'deepen.events.error.unparseable',
      { value: args.input.when },
      {
        issues: [
          {
            field: 'when',
            i18nKey:
              result.reason === 'past' ? 'deepen.events.error.past' : 'deepen.events.error.unparseable',
            vars: { value: args.input.when },
          },
        ],
      },
    );
  const doc = await EventRequest.create({
    guildId: args.guildId,
    kind: 'create',
    requestedBy: args.userId,
    input: {
      checked: result.checked,
      zone: result.zone,
      wallClock: wallClockOf(result.start, result.zone),
      recurrence: result.recurrence,
    },
  });
  return toView(doc.toObject());
}

/** Stores an edit request (checked by the worker, which answers in the outcome). */
export async function requestEdit(args: {
  guildId: string;
  userId: string;
  occurrenceId: string;
  patch: EventPatch;
  locale: WhenLocale;
}): Promise<RequestView> {
  const doc = await EventRequest.create({
    guildId: args.guildId,
    kind: 'edit',
    requestedBy: args.userId,
    occurrenceId: args.occurrenceId,
    input: { patch: args.patch, locale: args.locale },
  });
  return toView(doc.toObject());
}

export async function requestCancel(args: {
  guildId: string;
  userId: string;
  occurrenceId: string;
  wholeSeries: boolean;
}): Promise<RequestView> {
  const doc = await EventRequest.create({
    guildId: args.guildId,
    kind: 'cancel',
    requestedBy: args.userId,
    occurrenceId: args.occurrenceId,
    wholeSeries: args.wholeSeries,
  });
  return toView(doc.toObject());
}

export type CarriedOut =
  | { kind: 'create'; occurrences: OccurrenceView[] }
  | { kind: 'edit'; occurrences: OccurrenceView[] }
  | { kind: 'cancel'; occurrences: OccurrenceView[] };

/** A running request older than this lost its worker (agenda runs a job again after its 10 min lock). */
export const REQUEST_STALE_MS = 5 * 60_000;

/**
 * Claims a pending request, or a running one whose worker died (once: a second worker or a rerun
 * gets null), and carries out its Tsunagu side; the caller does the Discord side, then
 * `finishRequest`. A refusal (the time passed, the occurrence started) is written as the outcome
 * and returns null. Another error leaves the request claimed and is thrown (see `releaseRequest`).
 */
export async function carryOut(
  requestId: string,
  now: Date,
): Promise<{ request: RequestView; done: CarriedOut } | null> {
  if (!Types.ObjectId.isValid(requestId)) return null;
  const doc = await EventRequest.findOneAndUpdate(
    {
      _id: requestId,
      $or: [
        { status: 'pending' },
        { status: 'running', claimedAt: { $lte: new Date(now.getTime() - REQUEST_STALE_MS) } },
      ],
    },
    { $set: { status: 'running', claimedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) return null;
  if (doc.occurrenceIds.length > 0) {
    // A run that died after Tsunagu's side: only the Discord side is left to do.
    const docs = await EventOccurrence.find({ _id: { $in: doc.occurrenceIds } })
      .sort({ start: 1 })
      .lean();
    return { request: toView(doc), done: { kind: doc.kind, occurrences: docs.map(toOccurrenceView) } };
  }
  try {
    let done: CarriedOut;
    if (doc.kind === 'create') {
      const input = doc.input as { checked: never; zone: string; wallClock: string; recurrence: never };
      const [date, time] = input.wallClock.split('T') as [string, string];
      if (wallClockToInstant(input.zone, date, time) <= now)
        throw new DomainError('INVALID_INPUT', 'deepen.events.error.pastNow');
      const { occurrences } = await createSeries({
        guildId: doc.guildId,
        organiserId: doc.requestedBy,
        ...input,
        now,
        // The series takes the request's id: a worker that died after storing it (before
        // `occurrenceIds` below) and is replaced finds the same series, never makes a second.
        seriesId: String(doc._id),
      });
      done = { kind: 'create', occurrences };
    } else if (doc.kind === 'edit') {
      const input = doc.input as { patch: EventPatch; locale: WhenLocale };
      const occurrences = await editFrom({
        guildId: doc.guildId,
        occurrenceId: doc.occurrenceId!,
        patch: input.patch,
        locale: input.locale,
        now,
      });
      done = { kind: 'edit', occurrences };
    } else {
      const occurrences = await cancelEvent({
        guildId: doc.guildId,
        occurrenceId: doc.occurrenceId!,
        wholeSeries: doc.wholeSeries,
        now,
      });
      done = { kind: 'cancel', occurrences };
    }
    await EventRequest.updateOne(
      { _id: doc._id },
      { $set: { occurrenceIds: done.occurrences.map((o) => o.occurrenceId) } },
    );
    return { request: toView(doc), done };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await EventRequest.updateOne(
      { _id: doc._id },
      { $set: { status: 'failed', resultKey: error.i18nKey, resultVars: error.vars, doneAt: now } },
    );
    return null;
  }
}

/** Gives a claimed request back after an unexpected error, so agenda's retry can claim it again. */
export async function releaseRequest(requestId: string): Promise<void> {
  await EventRequest.updateOne({ _id: requestId, status: 'running' }, { $set: { status: 'pending' } });
}

/** Writes the outcome the page shows; the request is done only now. */
export async function finishRequest(
  requestId: string,
  outcome: { resultKey: MessageKey; resultVars?: Vars; occurrenceIds: string[] },
  now: Date = new Date(),
): Promise<void> {
  await EventRequest.updateOne(
    { _id: requestId },
    {
      $set: {
        status: 'done',
        doneAt: now,
        resultKey: outcome.resultKey,
        resultVars: outcome.resultVars ?? {},
        occurrenceIds: outcome.occurrenceIds,
      },
    },
  );
}

/** The guild's latest requests, newest first (the page shows their outcomes). */
export async function recentRequests(guildId: string, limit = 5): Promise<RequestView[]> {
  const docs = await EventRequest.find({ guildId }).sort({ createdAt: -1 }).limit(limit).lean();
  return docs.map(toView);
}

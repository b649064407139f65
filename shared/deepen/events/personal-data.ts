/**
 * The events part of a person's data: RSVPs, Interested marks, attendance, reminder choices and
 * progress, drafts and dashboard requests, events organised.
 */
import type { PersonalDataPart } from '../../kernel/personal-data.service.js';
import { EventDraft, EventOccurrence, EventSeries } from './event.model.js';
import { EventRequest } from './request.model.js';
import { removeAnswer } from './rsvp.service.js';
import { EVENT_SEATS_JOB } from './seats.service.js';

const touching = (guildId: string, userId: string) => ({
  guildId,
  $or: [
    { 'rsvps.userId': userId },
    { interested: userId },
    { 'attendance.userId': userId },
    { remindersSentTo: { $regex: `:${userId}$` } },
    // Pending notices of a move or a removal, and who said yes to a removed occurrence.
    { changeToTell: userId },
    { removedYes: userId },
  ],
});

/**
 * Export lists every occurrence where the person answered, was interested or attended, what they
 * organise, their drafts and dashboard requests. Erasure removes them from those lists (a freed
 * seat goes to the first in line, as when they answer "no"), their reminder progress, drafts and
 * requests; series they organise keep the organiser id until an organiser edits them (the event
 * belongs to the community), which the export says.
 */
export const eventsPart: PersonalDataPart = {
  name: 'events',
  async export({ guildId, userId }) {
    const docs = await EventOccurrence.find(touching(guildId, userId)).lean();
    const organised = await EventSeries.find({ guildId, organiserId: userId }, { title: 1 }).lean();
    const organisedOccurrences = await EventOccurrence.find(
      { guildId, organiserId: userId },
      { title: 1, start: 1 },
    ).lean();
    const stopped = await EventSeries.find({ guildId, remindersOff: userId }, { title: 1 }).lean();
    const drafts = await EventDraft.find({ guildId, organiserId: userId }).lean();
    const requests = await EventRequest.find({ guildId, requestedBy: userId }).lean();
    return {
      occurrences: docs.map((d) => ({
        occurrenceId: String(d._id),
        title: d.title,
        start: d.start.toISOString(),
        rsvp: d.rsvps.find((r) => r.userId === userId) ?? null,
        interested: d.interested.includes(userId),
        attended: d.attendance.find((a) => a.userId === userId)?.firstSeenAt.toISOString() ?? null,
        remindersSent: (d.remindersSentTo ?? [])
          .filter((k) => k.endsWith(`:${userId}`))
          .map((k) => Number(k.split(':')[0])),
      })),
      organisedSeries: organised.map((s) => ({ seriesId: String(s._id), title: s.title })),
      organisedOccurrences: organisedOccurrences.map((o) => ({
        occurrenceId: String(o._id),
        title: o.title,
        start: o.start.toISOString(),
      })),
      remindersStoppedFor: stopped.map((s) => s.title),
      drafts: drafts.map((d) => ({ input: d.input, start: d.start.toISOString() })),
      dashboardRequests: requests.map((r) => ({
        kind: r.kind,
        status: r.status,
        input: r.input,
        createdAt: r.createdAt.toISOString(),
      })),
    };
  },
  async erase({ guildId, userId }) {
    const docs = await EventOccurrence.find(touching(guildId, userId)).lean();
    const reseated: string[] = [];
    for (const doc of docs) {
      // Open occurrences re-seat through the RSVP lock, so a freed seat moves the waitlist up
      // (recorded in `promotedToTell`); the worker then redraws the counts and tells them.
      if (['scheduled', 'active'].includes(doc.status) && doc.rsvps.some((r) => r.userId === userId)) {
        await removeAnswer(guildId, String(doc._id), userId);
        reseated.push(String(doc._id));
      }
      const claims = Object.keys((doc.reminderClaims ?? {}) as Record<string, unknown>).filter((k) =>
        k.endsWith(`_${userId}`),
      );
      await EventOccurrence.updateOne(
        { _id: doc._id },
        {
          $pull: {
            rsvps: { userId },
            interested: userId,
            attendance: { userId },
            remindersSentTo: { $regex: `:${userId}$` },
            promotedToTell: userId,
            changeToTell: userId,
            removedYes: userId,
          },
          $unset: {
            ...Object.fromEntries(claims.map((k) => [`reminderClaims.${k}`, ''])),
            [`promotionClaims.${userId}`]: '',
            [`noticeClaims.${userId}`]: '',
          },
          $inc: { rev: 1 },
        },
      );
    }
    await EventSeries.updateMany({ guildId, remindersOff: userId }, { $pull: { remindersOff: userId } });
    await EventDraft.deleteMany({ guildId, organiserId: userId });
    const requests = await EventRequest.deleteMany({ guildId, requestedBy: userId });
    return {
      counts: { eventOccurrencesErased: docs.length, eventRequestsErased: requests.deletedCount },
      followUpJobs: reseated.map((occurrenceId) => ({ name: EVENT_SEATS_JOB, data: { occurrenceId } })),
    };
  },
};

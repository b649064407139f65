/**
 * The attendance source over the deepen slice's records: people at voice mixers (MixerAttendance)
 * and at event occurrences (their attendance list). A mixer started by an event is the same
 * occasion as the event (`event:<occurrence id>`), so one evening counts once.
 */
import { MixerAttendance } from '../deepen/mixer/mixer-attendance.model.js';
import { EventOccurrence } from '../deepen/events/event.model.js';
import type { Attendance, AttendanceSource } from './attendance.js';

export const deepenAttendance: AttendanceSource = {
  async attendances(guildId, range = {}) {
    const at: Record<string, Date> = {};
    if (range.from) at.$gte = range.from;
    if (range.to) at.$lt = range.to;
    const when = Object.keys(at).length > 0;
    const [mixers, occurrences] = await Promise.all([
      MixerAttendance.find(
        { guildId, ...(when ? { at } : {}) },
        { userId: 1, runId: 1, eventId: 1, at: 1 },
      ).lean(),
      EventOccurrence.find(
        { guildId, 'attendance.0': { $exists: true }, ...(when ? { 'attendance.firstSeenAt': at } : {}) },
        { attendance: 1 },
      ).lean(),
    ]);
    const seen = new Map<string, Attendance>();
    const add = (a: Attendance) => {
      const id = `${a.userId}|${a.occasion}`;
      const before = seen.get(id);
      if (!before || a.at < before.at) seen.set(id, a);
    };
    for (const m of mixers)
      add({ userId: m.userId, at: m.at, occasion: m.eventId ? `event:${m.eventId}` : `mixer:${m.runId}` });
    for (const o of occurrences)
      for (const a of o.attendance ?? []) {
        if (range.from && a.firstSeenAt < range.from) continue;
        if (range.to && a.firstSeenAt >= range.to) continue;
        add({ userId: a.userId, at: a.firstSeenAt, occasion: `event:${String(o._id)}` });
      }
    return [...seen.values()];
  },
};

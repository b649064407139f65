/**
 * The participation source over the know and deepen slices' records (see participation.ts):
 * relay links, event RSVPs, mixer feedback, each grouped by guild-local day in the database.
 */
import { RelayLink } from '../know/relay-link.model.js';
import { EventOccurrence } from '../deepen/events/event.model.js';
import { MixerFeedback } from '../deepen/mixer/mixer-feedback.model.js';
import type { DayCount, ParticipationSource } from './participation.js';

type Grouped = { _id: string; count: number }[];

function byDay(field: string, zone: string) {
  return {
    $group: {
      _id: { $dateToString: { date: field, format: '%Y-%m-%d', timezone: zone } },
      count: { $sum: 1 },
    },
  };
}

const days = (rows: Grouped): DayCount[] => rows.map((r) => ({ day: r._id, count: r.count }));

export const domainParticipation: ParticipationSource = {
  async daily(guildId, { from, to }, zone) {
    const range = { $gte: from, $lt: to };
    const [relay, rsvps, feedback] = await Promise.all([
      RelayLink.aggregate<Grouped[number]>([
        { $match: { guildId, nominatedAt: range } },
        byDay('$nominatedAt', zone),
      ]),
      EventOccurrence.aggregate<Grouped[number]>([
        { $match: { guildId, 'rsvps.at': range } },
        { $unwind: '$rsvps' },
        { $match: { 'rsvps.answer': 'yes', 'rsvps.at': range } },
        byDay('$rsvps.at', zone),
      ]),
      MixerFeedback.aggregate<Grouped[number]>([
        { $match: { guildId, createdAt: range } },
        byDay('$createdAt', zone),
      ]),
    ]);
    return { relaySteps: days(relay), rsvps: days(rsvps), feedback: days(feedback) };
  },
};

/**
 * Relay steps, RSVPs and mixer feedback per guild-local day, as the Trends page reads them.
 *
 * Why a read model over the owning slices' records rather than more gateway counters: each of
 * these is already a durable document with its own timestamp (a relay link's `nominatedAt`, an
 * RSVP's `at`, a feedback's `createdAt`), written by the know and deepen slices after their own
 * checks (a refused or repeated click is not a step). Counting them again from gateway
 * interactions would mean parsing another slice's component ids and would count refusals. They
 * are rare next to messages (tens a week in a 500-member server), so grouping them by local day
 * in the database costs what days cost. Insights may read know and deepen (connect → know →
 * deepen → insights); they never read insights. The funnel does not use them: its steps are
 * facts (introduced, attended, came back); an RSVP is an intention and a relay step is part of
 * the intro the "introduced" step already counts.
 */
export interface DayCount {
  day: string;
  count: number;
}

export interface ParticipationCounts {
  /** Nominations in the intro relay: each baton handed on. */
  relaySteps: DayCount[];
  /** "Going" answers to events, by when they were given (a changed answer counts when it became "yes"). */
  rsvps: DayCount[];
  /** Feedback left after mixers. */
  feedback: DayCount[];
}

export interface ParticipationSource {
  /** Counts by local day in `zone` for instants in [from, to). */
  daily(guildId: string, range: { from: Date; to: Date }, zone: string): Promise<ParticipationCounts>;
}

import { Schema, model, type InferSchemaType } from 'mongoose';

export const OCCURRENCE_STATUSES = ['scheduled', 'active', 'completed', 'cancelled'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];
export const RSVP_ANSWERS = ['yes', 'maybe', 'no'] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

/** Mixer settings an event may carry; the mixer starts with them when the event starts. */
const mixerSettingsSchema = new Schema(
  {
    groupSize: { type: Number, required: true },
    rounds: { type: Number, required: true },
    minutesPerRound: { type: Number, required: true },
    /** One per round: "mixed" or a grouping attribute (industry, ageBand…); the last repeats. */
    strategies: { type: [String], default: ['mixed'] },
  },
  { _id: false },
);

/** What every occurrence of a series shares; an edit "from this occurrence on" changes both. */
const eventFields = {
  guildId: { type: String, required: true },
  title: { type: String, required: true, maxlength: 100 },
  theme: { type: String, required: true },
  description: { type: String, default: '', maxlength: 1000 },
  organiserId: { type: String, required: true },
  lobbyChannelId: { type: String, required: true },
  durationMinutes: { type: Number, required: true },
  /** null = no limit; above it "yes" answers wait in line. */
  capacity: { type: Number, default: null },
  mixer: { type: mixerSettingsSchema, default: null },
} as const;

/**
 * A scheduled event, one-off or recurring, kept as wall-clock time + IANA zone (never Discord's
 * `recurrence_rule`, which has no zone and drifts across DST). A one-off event is a series with
 * no recurrence and one occurrence.
 */
const seriesSchema = new Schema(
  {
    ...eventFields,
    zone: { type: String, required: true },
    /** "HH:mm" local. */
    wallTime: { type: String, required: true },
    /** "YYYY-MM-DD" local: the first occurrence's date. */
    startDate: { type: String, required: true },
    /** A `Recurrence` (shared/deepen/when) or null for a one-off event. */
    recurrence: { type: Schema.Types.Mixed, default: null },
    until: { type: String, default: null },
    /** Local dates skipped or cancelled one by one. */
    skips: { type: [String], default: [] },
    status: { type: String, enum: ['active', 'cancelled'], default: 'active' },
    /** People who pressed "stop reminders" (for every occurrence of this series). */
    remindersOff: { type: [String], default: [] },
  },
  { timestamps: true },
);
seriesSchema.index({ guildId: 1, status: 1 });

const rsvpSchema = new Schema(
  {
    userId: { type: String, required: true },
    answer: { type: String, enum: RSVP_ANSWERS, required: true },
    /** A "yes" beyond the capacity waits here; the first in line moves up when a seat frees. */
    waitlisted: { type: Boolean, default: false },
    at: { type: Date, required: true },
  },
  { _id: false },
);

const attendeeSchema = new Schema(
  { userId: { type: String, required: true }, firstSeenAt: { type: Date, required: true } },
  { _id: false },
);

/**
 * One occurrence: its own Discord scheduled event, announcement, RSVPs, reminders, attendance.
 * Tsunagu's `status` is the truth: Discord completes a voice event by itself once the lobby
 * empties (which a mixer does), so the bot completes the Discord event only if it is still ACTIVE.
 */
const occurrenceSchema = new Schema(
  {
    ...eventFields,
    seriesId: { type: Schema.Types.ObjectId, ref: 'EventSeries', required: true },
    /** "YYYY-MM-DD" in the series zone. */
    localDate: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    status: { type: String, enum: OCCURRENCE_STATUSES, default: 'scheduled' },
    discordEventId: { type: String, default: null },
    announcement: {
      channelId: { type: String, default: null },
      messageId: { type: String, default: null },
    },
    rsvps: { type: [rsvpSchema], default: [] },
    /**
     * People moved up from the waitlist who have not been told yet: written in the same write as
     * the seat (whatever moved them: a drop, an erasure, a larger capacity), so a crash before
     * their DM leaves them here for the next run (`deepen:event:seats`) instead of untold.
     */
    promotedToTell: { type: [String], default: [] },
    /** userId → when a run took that notice (a lease, as for reminders). */
    promotionClaims: { type: Schema.Types.Mixed, default: {} },
    /**
     * A change of repeat made this occurrence (created, or brought back): the bot publishes it
     * (event, announcement, jobs) and clears this. Never inferred from a missing announcement,
     * which is also the state of one in a guild without an events channel.
     */
    toPublish: { type: Boolean, default: false },
    /**
     * A change of repeat removed it and its Discord event is not deleted yet: set in the same write
     * as the cancellation, cleared once Discord has it, so a crash leaves it for the next run.
     */
    removalPending: { type: Boolean, default: false },
    /**
     * "Yes" holders not yet told that it moved (its start changed; `movedFrom` is the start they
     * agreed to) or, when cancelled with the replanned problem, that it is no longer planned.
     * Written with the change itself; each is taken once (`noticeClaims`) and dropped once told.
     */
    changeToTell: { type: [String], default: [] },
    movedFrom: { type: Date, default: null },
    /** Who said yes when a change of repeat removed it: told if it comes back (their RSVP does not). */
    removedYes: { type: [String], default: [] },
    /** userId → when a run took that notice (a lease). */
    noticeClaims: { type: Schema.Types.Mixed, default: {} },
    /** Discord's "Interested" list (a soft RSVP; bots cannot set it). */
    interested: { type: [String], default: [] },
    attendance: { type: [attendeeSchema], default: [] },
    /** Reminder offsets (minutes before the start) sent to everyone: each is sent once. */
    remindersSent: { type: [Number], default: [] },
    /** "offset:userId" of each reminder DM done, so a run cut short is finished by the next one. */
    remindersSentTo: { type: [String], default: [] },
    /** "offset_userId" → when a run took that DM (a lease: a crashed run's recipients are retaken). */
    reminderClaims: { type: Schema.Types.Mixed, default: {} },
    mixerOutcome: {
      state: { type: String, enum: ['none', 'pending', 'notRun', 'started', 'failed'], default: 'none' },
      /** Why no mixer ran: the mixer's refusal (a message key) or, when it failed, the error. */
      detail: { type: String, default: null },
      /** The refusal's message variables (e.g. how many people were in the lobby). */
      detailVars: { type: Schema.Types.Mixed, default: null },
      mixerId: { type: String, default: null },
    },
    /** What went wrong with Discord along the way (message keys), for the organiser and the page. */
    problems: { type: [String], default: [] },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    cancelledAt: { type: Date, default: null },
    /** Bumped by every RSVP write (optimistic concurrency: two clicks never lose one another). */
    rev: { type: Number, default: 0 },
  },
  { timestamps: true },
);
occurrenceSchema.index({ seriesId: 1, localDate: 1 }, { unique: true });
occurrenceSchema.index({ guildId: 1, start: 1 });
occurrenceSchema.index({ guildId: 1, lobbyChannelId: 1, status: 1 });
occurrenceSchema.index({ discordEventId: 1 }, { sparse: true });

/**
 * A /event create (or dashboard) request waiting for the organiser's confirmation: nothing is
 * created in Discord before the parsed time has been shown and confirmed.
 */
const draftSchema = new Schema(
  {
    guildId: { type: String, required: true },
    organiserId: { type: String, required: true },
    input: { type: Schema.Types.Mixed, required: true },
    start: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true },
);
draftSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export type EventSeriesDoc = InferSchemaType<typeof seriesSchema>;
export type EventOccurrenceDoc = InferSchemaType<typeof occurrenceSchema>;
export const EventSeries = model('EventSeries', seriesSchema);
export const EventOccurrence = model('EventOccurrence', occurrenceSchema);
export const EventDraft = model('EventDraft', draftSchema);

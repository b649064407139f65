/**
 * One run of a themed voice mixer: its plan, where it is, its rooms and the moves done. The
 * driver stores each step here BEFORE doing it, so a worker that restarts (or another worker)
 * carries on from this document alone. `lease` says which worker drives it right now.
 */
import { Schema, model, type InferSchemaType } from 'mongoose';
import { ROOM_ACCESS } from './transition-estimate.js';
import { feedbackOutboxSchema } from './mixer-feedback-outbox.model.js';

export const MIXER_STATUSES = ['preview', 'running', 'done', 'cancelled'] as const;
export type MixerStatus = (typeof MIXER_STATUSES)[number];

/**
 * Where a running mixer is: `setup` (rooms being created), `moving` (round `round`'s moves),
 * `talking` (round in progress until `roundEndsAt`), `returning` (everyone back to the lobby),
 * `cleanup` (rooms deleted, history stored, feedback asked), `done`.
 */
export const MIXER_PHASES = ['setup', 'moving', 'talking', 'returning', 'cleanup', 'done'] as const;
export type MixerPhase = (typeof MIXER_PHASES)[number];

const strategySchema = new Schema(
  {
    kind: { type: String, enum: ['shared', 'mixed'], required: true },
    attribute: { type: String, default: null },
  },
  { _id: false },
);

const promptShownSchema = new Schema(
  {
    round: { type: Number, required: true },
    room: { type: Number, required: true },
    promptIds: { type: [String], default: [] },
    /** The room message with the prompt (null until posted). */
    messageId: { type: String, default: null },
  },
  { _id: false },
);

const mixerRunSchema = new Schema(
  {
    runId: { type: String, required: true, unique: true },
    guildId: { type: String, required: true },
    lobbyChannelId: { type: String, required: true },
    organiserId: { type: String, required: true },
    eventId: { type: String, default: null },
    status: { type: String, enum: MIXER_STATUSES, required: true },
    phase: { type: String, enum: MIXER_PHASES, default: 'setup' },
    locale: { type: String, required: true },
    theme: { type: String, required: true },
    groupSize: { type: Number, required: true },
    minutesPerRound: { type: Number, required: true },
    strategies: { type: [strategySchema], default: [] },
    /** Facilitators: they stay out of the groups but may enter every room. */
    facilitators: { type: [String], default: [] },
    seed: { type: String, required: true },
    /** The grouping engine's MixerState (plain data: participants, rounds, currentRound, history). */
    state: { type: Schema.Types.Mixed, required: true },
    expectedRepeats: { type: Number, default: 0 },
    roundEndsAt: { type: Date, default: null },
    /** The last round whose one-minute warning was posted (-1: none). */
    warnedRound: { type: Number, default: -1 },
    controlChannelId: { type: String, default: null },
    controlMessageId: { type: String, default: null },
    categoryId: { type: String, default: null },
    /**
     * Who may enter the rooms (transition-estimate.ts RoomAccess): `members` (their own
     * overwrites, no role) or `role` (the mixer's temporary role). Stored before the first room is
     * made, so a restarted worker knows whether there is a role to delete; null until then.
     */
    roomAccess: { type: String, enum: ROOM_ACCESS, default: null },
    /** Breakout voice channel ids, room index → id; created once, reused every round. */
    rooms: { type: [String], default: [] },
    /** Per round: group index → room index (groups go where most of their members already are). */
    roomOfGroup: { type: [[Number]], default: [] },
    prompts: { type: [promptShownSchema], default: [] },
    moves: {
      round: { type: Number, default: -1 },
      done: { type: Number, default: 0 },
      total: { type: Number, default: 0 },
      /**
       * Members this step could not move (not in voice, or the move did not happen): told where to
       * go, once per step. `round` is the round, or the number of rounds for the way back.
       */
      notified: { type: [String], default: [] },
      /**
       * Members of this step whose move failed and who are not in place yet: the one count the
       * control message and `/mixer status` show; a later move that places them takes them out.
       */
      unmoved: { type: [String], default: [] },
    },
    /** Everyone who was in a group at some point (left people stay here for the summary). */
    everyone: { type: [String], default: [] },
    lease: {
      owner: { type: String, default: null },
      until: { type: Date, default: null },
    },
    startedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    summary: {
      people: { type: Number, default: 0 },
      groups: { type: Number, default: 0 },
      newPairs: { type: Number, default: 0 },
    },
    feedbackAsked: { type: Boolean, default: false },
    /**
     * What the end still owes people (summary, feedback DMs, the closed-DMs lobby message), stored
     * with the done step; `feedbackAsked` turns true once all of it is settled. Null before the end.
     */
    feedbackOutbox: { type: feedbackOutboxSchema, default: null },
    /**
     * The organiser asked to end (/mixer end, the End button): stored so the worker holding the
     * lease sees it at its next step even when another worker took the request.
     */
    endRequested: { type: Boolean, default: false },
    /**
     * The round the organiser asked to end early ("Next round"), stored like `endRequested` so
     * the worker holding the lease acts on it at its next step even when the request could not
     * take the lease itself (another worker applying a voice change). -1: none. A value left
     * from a round already ended no longer matches `state.currentRound`, so it is never cleared.
     */
    nextRequestedRound: { type: Number, default: -1 },
    /**
     * A worker saw something the run's lease holder must act on (a voice change it could not
     * apply, a step it could not take) while another worker held the lease: whoever lets the
     * lease go next drives the run again (its reconcile reads the voice states). Not a version bump.
     */
    driveWanted: { type: Boolean, default: false },
    /**
     * Bumped by every write of the run: read-modify-writes (joins, leaves, extensions, prompts,
     * the next round's state) land only on the version they read, else they read again.
     */
    version: { type: Number, default: 0 },
    /** Rounds that reached `talking` (a round ended while still moving people did not happen). */
    roundsPlayed: { type: Number, default: 0 },
    /** Pair history and attendance of this run are stored (recordOutcome ran to its end). */
    historyRecorded: { type: Boolean, default: false },
    /** Times the returning step gave people a grace period to walk back themselves (moves refused). */
    returnGraces: { type: Number, default: 0 },
    /**
     * When the mixer ends as planned: set at the start, moved to the round's end plus the rounds
     * still to come when each round starts talking, and by extensions. A worker (or guild) back
     * after an outage past it ends the mixer instead of starting the next round.
     */
    plannedEndAt: { type: Date, default: null },
    /** The mixer ended because the bot was away past its planned end (said in the control message). */
    endedLate: { type: Boolean, default: false },
  },
  // minimize off: a participant without answers keeps `attributes: {}` in the stored state.
  { timestamps: true, minimize: false },
);
mixerRunSchema.index({ guildId: 1, lobbyChannelId: 1, status: 1 });
mixerRunSchema.index({ status: 1, guildId: 1 });
// One running mixer per lobby, enforced by the database: two confirms at once cannot both win
// (the check before the write only gives the friendly answer early).
mixerRunSchema.index(
  { guildId: 1, lobbyChannelId: 1 },
  { unique: true, partialFilterExpression: { status: 'running' }, name: 'one_running_per_lobby' },
);

export type MixerRunDoc = InferSchemaType<typeof mixerRunSchema>;
export const MixerRun = model('MixerRun', mixerRunSchema);

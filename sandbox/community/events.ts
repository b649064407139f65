/**
 * The sandbox's scheduled events: once the organiser's set-up is done, the organiser schedules
 * this week's themed mixers with /event create (typed naturally, confirmed with the button, as a
 * person would), joined alumni answer the RSVP buttons, and the past weeks' occurrences are
 * written as history (with RSVPs, attendance, and the mixer each ran with its ratings), so the
 * events page and the trends have data.
 * Past occurrences cannot go through Discord (it refuses a start in the past): they are
 * recorded as Tsunagu would have recorded them after the fact. Seeds once per database.
 */
import type { APIMessage } from 'discord-api-types/v10';
import type { Logger } from '../../shared/logger.js';
import { THEME_IDS, themeName } from '../../shared/deepen/prompts/index.js';
import { EventOccurrence, EventSeries } from '../../shared/deepen/events/event.model.js';
import { createSeries } from '../../shared/deepen/events/series.service.js';
import { answerRsvp } from '../../shared/deepen/events/rsvp.service.js';
import { markEnded, markStarted, recordAttendance } from '../../shared/deepen/events/lifecycle.service.js';
import { addLocalDays, localDateOf } from '../../shared/deepen/when/zone-time.js';
import { createRun } from '../../shared/deepen/mixer/mixer-run.service.js';
import { MixerRun } from '../../shared/deepen/mixer/mixer-run.model.js';
import { MixerFeedback } from '../../shared/deepen/mixer/mixer-feedback.model.js';
import type { DiscordEmulator } from '../discord/index.js';
import { driversFor } from '../discord/drivers.js';
import type { DemoCommunity } from './seed.js';

const ZONE = 'Asia/Tokyo';
/** This week's events, typed as an organiser would (themes from the seeded prompt packs). */
const THIS_WEEK: { theme: (typeof THEME_IDS)[number]; when: string; repeat?: string; capacity?: number }[] = [
  { theme: 'career', when: '明日 20時', capacity: 12 },
  { theme: 'home-time', when: '土曜 21時', repeat: '毎週土曜' },
  { theme: 'alumni-memories', when: '3日後 20時' },
];
const PAST_WEEKS = 4;
const WANTED_PEOPLE = 12;
const WAIT_FOR_PEOPLE_MS = 90_000;
const ANSWERS = ['yes', 'yes', 'maybe', 'no'] as const;
const RATINGS = [5, 4, 4, 3, 5, 4] as const;

function customIds(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.map((c) => ('custom_id' in c ? c.custom_id : '')) : [],
  );
}

export interface EventsDemoOptions {
  emulator: DiscordEmulator;
  demo: DemoCommunity;
  logger: Logger;
  /** Resolves once the organiser's set-up is done (the community simulation's `ready`). */
  ready: Promise<void>;
  /** Waits for this many joined alumni (default 12) at most `waitForPeopleMs` (default 90 s). */
  wantedPeople?: number;
  waitForPeopleMs?: number;
}

/** A stable pseudo-random pick per (seed, i), so a reset sandbox looks the same. */
const pick = <T>(items: readonly T[], seed: number): T =>
  items[Math.abs(Math.imul(seed, 2654435761)) % items.length]!;

async function seedPast(demo: DemoCommunity, joined: string[], now: Date) {
  const today = localDateOf(now, ZONE);
  for (let week = PAST_WEEKS; week >= 1; week--) {
    const date = addLocalDays(today, -7 * week);
    const theme = THEME_IDS[week % THEME_IDS.length]!;
    const startAt = new Date(now.getTime() - 7 * week * 86_400_000);
    const { occurrences } = await createSeries({
      guildId: demo.guildId,
      organiserId: demo.organiser.id,
      checked: {
        title: `${themeName(theme, 'ja')}ミキサー`,
        theme,
        description: '',
        durationMinutes: 60,
        lobbyChannelId: demo.channels.lobby,
        capacity: null,
        mixer: { groupSize: 4, rounds: 3, minutesPerRound: 10, strategies: ['industry', 'mixed'] },
      },
      zone: ZONE,
      wallClock: `${date}T20:00`,
      recurrence: null,
      now: new Date(startAt.getTime() - 7 * 86_400_000),
    });
    const occ = occurrences[0]!;
    const people = joined.filter((_, i) => (i + week) % 3 !== 0);
    for (const [i, userId] of people.entries())
      await answerRsvp({
        guildId: demo.guildId,
        occurrenceId: occ.occurrenceId,
        userId,
        answer: pick(ANSWERS, i + week),
        now: new Date(occ.start.getTime() - 86_400_000),
      });
    await markStarted(occ.occurrenceId, occ.start);
    const attended = people.filter((_, i) => (i + week) % 4 !== 1);
    await recordAttendance(occ.occurrenceId, attended, occ.start);
    await markEnded(occ.occurrenceId, occ.end);
    await seedPastMixer(demo, occ, theme, attended, week);
  }
}

/**
 * The mixer each past occurrence ran (planned by the mixer's own service, linked by `eventId`),
 * finished, with its participants' 1–5 ratings: the events page and the trends show feedback.
 */
async function seedPastMixer(
  demo: DemoCommunity,
  occ: { occurrenceId: string; start: Date; end: Date },
  theme: string,
  attended: string[],
  week: number,
) {
  if (attended.length < 3) return;
  const { run } = await createRun({
    guildId: demo.guildId,
    lobbyChannelId: demo.channels.lobby,
    organiserId: demo.organiser.id,
    participantIds: attended,
    groupSize: 4,
    minutesPerRound: 10,
    strategies: [{ kind: 'shared', attribute: 'industry' }, { kind: 'mixed' }, { kind: 'mixed' }],
    theme,
    locale: 'ja',
    eventId: occ.occurrenceId,
    now: occ.start,
    seed: `sandbox-past-${week}`,
  });
  await MixerRun.updateOne(
    { runId: run.runId },
    {
      $set: {
        status: 'done',
        phase: 'done',
        startedAt: occ.start,
        endedAt: occ.end,
        feedbackAsked: true,
        'summary.people': attended.length,
      },
      $inc: { version: 1 },
    },
  );
  const rated = attended.filter((_, i) => (i + week) % 3 !== 2);
  await MixerFeedback.insertMany(
    rated.map((userId, i) => ({
      guildId: demo.guildId,
      runId: run.runId,
      userId,
      rating: pick(RATINGS, i * 7 + week),
    })),
  );
}

async function scheduleThisWeek(emulator: DiscordEmulator, demo: DemoCommunity, joined: string[]) {
  const drivers = driversFor(emulator);
  const organiser = demo.organiser.id;
  for (const event of THIS_WEEK) {
    const preview = await drivers
      .runSlashCommand(
        demo.guildId,
        demo.channels.general,
        organiser,
        'event create',
        {
          title: `${themeName(event.theme, 'ja')}ミキサー`,
          when: event.when,
          theme: event.theme,
          lobby: demo.channels.lobby,
          group_size: 4,
          rounds: 3,
          minutes: 10,
          ...(event.repeat ? { repeat: event.repeat } : {}),
          ...(event.capacity ? { capacity: event.capacity } : {}),
        },
        { locale: 'ja' },
      )
      .waitForReply(15_000);
    const confirm = customIds(preview).find((id) => id.startsWith('event:confirm:'));
    if (confirm)
      await drivers.clickButton(preview.id, confirm, organiser, { locale: 'ja' }).waitForReply(15_000);
  }
  const upcoming = await EventOccurrence.find({ guildId: demo.guildId, status: 'scheduled' }).lean();
  for (const [n, occ] of upcoming.entries()) {
    const messageId = occ.announcement?.messageId;
    if (!messageId) continue;
    for (const [i, userId] of joined.slice(0, 10).entries()) {
      const answer = pick(ANSWERS, n * 31 + i);
      await drivers.clickButton(messageId, `event:rsvp:${occ._id}:${answer}`, userId).waitForReply(15_000);
    }
  }
}

export function startEventsDemo(options: EventsDemoOptions): { done: Promise<void> } {
  const { emulator, demo, logger } = options;
  const done = options.ready.then(async () => {
    if (await EventSeries.exists({ guildId: demo.guildId })) return;
    const joinedNow = () =>
      demo.alumni.map((a) => a.user.id).filter((id) => emulator.state.members.find(demo.guildId, id));
    // Alumni arrive over the first minutes: RSVPs and attendance need some of them.
    for (
      let waited = 0;
      joinedNow().length < (options.wantedPeople ?? WANTED_PEOPLE) &&
      waited < (options.waitForPeopleMs ?? WAIT_FOR_PEOPLE_MS);
      waited += 1000
    )
      await new Promise((resolve) => setTimeout(resolve, 1000));
    const joined = joinedNow();
    await seedPast(demo, joined, emulator.state.clock.date());
    await scheduleThisWeek(emulator, demo, joined);
    logger.info(
      `seeded events: ${THIS_WEEK.length} this week, ${PAST_WEEKS} past occurrences with attendance`,
    );
  });
  const safe = done.catch((error: unknown) => logger.warn({ err: error }, 'could not seed the demo events'));
  return { done: safe };
}

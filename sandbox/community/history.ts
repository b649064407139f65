/**
 * 90 days of generated history for the demo guild, so every Trends chart, the funnel and the
 * cohorts mean something on first open. The first HISTORY_SHARE of the simulated alumni already
 * belong to the guild: they joined in waves over the 90 days (after each cohort invite went
 * out), most introduced themselves a few days after joining, and everything they did comes
 * after their join — messages at the hours alumni write (more at weekends), voice and
 * attendance at the Saturday-evening mixers in the lobby. The rest join live through the
 * simulation. Written once (a restarted sandbox keeps its data) through the real services: the
 * connect slice's join record and intro counter, the know slice's intro and attributes, the
 * activity counter and its bulk writes; mixer attendance as the deepen slice records it.
 */
import type { Logger } from '../../shared/logger.js';
import { createActivityCounter } from '../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../shared/insights/activity-store.js';
import { GuildHour } from '../../shared/insights/rollup.model.js';
import { Profile } from '../../shared/kernel/profile.model.js';
import { countMemberEvent } from '../../shared/connect/member-events.service.js';
import { recordJoin } from '../../shared/connect/welcome.service.js';
import { JoinAttribution } from '../../shared/connect/join-attribution.model.js';
import { saveIntro, updateAttributes } from '../../shared/know/profile.service.js';
import { MixerAttendance } from '../../shared/deepen/mixer/mixer-attendance.model.js';
import type { DiscordEmulator } from '../discord/index.js';
import { driversFor } from '../discord/drivers.js';
import { prng } from './alumni-generator.js';
import type { DemoCommunity } from './seed.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Hours (JST) people write, weighted: lunch, the commute home, late evening. */
const WRITING_HOURS = [8, 12, 12, 13, 18, 19, 20, 20, 21, 21, 22, 22, 23];
const TOKYO_OFFSET = 9 * HOUR;
/** Days before now when a cohort invite went out: a wave of joins follows each, over a week. */
const WAVES = [84, 62, 35, 12];
/** The share of the simulated alumni who joined during the history (the rest join live). */
export const HISTORY_SHARE = 0.4;
const INTRO_RATE = 0.75;

export interface HistoryOptions {
  demo: DemoCommunity;
  logger: Logger;
  /** When given, the history's members are in the emulated guild too (joined at their date, with roles). */
  emulator?: DiscordEmulator;
  now?: Date;
  days?: number;
  seed?: number;
}

export interface HistoryResult {
  /** Gateway-style events counted (0 when the history was already there). */
  events: number;
  /** How many alumni (in order) belong to the guild after the history: the simulation starts after them. */
  arrived: number;
}

/** The instant of `hourJst` o'clock (Tokyo) on the day `daysAgo` days before `now`. */
function atJst(now: number, daysAgo: number, hourJst: number, minute: number): Date {
  const tokyoMidnight = Math.floor((now + TOKYO_OFFSET) / DAY) * DAY - TOKYO_OFFSET;
  return new Date(tokyoMidnight - daysAgo * DAY + hourJst * HOUR + minute * 60_000);
}

interface HistoryMember {
  index: number;
  userId: string;
  /** Days before now of the join (and of the intro, when there is one). */
  joinedAgo: number;
  introducedAgo: number | null;
  chatty: number;
}

/** Who joined when: each member in one of the waves, spread over the week after its invite. */
function historyMembers(demo: DemoCommunity, random: () => number): HistoryMember[] {
  const count = Math.floor(demo.alumni.length * HISTORY_SHARE);
  return demo.alumni.slice(0, count).map((a, index) => {
    const wave = WAVES[Math.min(WAVES.length - 1, Math.floor((index / count) * WAVES.length))]!;
    const joinedAgo = Math.max(1, wave - Math.floor(random() * 7));
    const introduced = random() < INTRO_RATE;
    return {
      index,
      userId: a.user.id,
      joinedAgo,
      introducedAgo: introduced ? Math.max(0, joinedAgo - Math.floor(random() * 4)) : null,
      chatty: random() ** 2, // a few write a lot, most a little
    };
  });
}

/** The join, the invite cohort, the intro and attributes, as the bot would have recorded them. */
async function recordMember(
  options: HistoryOptions,
  member: HistoryMember,
  now: number,
  random: () => number,
): Promise<void> {
  const { demo, emulator } = options;
  const person = demo.alumni[member.index]!;
  const joinedAt = atJst(now, member.joinedAgo, 9 + Math.floor(random() * 12), Math.floor(random() * 60));
  const cohort = demo.cohorts[member.index % demo.cohorts.length];
  // Recorded by an earlier run that stopped before the counters were written (the rerun's
  // check): the attribution and intro count are not added again, only the emulator is filled.
  if (await Profile.exists({ guildId: demo.guildId, userId: member.userId })) {
    const roles = [
      demo.roles.alumni.id,
      ...(member.introducedAgo !== null ? [demo.roles.introduced.id] : []),
    ];
    if (emulator && !emulator.state.members.find(demo.guildId, member.userId))
      emulator.state.members.add(demo.guildId, member.userId, { joinedAt, roles });
    return;
  }
  await recordJoin({ guildId: demo.guildId, userId: member.userId, joinedAt });
  if (cohort)
    await JoinAttribution.create({
      guildId: demo.guildId,
      userId: member.userId,
      method: 'invite',
      code: cohort.code ?? null,
      label: cohort.label,
      joinedAt,
    });
  const roles = [demo.roles.alumni.id];
  if (member.introducedAgo !== null) {
    const at = new Date(
      Math.max(joinedAt.getTime() + HOUR, atJst(now, member.introducedAgo, 21, member.index % 60).getTime()),
    );
    const p = person.profile;
    await saveIntro({
      guildId: demo.guildId,
      userId: member.userId,
      fields: { name: p.displayName, career: p.departmentThen, currentWork: p.roleNow, greeting: p.greeting },
      now: at,
    });
    await updateAttributes({
      guildId: demo.guildId,
      userId: member.userId,
      attributes: {
        leaveYear: p.leaveYear,
        tenureBand: p.tenureBand,
        industry: p.industry,
        region: p.region,
        ageBand: p.ageBand,
        lifeStages: p.lifeStages,
      },
      now: at,
    });
    await countMemberEvent(demo.guildId, 'intro', at);
    roles.push(demo.roles.introduced.id);
  }
  if (emulator && !emulator.state.members.find(demo.guildId, member.userId))
    emulator.state.members.add(demo.guildId, member.userId, { joinedAt, roles });
}

/**
 * Writes the history unless the guild already has hours older than two days. The members it
 * adds are the first alumni; `arrived` tells the simulation where to go on.
 */
export async function seedActivityHistory(options: HistoryOptions): Promise<HistoryResult> {
  const { demo, logger } = options;
  const now = (options.now ?? new Date()).getTime();
  const days = options.days ?? 90;
  const random = prng(options.seed ?? 90);
  const members = historyMembers(demo, random);
  const already = await GuildHour.exists({ guildId: demo.guildId, hour: { $lt: new Date(now - 2 * DAY) } });
  // Written before: whoever arrived is in the guild already (the restored handle counts them).
  if (already) return { events: 0, arrived: demo.arrived };
  const arrived = Math.max(demo.arrived, members.length);
  for (const member of members) await recordMember(options, member, now, random);
  const counter = createActivityCounter({
    store: mongooseActivityStore,
    clock: { now: () => new Date(now) },
    logger,
    flushEveryMs: 3_600_000,
    // Written once at the end, so guild hours (the rerun check) exist only once all of it is in.
    flushAtEvents: Number.POSITIVE_INFINITY,
  });
  const text = [
    { id: demo.channels.general, name: 'general', weight: 0.65 },
    { id: demo.channels.introductions, name: 'introductions', weight: 0.15 },
    { id: demo.channels.events, name: 'events', weight: 0.2 },
  ];
  const pickChannel = () => {
    let r = random();
    for (const c of text) if ((r -= c.weight) <= 0) return c;
    return text[0]!;
  };
  let events = 0;
  for (let ago = days - 1; ago >= 1; ago--) {
    const weekday = new Date(atJst(now, ago, 12, 0).getTime() + TOKYO_OFFSET).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    for (const m of members.filter((x) => x.joinedAgo === ago)) {
      counter.member(demo.guildId, m.userId, 'joins', atJst(now, ago, 9, m.index % 60));
      events += 1;
    }
    if (random() < 0.08) {
      counter.member(demo.guildId, `history-leave-${ago}`, 'leaves', atJst(now, ago, 20, 0));
      events += 1;
    }
    // Only members who have joined by this day (after their join hour: from the next day on,
    // plus introducers on their intro day) write; newcomers write most in their first weeks.
    const present = members.filter((m) => m.joinedAgo > ago);
    for (const m of present) {
      const fresh = m.joinedAgo - ago < 14 ? 1.6 : 1;
      const n = Math.floor(m.chatty * (weekend ? 6 : 3) * fresh * random() * 2);
      for (let k = 0; k < n; k++) {
        const hour = WRITING_HOURS[Math.floor(random() * WRITING_HOURS.length)]!;
        const channel = pickChannel();
        counter.message(
          demo.guildId,
          channel.id,
          m.userId,
          atJst(now, ago, hour, Math.floor(random() * 60)),
          channel.name,
        );
        events += 1;
      }
    }
    // A mixer in the lobby every Saturday at 20:00 JST: 45–90 minutes; newcomers come more often.
    if (weekday === 6 && present.length > 0) {
      const runId = `history-mixer-${ago}`;
      const start = atJst(now, ago, 20, 0);
      const came = present.filter((m) => random() < (m.joinedAgo - ago < 21 ? 0.6 : 0.3));
      for (const m of came) {
        counter.voice(
          demo.guildId,
          m.userId,
          demo.channels.lobby,
          atJst(now, ago, 20, Math.floor(random() * 10)),
          'Lobby',
        );
        counter.voice(demo.guildId, m.userId, null, atJst(now, ago, 20, 45 + Math.floor(random() * 45)));
        events += 2;
      }
      // Upserts: a rerun after a stop before the counters were written finds them there.
      if (came.length > 0)
        await MixerAttendance.bulkWrite(
          came.map((m) => ({
            updateOne: {
              filter: { runId, userId: m.userId },
              update: {
                $setOnInsert: { guildId: demo.guildId, runId, userId: m.userId, rounds: 3, at: start },
              },
              upsert: true,
            },
          })),
          { ordered: false },
        );
    }
  }
  // Written before the sandbox opens: close() alone gives up after a bound meant for shutdown,
  // which a loaded machine can pass. The first flush waits for one already under way.
  await counter.flush();
  await counter.flush();
  await counter.close();
  logger.info(
    { days, events, members: members.length },
    'generated activity history for the dashboard charts',
  );
  return { events, arrived };
}

const CHATTER = [
  'おはようございます！',
  '今週の交流会、楽しみにしています',
  'Anyone going to the meetup next week?',
  '先日はありがとうございました 🙏',
  '転職しました、近況報告です',
  'Great to see familiar names here!',
  '大阪で働いている方いますか？',
  'お疲れさまです〜',
];

/**
 * Live activity after the history: every few seconds an alumnus who has joined writes a line in
 * #general through the emulator (a real MESSAGE_CREATE the bot counts). Stopped with the sandbox.
 */
export function startLiveChatter(options: {
  emulator: DiscordEmulator;
  demo: DemoCommunity;
  logger: Logger;
  everyMs?: number;
}): { stop(): void } {
  const { emulator, demo, logger } = options;
  const drivers = driversFor(emulator);
  const random = prng(7);
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const present = demo.alumni.filter((a) => emulator.state.members.find(demo.guildId, a.user.id));
    const person = present[Math.floor(random() * present.length)];
    if (person) {
      try {
        drivers.sendMessage(
          demo.channels.general,
          person.user.id,
          CHATTER[Math.floor(random() * CHATTER.length)]!,
        );
      } catch (error) {
        logger.debug({ err: error, userId: person.user.id }, 'simulated chatter not sent');
      }
    }
    timer = setTimeout(tick, (options.everyMs ?? 8_000) * (0.5 + random()));
    timer.unref();
  };
  timer = setTimeout(tick, options.everyMs ?? 8_000);
  timer.unref();
  return {
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}

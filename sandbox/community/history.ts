/**
 * 90 days of generated activity history for the demo guild, so every Trends chart means
 * something on first open: joins in waves (after each cohort invite went out), daily messages
 * at the hours alumni write (lunch, evenings, more at weekends), voice minutes at the past
 * Saturday-evening mixers in the lobby, intros. Written once (a restarted sandbox keeps its
 * data), through the real activity counter and its bulk writes, and the connect slice's intro
 * counter. Attendance records of past mixers and events belong to the deepen slice and are not
 * invented here.
 */
import type { Logger } from '../../shared/logger.js';
import { createActivityCounter } from '../../shared/insights/activity-counter.js';
import { mongooseActivityStore } from '../../shared/insights/activity-store.js';
import { GuildHour } from '../../shared/insights/rollup.model.js';
import { countMemberEvent } from '../../shared/connect/member-events.service.js';
import type { DiscordEmulator } from '../discord/index.js';
import { driversFor } from '../discord/drivers.js';
import { prng } from './alumni-generator.js';
import type { DemoCommunity } from './seed.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Hours (JST) people write, weighted: lunch, the commute home, late evening. */
const WRITING_HOURS = [8, 12, 12, 13, 18, 19, 20, 20, 21, 21, 22, 22, 23];
const TOKYO_OFFSET = 9 * HOUR;
/** Days before now when a cohort invite went out: a wave of joins follows each. */
const WAVES = [84, 62, 35, 12];

export interface HistoryOptions {
  demo: DemoCommunity;
  logger: Logger;
  now?: Date;
  days?: number;
  seed?: number;
}

/** The instant of `hourJst` o'clock (Tokyo) on the day `daysAgo` days before `now`. */
function atJst(now: number, daysAgo: number, hourJst: number, minute: number): Date {
  const tokyoMidnight = Math.floor((now + TOKYO_OFFSET) / DAY) * DAY - TOKYO_OFFSET;
  return new Date(tokyoMidnight - daysAgo * DAY + hourJst * HOUR + minute * 60_000);
}

/** Writes the history unless the guild already has hours older than two days. Returns the events written. */
export async function seedActivityHistory(options: HistoryOptions): Promise<number> {
  const { demo, logger } = options;
  const now = (options.now ?? new Date()).getTime();
  const days = options.days ?? 90;
  const already = await GuildHour.exists({ guildId: demo.guildId, hour: { $lt: new Date(now - 2 * DAY) } });
  if (already) return 0;
  const random = prng(options.seed ?? 90);
  const counter = createActivityCounter({
    store: mongooseActivityStore,
    clock: { now: () => new Date(now) },
    logger,
    flushEveryMs: 3_600_000,
  });
  const people = demo.alumni.map((a) => a.user.id);
  const chatty = new Map(people.map((id) => [id, random() ** 2])); // a few write a lot, most a little
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
    // Joins: a wave over the week after each cohort invite, a trickle otherwise.
    const wave = WAVES.find((w) => ago <= w && ago > w - 7);
    const joins =
      wave !== undefined ? Math.round(2 + random() * 6 * (1 - (wave - ago) / 7)) : random() < 0.3 ? 1 : 0;
    for (let j = 0; j < joins; j++)
      counter.member(
        demo.guildId,
        `history-join-${ago}-${j}`,
        'joins',
        atJst(now, ago, 9 + Math.floor(random() * 13), Math.floor(random() * 60)),
      );
    if (random() < 0.12)
      counter.member(demo.guildId, `history-leave-${ago}`, 'leaves', atJst(now, ago, 20, 0));
    // Activity grows with the community over the 90 days.
    const growth = 0.35 + 0.65 * (1 - ago / days);
    for (const id of people) {
      const n = Math.floor(chatty.get(id)! * (weekend ? 7 : 4) * growth * random() * 2);
      for (let m = 0; m < n; m++) {
        const hour = WRITING_HOURS[Math.floor(random() * WRITING_HOURS.length)]!;
        const channel = pickChannel();
        counter.message(
          demo.guildId,
          channel.id,
          id,
          atJst(now, ago, hour, Math.floor(random() * 60)),
          channel.name,
        );
        events += 1;
      }
    }
    // A mixer in the lobby every Saturday at 20:00 JST: 8–20 alumni for 45–90 minutes.
    if (weekday === 6) {
      const count = 8 + Math.floor(random() * 13);
      for (const id of people
        .slice(0, people.length)
        .sort(() => random() - 0.5)
        .slice(0, count)) {
        counter.voice(
          demo.guildId,
          id,
          demo.channels.lobby,
          atJst(now, ago, 20, Math.floor(random() * 10)),
          'Lobby',
        );
        counter.voice(demo.guildId, id, null, atJst(now, ago, 20, 45 + Math.floor(random() * 45)));
        events += 2;
      }
    }
    const intros = wave !== undefined ? Math.floor(random() * 4) : random() < 0.2 ? 1 : 0;
    for (let i = 0; i < intros; i++) await countMemberEvent(demo.guildId, 'intro', atJst(now, ago, 21, i));
    events += joins + intros;
  }
  await counter.close();
  logger.info({ days, events }, 'generated activity history for the dashboard charts');
  return events;
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

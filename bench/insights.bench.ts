/**
 * `npm run bench:insights` — a benchmark (not a test) of the insights slice on the embedded store,
 * through the real mongodb driver and mongoose:
 * - ingestion: database round trips per 1,000 gateway events, batched counters (bulkWrite of $inc
 *   upserts) beside one write per event (target ≤ 5); events per second through the real
 *   messageCreate handler on one core (target ≥ 20,000);
 * - the Trends page over 90 days (reads + presenter + EJS render) with 1,000,000 recorded events
 *   ÷ with 10,000, from rollups (target ≤ 1.5): the active members come from the guild-activity
 *   rollup (one row per day or week), so the cost follows days. The rollups are generated as
 *   ingestion writes them (the counter's buffer and row builder, the same store calls) in one
 *   flush (recordRollups), because a
 *   million events through the counter's periodic flushes take too long on the shared machine.
 *   Beside it, aggregating raw events, measured at 100,000 ÷ 10,000 (a million raw documents do
 *   not fit the shared machine's memory budget);
 * - a 30-second database outage during a burst (simulated clock, store refusing every write):
 *   events lost within the bound (target 0).
 * Last line: RESULT {json}.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import ejs from 'ejs';
import mongoose from 'mongoose';
import type { Message } from 'discord.js';
import { startEmbeddedStore } from '../sandbox/store/index.js';
import { silentLogger } from '../shared/logger.js';
import { ensureIndexes } from '../shared/db/indexes.js';
import { translator } from '../shared/i18n/index.js';
import { createActivityCounter, rollupRows } from '../shared/insights/activity-counter.js';
import { ActivityBuffer } from '../shared/insights/activity-buffer.js';
import {
  mongooseActivityStore,
  type ActivityStore,
  type RollupIncrement,
} from '../shared/insights/activity-store.js';
import { ChannelDay, GuildHour, MemberDay } from '../shared/insights/rollup.model.js';
import { loadTrends } from '../shared/insights/trends.service.js';
import { previousPeriod } from '../shared/insights/fold.js';
import { addLocalDays, localDayOf } from '../shared/insights/hours.js';
import { presentTrends } from '../web/insights/trends.presenter.js';
import { countMessage } from '../bot/insights/events/message-create.js';
import type { BotContext } from '../bot/context.js';

const G = '900000000000000042';
const ZONE = 'Asia/Tokyo';
const MEMBERS = 300;
const CHANNELS = 30;
const DAY = 86_400_000;
const NOW = Date.parse('2026-06-30T03:00:00Z');
const VIEW = fileURLToPath(new URL('../web/views/insights/trends.ejs', import.meta.url));

let commands = 0;
const IGNORED = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo']);

function rand(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Starts a phase on an empty database (`name` only labels the phase). */
async function freshDb(name: string): Promise<void> {
  process.stderr.write(`${new Date().toISOString()} ${name}\n`);
  await mongoose.connection.db!.dropDatabase();
  await ensureIndexes();
}

/** Round trips per 1,000 events: batched counters vs one upsert per counter per event. */
async function ingestion() {
  await freshDb('bench_insights_ingest');
  const r = rand(1);
  const counter = createActivityCounter({
    store: mongooseActivityStore,
    clock: { now: () => new Date(NOW) },
    logger: silentLogger(),
    flushEveryMs: 3_600_000,
    // The worst case: the active-member rollup recomputed at every flush (the default paces it
    // to once a minute), so its round trips are all counted.
    refreshEveryMs: 0,
  });
  const EVENTS = 50_000;
  commands = 0;
  const batchedStart = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    counter.message(
      G,
      `c${Math.floor(r() * CHANNELS)}`,
      `u${Math.floor(r() * MEMBERS)}`,
      new Date(NOW - Math.floor(r() * 3 * 3_600_000)),
    );
    if (i % 5_000 === 4_999) await counter.flush(); // what the size trigger does, awaited so the count is exact
  }
  await counter.close();
  const batchedMs = performance.now() - batchedStart;
  const batched = (commands / EVENTS) * 1000;

  const SINGLE = 2_000;
  commands = 0;
  const singleStart = performance.now();
  for (let i = 0; i < SINGLE; i++) {
    const at = new Date(NOW - Math.floor(r() * 3 * 3_600_000));
    const hour = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
    const day = localDayOf(at, ZONE);
    const inc = { $inc: { messages: 1 } };
    await GuildHour.updateOne({ guildId: G, hour }, inc, { upsert: true });
    await MemberDay.updateOne({ guildId: G, userId: `u${i % MEMBERS}`, day }, inc, { upsert: true });
    await ChannelDay.updateOne({ guildId: G, channelId: `c${i % CHANNELS}`, day }, inc, { upsert: true });
  }
  const singleMs = performance.now() - singleStart;
  const single = (commands / SINGLE) * 1000;
  const stored = (await GuildHour.find({ guildId: G }).lean()).reduce((n, x) => n + x.messages, 0);
  if (stored !== EVENTS + SINGLE)
    throw new Error(`expected ${EVENTS + SINGLE} messages stored, found ${stored}`);
  return {
    batched,
    single,
    batchedPerSecond: EVENTS / (batchedMs / 1000),
    singlePerSecond: SINGLE / (singleMs / 1000),
  };
}

/** Events per second through the real messageCreate handler (counting in memory; no database in the loop). */
function handlerThroughput(): number {
  const noStore: ActivityStore = {
    zones: async () => new Map(),
    writeRollups: async () => undefined,
    writeSessions: async () => undefined,
    loadSessions: async () => [],
    creditTargets: async () => new Map(),
    refreshActivity: async () => undefined,
  };
  const counter = createActivityCounter({
    store: noStore,
    clock: { now: () => new Date(NOW) },
    logger: silentLogger(),
    flushAtEvents: Number.MAX_SAFE_INTEGER,
    flushEveryMs: 3_600_000,
  });
  const ctx = { services: { insights: { activity: counter } } } as unknown as BotContext;
  const messages = Array.from({ length: 1_000 }, (_, i) => {
    const channel = { id: `c${i % CHANNELS}`, name: `channel-${i % CHANNELS}`, isThread: () => false };
    return {
      guildId: G,
      author: { bot: false, id: `u${i % MEMBERS}` },
      webhookId: null,
      system: false,
      channel,
      createdAt: new Date(NOW - i * 1000),
    } as unknown as Message;
  });
  const N = 500_000;
  for (let i = 0; i < 50_000; i++) void countMessage.execute(ctx, messages[i % 1000] as never); // warm-up
  const started = performance.now();
  for (let i = 0; i < N; i++) void countMessage.execute(ctx, messages[i % 1000] as never);
  return N / ((performance.now() - started) / 1000);
}

/** Milliseconds to build the 90-day Trends page (reads, presenter, EJS), median of 5. */
async function renderTrends(): Promise<number> {
  const t = translator('ja');
  const today = localDayOf(new Date(NOW), ZONE);
  const period = { from: addLocalDays(today, -89), to: today };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const data = await loadTrends(G, { period, size: 'day', activeMinutes: 10, zone: ZONE });
    const trends = presentTrends(
      {
        guildId: G,
        form: { range: '90', from: period.from, to: period.to, bucket: 'day', active: 10 },
        issues: [],
        data,
        previous: previousPeriod(period),
      },
      { t, locale: 'ja', timeZone: ZONE },
    );
    await ejs.renderFile(VIEW, {
      t,
      locale: 'ja',
      title: 'bench',
      trends,
      guildZone: ZONE,
      zoneNote: '',
      guildNav: { guildId: G, guildName: 'bench', active: 'trends', items: [] },
    });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/**
 * Records `events` messages spread over 90 days into the rollups ingestion produces: the
 * counter's own buffer and row builder (rollupRows: the same rows, expiries and names), the
 * same store calls and active-member recomputation, but summed here and written in one flush —
 * a million events through the counter's periodic flushes take longer than the shared machine
 * allows. Hours are folded in chunks so the buffer stays small.
 */
async function recordRollups(events: number): Promise<void> {
  await freshDb(`bench_insights_rollups_${events}`);
  const r = rand(events);
  const zoneOf = new Map([[G, ZONE]]);
  const rowContext = {
    zoneOf,
    targetOf: () => undefined,
    nameOf: (_guildId: string, channelId: string) => `channel-${channelId}`,
  };
  const rows = new Map<string, RollupIncrement>();
  const merge = (list: readonly RollupIncrement[]) => {
    for (const row of list) {
      const id = `${row.scope}|${row.key}|${row.hour?.getTime() ?? row.day}`;
      const known = rows.get(id);
      if (!known) rows.set(id, row);
      else known.inc.messages = (known.inc.messages ?? 0) + (row.inc.messages ?? 0);
    }
  };
  const CHUNK = 100_000;
  const buffer = new ActivityBuffer(3 * CHUNK);
  for (let i = 0; i < events; i++) {
    const channel = `c${Math.floor(r() * CHANNELS)}`;
    const user = `u${Math.floor(r() * MEMBERS)}`;
    const hourMs = Math.floor((NOW - Math.floor(r() * 90 * DAY)) / 3_600_000) * 3_600_000;
    buffer.add('guild', G, '', hourMs, 'messages', 1);
    buffer.add('member', G, user, hourMs, 'messages', 1);
    buffer.add('channel', G, channel, hourMs, 'messages', 1);
    if ((i + 1) % CHUNK === 0 || i === events - 1) merge(rollupRows(buffer.drain(), rowContext));
  }
  const list = [...rows.values()];
  await mongooseActivityStore.writeRollups(list);
  await mongooseActivityStore.refreshActivity(
    [...new Set(list.flatMap((x) => (x.scope === 'memberDay' ? [x.day!] : [])))].map((day) => ({
      guildId: G,
      day,
    })),
  );
}

/** The baseline: raw events stored one document each, aggregated on every render (messages by local day, active members). */
async function rawRender(events: number): Promise<number> {
  await freshDb(`bench_insights_raw_${events}`);
  const raw = mongoose.connection.db!.collection('rawActivityEvents');
  await raw.createIndex({ guildId: 1, at: 1 });
  const r = rand(events + 7);
  for (let start = 0; start < events; start += 10_000) {
    const docs = Array.from({ length: Math.min(10_000, events - start) }, () => ({
      guildId: G,
      userId: `u${Math.floor(r() * MEMBERS)}`,
      channelId: `c${Math.floor(r() * CHANNELS)}`,
      at: new Date(NOW - Math.floor(r() * 90 * DAY)),
    }));
    await raw.insertMany(docs, { ordered: false });
  }
  const times: number[] = [];
  const from = new Date(NOW - 180 * DAY);
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await raw
      .aggregate([
        { $match: { guildId: G, at: { $gte: from } } },
        {
          $group: {
            _id: { $dateToString: { date: '$at', format: '%Y-%m-%d', timezone: ZONE } },
            messages: { $sum: 1 },
            members: { $addToSet: '$userId' },
          },
        },
      ])
      .toArray();
    await raw
      .aggregate([
        { $match: { guildId: G, at: { $gte: from } } },
        { $group: { _id: '$channelId', n: { $sum: 1 } } },
        { $sort: { n: -1 } },
        { $limit: 8 },
      ])
      .toArray();
    times.push(performance.now() - started);
  }
  await raw.drop();
  return times.sort((a, b) => a - b)[2]!;
}

/** A 30-second outage in a 2,000 events/s burst: flushes every 5 s fail, then the database is back. */
async function outage() {
  await freshDb('bench_insights_outage');
  const state = { down: false };
  const failing: ActivityStore = {
    ...mongooseActivityStore,
    writeRollups: async (rows) => {
      if (state.down) throw new Error('connection refused (simulated outage)');
      return mongooseActivityStore.writeRollups(rows);
    },
    writeSessions: async (open, closed) => {
      if (state.down) throw new Error('connection refused (simulated outage)');
      return mongooseActivityStore.writeSessions(open, closed);
    },
  };
  let now = NOW;
  const counter = createActivityCounter({
    store: failing,
    clock: { now: () => new Date(now) },
    logger: silentLogger(),
    flushEveryMs: 3_600_000,
  });
  const r = rand(3);
  let sent = 0;
  let peakKeys = 0;
  state.down = true;
  for (let second = 0; second < 30; second++) {
    for (let i = 0; i < 2_000; i++) {
      counter.message(G, `c${Math.floor(r() * CHANNELS)}`, `u${Math.floor(r() * MEMBERS)}`, new Date(now));
      sent += 1;
    }
    now += 1000;
    if (second % 5 === 4) await counter.flush(); // the timer's retries, all refused
    peakKeys = Math.max(peakKeys, counter.stats().pendingKeys);
  }
  state.down = false;
  await counter.close();
  const stored = (await GuildHour.find({ guildId: G }).lean()).reduce((n, x) => n + x.messages, 0);
  return {
    sent,
    stored,
    lost: sent - stored,
    counted: counter.stats().lostEvents,
    failed: counter.stats().failedFlushes,
    peakKeys,
  };
}

async function main(): Promise<void> {
  const store = await startEmbeddedStore();
  await mongoose.connect(store.uri, { dbName: 'bench_insights', monitorCommands: true });
  mongoose.connection.getClient().on('commandStarted', (e) => {
    if (!IGNORED.has(e.commandName)) commands += 1;
  });
  try {
    const ingest = await ingestion();
    const perSecond = handlerThroughput();
    await recordRollups(10_000);
    const small = await renderTrends();
    await recordRollups(1_000_000);
    const large = await renderTrends();
    const rawSmall = await rawRender(10_000);
    const rawLarge = await rawRender(100_000);
    const out = await outage();

    const rows: [string, string, string, string][] = [
      [
        'round trips per 1,000 events',
        ingest.batched.toFixed(1),
        `${ingest.single.toFixed(0)} (one write per counter per event)`,
        '≤ 5',
      ],
      [
        'events/s through the messageCreate handler',
        perSecond.toFixed(0),
        `${ingest.singlePerSecond.toFixed(0)} (one write per event, database bound)`,
        '≥ 20,000',
      ],
      [
        'events/s counted and flushed to the store',
        ingest.batchedPerSecond.toFixed(0),
        `${ingest.singlePerSecond.toFixed(0)}`,
        'report',
      ],
      [
        'Trends 90 days render, 10k events (ms)',
        small.toFixed(1),
        `${rawSmall.toFixed(1)} (raw aggregation)`,
        'report',
      ],
      [
        'Trends 90 days render, 1M events (ms)',
        large.toFixed(1),
        `${rawLarge.toFixed(1)} (raw, at 100k events)`,
        'report',
      ],
      [
        'render ratio 1M ÷ 10k',
        (large / small).toFixed(2),
        `${(rawLarge / rawSmall).toFixed(2)} (raw, 100k ÷ 10k)`,
        '≤ 1.5',
      ],
      [
        '30 s outage: events sent / stored',
        `${out.sent} / ${out.stored}`,
        `${out.failed} refused flushes, peak ${out.peakKeys} keys in memory`,
        'report',
      ],
      ['30 s outage: events lost (counted)', `${out.lost} (${out.counted})`, 'bound 200,000 keys', '0'],
    ];
    const w = [0, 1, 2, 3].map((i) =>
      Math.max(
        ...rows.map((row) => row[i]!.length),
        ['measure', 'insights', 'baseline', 'target'][i]!.length,
      ),
    );
    const line = (cells: string[]) =>
      cells.map((c, i) => (i === 1 ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join(' | ');
    process.stdout.write('insights slice — benchmark on the embedded store via mongoose\n');
    process.stdout.write(
      `${line(['measure', 'insights', 'baseline', 'target'])}\n${'-'.repeat(w.reduce((a, b) => a + b + 3, 0))}\n`,
    );
    for (const row of rows) process.stdout.write(`${line(row)}\n`);
    const result = {
      roundTripsPer1000: Number(ingest.batched.toFixed(2)),
      eventsPerSecond: Math.round(perSecond),
      renderRatio: Number((large / small).toFixed(2)),
      lostInOutage: out.lost,
    };
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  } finally {
    await mongoose.disconnect();
    await store.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

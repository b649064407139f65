/**
 * The worker's activity counter: gateway handlers call `message`, `member` and `voice` (plain
 * ids, no content), which only touch memory; `flush` folds the hours into rollup rows and writes
 * them in one bulkWrite (plus one for open voice sessions). A flush runs on a timer and when
 * `flushAtEvents` events are waiting; a failed flush keeps everything for the next one, up to
 * `maxPendingKeys` distinct counters — beyond that increments are dropped, counted and logged.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { ActivityBuffer, SCOPE_OF, type HourCounts } from './activity-buffer.js';
import {
  PartialRollupWrite,
  type ActivityStore,
  type CreditTarget,
  type RollupIncrement,
  type SessionRow,
} from './activity-store.js';
import { HOUR_MS, localDayOf, localDayStart, splitByHour } from './hours.js';
import { CHANNEL_DAY_RETENTION_DAYS, MEMBER_DAY_RETENTION_DAYS, type CounterField } from './rollup.model.js';

export interface ActivityCounterOptions {
  store: ActivityStore;
  clock: Clock;
  logger: Logger;
  /** Timer between flushes (default 15 s). */
  flushEveryMs?: number;
  /** A flush starts once this many events wait (default 5,000): at most a few round trips per 1,000 events. */
  flushAtEvents?: number;
  /**
   * Distinct counters held in memory (default 200,000 ≈ 60 MB). Keys are per hour, so a guild of
   * 500 members in 50 channels needs ~550 keys an hour: the bound covers days of database outage.
   */
  maxPendingKeys?: number;
  /** A voice session is resumed after a restart only if it was credited this recently (default 10 min). */
  resumeGapMs?: number;
  /**
   * The active-member rollup is recomputed at most this often (default 60 s; always at
   * shutdown): its figures are daily, and each recompute reads the guild's whole week.
   */
  refreshEveryMs?: number;
  /** Monotonic milliseconds for that pace (default performance.now; the simulated clock may stand still). */
  elapsed?: () => number;
}

export interface ActivityStats {
  pendingKeys: number;
  pendingEvents: number;
  /** Events (or voice slices) not counted because the bound was reached, since start. */
  lostEvents: number;
  flushes: number;
  failedFlushes: number;
  openSessions: number;
}

interface OpenSession {
  guildId: string;
  userId: string;
  channelId: string;
  since: number;
}

const ZONE_TTL_MS = 10 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** What rollupRows needs to know about guilds and channels. */
export interface RowContext {
  zoneOf: ReadonlyMap<string, string>;
  /** The mixer or event a throwaway channel's counts go to (breakout rooms). */
  targetOf(guildId: string, channelId: string): CreditTarget | undefined;
  /** The channel's latest name seen. */
  nameOf(guildId: string, channelId: string): string | undefined;
}

/**
 * Hour counters → rollup rows: guild rows by UTC hour, member and channel rows by local day,
 * with their expiry. Pure; the counter and the benchmark build their rows with it.
 */
export function rollupRows(entries: readonly HourCounts[], ctx: RowContext): RollupIncrement[] {
  const rows = new Map<string, RollupIncrement>();
  for (const e of entries) {
    const scope = SCOPE_OF[e.scope];
    // A breakout room's counts go to its mixer or event, not to a channel deleted after the run.
    const target = e.scope === 'channel' ? ctx.targetOf(e.guildId, e.key) : undefined;
    const key = target?.key ?? e.key;
    const zone = ctx.zoneOf.get(e.guildId) ?? 'Asia/Tokyo';
    const hour = e.scope === 'guild' ? new Date(e.hourMs) : null;
    const day = e.scope === 'guild' ? null : localDayOf(new Date(e.hourMs), zone);
    const id = `${scope}|${e.guildId}|${key}|${hour?.getTime() ?? day}`;
    let row = rows.get(id);
    if (!row) {
      const keepDays = e.scope === 'member' ? MEMBER_DAY_RETENTION_DAYS : CHANNEL_DAY_RETENTION_DAYS;
      const expiresAt = day ? new Date(localDayStart(day, zone).getTime() + keepDays * DAY_MS) : null;
      row = { guildId: e.guildId, scope, key, hour, day, inc: {}, expiresAt };
      const name = e.scope === 'channel' ? (target?.name ?? ctx.nameOf(e.guildId, e.key)) : undefined;
      if (name) row.name = name;
      rows.set(id, row);
    }
    for (const [field, value] of Object.entries(e.counts) as [CounterField, number][])
      row.inc[field] = (row.inc[field] ?? 0) + value;
  }
  return [...rows.values()];
}

export type ActivityCounter = ReturnType<typeof createActivityCounter>;

/** Builds one counter per worker process (its state lives here, never in a module). */
export function createActivityCounter(options: ActivityCounterOptions) {
  const { store, clock, logger } = options;
  const flushEveryMs = options.flushEveryMs ?? 15_000;
  const flushAtEvents = options.flushAtEvents ?? 5_000;
  const resumeGapMs = options.resumeGapMs ?? 10 * 60 * 1000;
  const refreshEveryMs = options.refreshEveryMs ?? 60_000;
  const elapsed = options.elapsed ?? (() => performance.now());
  let lastRefresh = Number.NEGATIVE_INFINITY;
  const buffer = new ActivityBuffer(options.maxPendingKeys ?? 200_000);
  const sessions = new Map<string, OpenSession>();
  const closedSessions = new Map<string, { guildId: string; userId: string }>();
  const zones = new Map<string, { zone: string; at: number }>();
  /** Channel → mixer/event it belongs to (null: an ordinary channel, rechecked after ZONE_TTL_MS). */
  const targets = new Map<string, { target: CreditTarget | null; at: number }>();
  /** Latest channel names seen (guildId|channelId → name), written with the channel rows. */
  const channelNames = new Map<string, string>();
  const nameChannel = (guildId: string, channelId: string, name: string | undefined) => {
    if (name && channelNames.size < 10_000) channelNames.set(`${guildId}|${channelId}`, name);
  };
  const stats = { lostEvents: 0, flushes: 0, failedFlushes: 0 };
  /** Guild days whose member rows were written but whose active-member rollup is not recomputed yet. */
  const staleDays = new Map<string, { guildId: string; day: string }>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<boolean> | undefined;
  let lastFailed = false;
  /** Counters drained into the write under way (reported if shutdown cannot wait for it). */
  let writingKeys = 0;
  let closed = false;

  const count = (
    guildId: string,
    scopeKeys: [HourCounts['scope'], string][],
    at: number,
    field: CounterField,
    by: number,
  ) => {
    const hourMs = Math.floor(at / HOUR_MS) * HOUR_MS;
    let kept = true;
    for (const [scope, key] of scopeKeys) kept = buffer.add(scope, guildId, key, hourMs, field, by) && kept;
    if (!kept) stats.lostEvents += 1;
  };

  const afterEvent = () => {
    buffer.events += 1;
    if (!timer && !closed) {
      timer = setInterval(() => void flush(), flushEveryMs);
      timer.unref();
    }
    // While the database is away only the timer retries, so a burst does not hammer it.
    if (buffer.events >= flushAtEvents && !inFlight && !lastFailed) void flush();
  };

  const credit = (session: OpenSession, to: number) => {
    if (to <= session.since) return;
    for (const slice of splitByHour(new Date(session.since), new Date(to))) {
      const keys: [HourCounts['scope'], string][] = [
        ['guild', ''],
        ['member', session.userId],
        ['channel', session.channelId],
      ];
      count(session.guildId, keys, slice.hour.getTime(), 'voiceSeconds', slice.seconds);
    }
    session.since = to;
  };

  const openSession = (guildId: string, userId: string, channelId: string, since: number) => {
    const id = `${guildId}|${userId}`;
    sessions.set(id, { guildId, userId, channelId, since });
    closedSessions.delete(id);
  };

  const closeSession = (id: string, at: number) => {
    const session = sessions.get(id);
    if (!session) return;
    credit(session, at);
    sessions.delete(id);
    closedSessions.set(id, { guildId: session.guildId, userId: session.userId });
  };

  async function zonesFor(guildIds: string[]): Promise<Map<string, string>> {
    const now = clock.now().getTime();
    const missing = guildIds.filter((id) => {
      const cached = zones.get(id);
      return !cached || now - cached.at > ZONE_TTL_MS;
    });
    if (missing.length > 0) {
      for (const [id, zone] of await store.zones(missing)) zones.set(id, { zone, at: now });
    }
    return new Map(guildIds.map((id) => [id, zones.get(id)?.zone ?? 'Asia/Tokyo']));
  }

  /** Looks up the channels of `entries` not known yet (one query per guild, cached). */
  async function targetsFor(entries: readonly HourCounts[]): Promise<void> {
    const now = clock.now().getTime();
    const byGuild = new Map<string, Set<string>>();
    for (const e of entries) {
      if (e.scope !== 'channel') continue;
      const known = targets.get(`${e.guildId}|${e.key}`);
      if (known && (known.target || now - known.at <= ZONE_TTL_MS)) continue;
      byGuild.set(e.guildId, (byGuild.get(e.guildId) ?? new Set()).add(e.key));
    }
    for (const [guildId, ids] of byGuild) {
      const found = await store.creditTargets(guildId, [...ids]);
      for (const id of ids) targets.set(`${guildId}|${id}`, { target: found.get(id) ?? null, at: now });
    }
  }

  const toRows = (entries: readonly HourCounts[], zoneOf: Map<string, string>) =>
    rollupRows(entries, {
      zoneOf,
      targetOf: (guildId, channelId) => targets.get(`${guildId}|${channelId}`)?.target ?? undefined,
      nameOf: (guildId, channelId) => channelNames.get(`${guildId}|${channelId}`),
    });

  function markStale(rows: readonly RollupIncrement[]): void {
    for (const r of rows)
      if (r.scope === 'memberDay' && r.day)
        staleDays.set(`${r.guildId}|${r.day}`, { guildId: r.guildId, day: r.day });
  }

  async function writeOnce(): Promise<boolean> {
    const now = clock.now().getTime();
    // Open sessions are credited up to now, so charts are current and a crash loses one interval at most.
    for (const session of sessions.values()) credit(session, now);
    const entries = buffer.drain();
    writingKeys = entries.length;
    const open: SessionRow[] = [...sessions.values()].map((s) => ({
      guildId: s.guildId,
      userId: s.userId,
      channelId: s.channelId,
      creditedUntil: new Date(s.since),
    }));
    const ended = [...closedSessions.values()];
    closedSessions.clear();
    /** Once the rollups are in, a later failure (sessions, active rollup) must not put them back. */
    let rollupsWritten = entries.length === 0;
    try {
      if (entries.length > 0) {
        const zoneOf = await zonesFor([...new Set(entries.map((e) => e.guildId))]);
        await targetsFor(entries);
        const rows = toRows(entries, zoneOf);
        try {
          await store.writeRollups(rows);
          rollupsWritten = true;
          writingKeys = 0;
          markStale(rows);
        } catch (error) {
          // Member days written before a partial failure still need their active-member rollup.
          if (error instanceof PartialRollupWrite && !error.unwritten.includes('memberDay')) markStale(rows);
          throw error;
        }
      }
      await store.writeSessions(open, ended);
      // After the member days: recomputed from them, so a failure here is retried at the next flush.
      // Marks wait for the next due flush (a crash loses them: the next start recomputes them).
      if (staleDays.size > 0 && (closed || elapsed() - lastRefresh >= refreshEveryMs)) {
        const due = [...staleDays.values()];
        await store.refreshActivity(due);
        for (const d of due) staleDays.delete(`${d.guildId}|${d.day}`);
        lastRefresh = elapsed();
      }
      stats.flushes += 1;
      lastFailed = false;
      return true;
    } catch (error) {
      // Only what was not written goes back (a scope written before the failure must not count twice).
      const unwritten = error instanceof PartialRollupWrite ? new Set(error.unwritten) : undefined;
      if (!rollupsWritten)
        buffer.restore(unwritten ? entries.filter((e) => unwritten.has(SCOPE_OF[e.scope])) : entries);
      for (const s of ended) {
        const id = `${s.guildId}|${s.userId}`;
        if (!sessions.has(id)) closedSessions.set(id, s);
      }
      stats.failedFlushes += 1;
      lastFailed = true;
      logger.warn(
        { err: error, pendingKeys: buffer.size, lostEvents: stats.lostEvents },
        'activity flush failed: counters kept in memory for the next try',
      );
      return false;
    } finally {
      writingKeys = 0;
      const dropped = buffer.takeDropped();
      if (dropped > 0)
        logger.error(
          { dropped, lostEvents: stats.lostEvents, bound: options.maxPendingKeys ?? 200_000 },
          'activity counters over the in-memory bound: increments dropped',
        );
    }
  }

  /** Writes what is pending; one flush at a time (a caller during a flush waits for it). True when written. */
  function flush(): Promise<boolean> {
    if (inFlight) return inFlight;
    inFlight = writeOnce().finally(() => (inFlight = undefined));
    return inFlight;
  }

  return {
    /** A member posted in a guild channel (threads count for their parent). Content is never seen. */
    message(
      guildId: string,
      channelId: string,
      userId: string,
      at: Date = clock.now(),
      channelName?: string,
    ): void {
      nameChannel(guildId, channelId, channelName);
      count(
        guildId,
        [
          ['guild', ''],
          ['member', userId],
          ['channel', channelId],
        ],
        at.getTime(),
        'messages',
        1,
      );
      afterEvent();
    },
    /** A member joined or left the guild. */
    member(guildId: string, userId: string, kind: 'joins' | 'leaves', at: Date = clock.now()): void {
      count(guildId, [['guild', '']], at.getTime(), kind, 1);
      afterEvent();
    },
    /** A voice state changed: joined (null → channel), moved, or left (channel → null). */
    voice(
      guildId: string,
      userId: string,
      channelId: string | null,
      at: Date = clock.now(),
      channelName?: string,
    ): void {
      if (channelId) nameChannel(guildId, channelId, channelName);
      const id = `${guildId}|${userId}`;
      const current = sessions.get(id);
      if (current?.channelId === channelId) return; // mute, deafen, stream: not a move
      if (current) closeSession(id, at.getTime());
      if (channelId) openSession(guildId, userId, channelId, at.getTime());
      afterEvent();
    },
    /**
     * After a (re)start, GUILD_CREATE lists who is in voice now: a session the last worker was
     * crediting continues where it stopped (if recent), anyone else starts now; stored sessions
     * of people no longer in voice end at their last credit (nothing is invented).
     */
    async reconcile(
      guildId: string,
      voiceStates: readonly { userId: string; channelId: string }[],
    ): Promise<void> {
      const now = clock.now().getTime();
      const stored = new Map((await store.loadSessions(guildId)).map((s) => [s.userId, s]));
      const present = new Set(voiceStates.map((v) => v.userId));
      for (const [id, session] of sessions)
        if (session.guildId === guildId && !present.has(session.userId)) closeSession(id, now);
      for (const { userId, channelId } of voiceStates) {
        if (sessions.get(`${guildId}|${userId}`)?.channelId === channelId) continue;
        const before = stored.get(userId);
        const resume =
          before && before.channelId === channelId && now - before.creditedUntil.getTime() <= resumeGapMs;
        openSession(guildId, userId, channelId, resume ? before.creditedUntil.getTime() : now);
      }
      for (const userId of stored.keys())
        if (!present.has(userId)) closedSessions.set(`${guildId}|${userId}`, { guildId, userId });
    },
    flush,
    /** Stops the timer and writes what is left (shutdown); what cannot be written is logged with its size. */
    async close(timeoutMs = 5_000): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      // Bounded: a database that is gone must not hold the shutdown (the process exits after 10 s).
      let wait: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        wait = setTimeout(() => resolve('timeout'), timeoutMs);
        wait.unref();
      });
      const written = (async () => {
        if (inFlight) await inFlight;
        return flush();
      })();
      const outcome = await Promise.race([written, timedOut]);
      clearTimeout(wait);
      if (outcome === true) return;
      const pendingKeys = buffer.size + writingKeys;
      if (pendingKeys > 0)
        logger.error({ pendingKeys, outcome }, 'activity counters not written at shutdown');
      else
        // The counters are in; only the derived rollup (or the voice sessions) is not, and the
        // next start recomputes the recent weeks (recoverActivity) and resumes sessions.
        logger.warn(
          { staleDays: staleDays.size, outcome },
          'activity counters written at shutdown; active-member rollup left for the next start',
        );
    },
    stats(): ActivityStats {
      return {
        pendingKeys: buffer.size,
        pendingEvents: buffer.events,
        lostEvents: stats.lostEvents,
        flushes: stats.flushes,
        failedFlushes: stats.failedFlushes,
        openSessions: sessions.size,
      };
    },
  };
}

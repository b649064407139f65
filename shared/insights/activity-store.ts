/**
 * Where the activity counter writes: one bulkWrite of `$inc` upserts for every rollup row of a
 * flush (one round trip), one for the open voice sessions. An interface so tests and the
 * benchmark can count round trips or make the database fail.
 */
import { GuildSettings } from '../kernel/guild-settings.model.js';
import { MixerRun } from '../deepen/mixer/mixer-run.model.js';
import { refreshActivity, type TouchedDay } from './activity-rollup.js';
import {
  ChannelDay,
  GuildHour,
  MemberDay,
  VoiceSession,
  type CounterField,
  type RollupScope,
} from './rollup.model.js';

export interface RollupIncrement {
  guildId: string;
  scope: RollupScope;
  key: string;
  hour: Date | null;
  day: string | null;
  inc: Partial<Record<CounterField, number>>;
  expiresAt: Date | null;
  /** channelDay: the channel's current name. */
  name?: string;
}

export interface SessionRow {
  guildId: string;
  userId: string;
  channelId: string;
  creditedUntil: Date;
}

export interface ActivityStore {
  /** The IANA zone of each guild (Asia/Tokyo when unset). */
  zones(guildIds: readonly string[]): Promise<Map<string, string>>;
  /** @throws PartialRollupWrite naming the scopes not written (the rest were). */
  writeRollups(rows: readonly RollupIncrement[]): Promise<void>;
  writeSessions(
    open: readonly SessionRow[],
    closed: readonly { guildId: string; userId: string }[],
  ): Promise<void>;
  loadSessions(guildId: string): Promise<SessionRow[]>;
  /** Recomputes the active-member rows of the weeks of `days` from the member days written. */
  refreshActivity(days: readonly TouchedDay[]): Promise<void>;
  /**
   * Throwaway channels and what they belong to: a mixer's breakout rooms (created and deleted per
   * run) are credited to the mixer (`mixer:<runId>`) or its event (`event:<occurrenceId>`).
   */
  creditTargets(guildId: string, channelIds: readonly string[]): Promise<Map<string, CreditTarget>>;
}

export interface CreditTarget {
  key: string;
  name: string;
}

const DEFAULT_ZONE = 'Asia/Tokyo';

/** The filter of a row in its scope's collection. */
function filterOf(r: RollupIncrement): Record<string, unknown> {
  if (r.scope === 'guildHour') return { guildId: r.guildId, hour: r.hour };
  if (r.scope === 'memberDay') return { guildId: r.guildId, userId: r.key, day: r.day };
  return { guildId: r.guildId, channelId: r.key, day: r.day };
}

const MODELS = { guildHour: GuildHour, memberDay: MemberDay, channelDay: ChannelDay } as const;

/** One scope's rows in one unordered bulkWrite (the driver sends it as one command). */
async function bulkIncrement(scope: RollupScope, rows: readonly RollupIncrement[]): Promise<void> {
  await (MODELS[scope] as typeof GuildHour).bulkWrite(
    rows.map((r) => ({
      updateOne: {
        filter: filterOf(r),
        update: {
          $inc: r.inc,
          ...(r.scope === 'guildHour' ? {} : { $setOnInsert: { expiresAt: r.expiresAt } }),
          ...(r.name ? { $set: { name: r.name } } : {}),
        },
        upsert: true,
      },
    })),
    // Unordered: one bad row does not hold back the others.
    { ordered: false },
  );
}

/**
 * Writes one scope, retrying once the rows another worker inserted first (E11000: only those
 * rows failed; on the second try they find the row and increment it).
 */
async function writeScope(scope: RollupScope, rows: readonly RollupIncrement[]): Promise<void> {
  try {
    await bulkIncrement(scope, rows);
  } catch (error) {
    const failed = duplicateKeyIndexes(error);
    if (!failed) throw error;
    await bulkIncrement(
      scope,
      failed.map((i) => rows[i]!),
    );
  }
}

/** Some scopes of a flush were not written (the others were): only those must be tried again. */
export class PartialRollupWrite extends Error {
  constructor(
    readonly unwritten: readonly RollupScope[],
    readonly causes: readonly unknown[],
  ) {
    super(
      `rollups not written for ${unwritten.join(', ')}: ${String((causes[0] as Error)?.message ?? causes[0])}`,
    );
  }
}

/** The indexes of the rows a bulk write refused for a duplicate key only, else undefined. */
function duplicateKeyIndexes(error: unknown): number[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const list = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
  if (list.length === 0) return undefined;
  const codes = list.map((e: { code?: number; index?: number }) => ({ code: e.code, index: e.index }));
  if (!codes.every((c) => c.code === 11000 && typeof c.index === 'number')) return undefined;
  return codes.map((c) => c.index!);
}

/** The production store, on mongoose's default connection. */
export const mongooseActivityStore: ActivityStore = {
  async zones(guildIds) {
    const rows = await GuildSettings.find(
      { guildId: { $in: [...guildIds] } },
      { guildId: 1, timeZone: 1 },
    ).lean();
    const zones = new Map(guildIds.map((id) => [id, DEFAULT_ZONE]));
    for (const row of rows) if (row.timeZone) zones.set(row.guildId, row.timeZone);
    return zones;
  },
  async writeRollups(rows) {
    if (rows.length === 0) return;
    const byScope = new Map<RollupScope, RollupIncrement[]>();
    for (const r of rows) byScope.set(r.scope, [...(byScope.get(r.scope) ?? []), r]);
    const scopes = [...byScope.keys()];
    const settled = await Promise.allSettled(scopes.map((scope) => writeScope(scope, byScope.get(scope)!)));
    const unwritten = scopes.filter((_, i) => settled[i]!.status === 'rejected');
    if (unwritten.length > 0)
      throw new PartialRollupWrite(
        unwritten,
        settled.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])),
      );
  },
  async writeSessions(open, closed) {
    if (open.length + closed.length === 0) return;
    await VoiceSession.bulkWrite(
      [
        ...open.map((s) => ({
          updateOne: {
            filter: { guildId: s.guildId, userId: s.userId },
            update: { $set: { channelId: s.channelId, creditedUntil: s.creditedUntil } },
            upsert: true,
          },
        })),
        ...closed.map((s) => ({ deleteOne: { filter: { guildId: s.guildId, userId: s.userId } } })),
      ],
      { ordered: false },
    );
  },
  async creditTargets(guildId, channelIds) {
    const runs = await MixerRun.find(
      { guildId, rooms: { $in: [...channelIds] } },
      { runId: 1, eventId: 1, theme: 1, rooms: 1 },
    ).lean();
    const targets = new Map<string, CreditTarget>();
    for (const run of runs)
      for (const room of run.rooms ?? [])
        targets.set(room, {
          key: run.eventId ? `event:${run.eventId}` : `mixer:${run.runId}`,
          name: run.theme,
        });
    return targets;
  },
  refreshActivity,
  async loadSessions(guildId) {
    const rows = await VoiceSession.find({ guildId }).lean();
    return rows.map((r) => ({
      guildId: r.guildId,
      userId: r.userId,
      channelId: r.channelId,
      creditedUntil: r.creditedUntil,
    }));
  },
};

/**
 * In-memory counters of activity, keyed by scope, guild, member or channel and UTC hour. Adding
 * is a map update (the gateway handlers stay fast); a flush drains the map into rollup rows, and
 * a failed flush merges them back, so nothing is lost while the database is away. The number of
 * distinct keys is bounded: past the bound, increments to new keys are dropped and counted.
 */
import type { CounterField, RollupScope } from './rollup.model.js';

export type HourScope = 'guild' | 'member' | 'channel';

export interface HourCounts {
  scope: HourScope;
  guildId: string;
  /** userId, channelId or '' for the guild. */
  key: string;
  hourMs: number;
  counts: Partial<Record<CounterField, number>>;
}

/** The rollup scope each in-memory scope is written to. */
export const SCOPE_OF: Record<HourScope, RollupScope> = {
  guild: 'guildHour',
  member: 'memberDay',
  channel: 'channelDay',
};

export class ActivityBuffer {
  private entries = new Map<string, HourCounts>();
  /** Increments (events' share) dropped because the bound was reached, since the last take. */
  private dropped = 0;
  /** Events added since the last drain (the size trigger of a flush). */
  events = 0;

  constructor(private readonly maxKeys: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Adds `by` to one counter; false (and counted) when a new key would pass the bound. */
  add(
    scope: HourScope,
    guildId: string,
    key: string,
    hourMs: number,
    field: CounterField,
    by: number,
  ): boolean {
    const id = `${scope}|${guildId}|${key}|${hourMs}`;
    let entry = this.entries.get(id);
    if (!entry) {
      if (this.entries.size >= this.maxKeys) {
        this.dropped += 1;
        return false;
      }
      entry = { scope, guildId, key, hourMs, counts: {} };
      this.entries.set(id, entry);
    }
    entry.counts[field] = (entry.counts[field] ?? 0) + by;
    return true;
  }

  /** Everything counted so far; the buffer starts empty again. */
  drain(): HourCounts[] {
    const out = [...this.entries.values()];
    this.entries = new Map();
    this.events = 0;
    return out;
  }

  /** Puts back what a failed flush drained (merged with what arrived meanwhile; never dropped). */
  restore(entries: readonly HourCounts[]): void {
    for (const e of entries) {
      const id = `${e.scope}|${e.guildId}|${e.key}|${e.hourMs}`;
      const current = this.entries.get(id);
      if (!current) {
        this.entries.set(id, { ...e, counts: { ...e.counts } });
        continue;
      }
      for (const [field, value] of Object.entries(e.counts) as [CounterField, number][])
        current.counts[field] = (current.counts[field] ?? 0) + value;
    }
  }

  /** Dropped increments since the last call (for the log), reset to zero. */
  takeDropped(): number {
    const n = this.dropped;
    this.dropped = 0;
    return n;
  }
}

/** An in-memory ActivityStore for unit tests: applies writes, counts round trips, fails on demand. */
import type { ActivityStore, RollupIncrement, SessionRow } from '../../../shared/insights/activity-store.js';

export function memoryStore(zone = 'Asia/Tokyo', rooms = new Map<string, { key: string; name: string }>()) {
  const rows = new Map<string, RollupIncrement>();
  const sessions = new Map<string, SessionRow>();
  const state = { roundTrips: 0, down: false };
  /** The guild days whose active-member rollup was recomputed (guildId|day). */
  const refreshed = new Set<string>();
  const trip = () => {
    state.roundTrips += 1;
    if (state.down) throw new Error('connection refused');
  };
  const store: ActivityStore = {
    async zones(ids) {
      trip();
      return new Map(ids.map((id) => [id, zone]));
    },
    async writeRollups(increments) {
      if (increments.length === 0) return;
      trip();
      for (const r of increments) {
        const id = `${r.scope}|${r.guildId}|${r.key}|${r.hour?.toISOString() ?? r.day}`;
        const row = rows.get(id) ?? { ...r, inc: {} };
        for (const [f, v] of Object.entries(r.inc))
          row.inc[f as 'messages'] = (row.inc[f as 'messages'] ?? 0) + v;
        rows.set(id, row);
      }
    },
    async writeSessions(open, closed) {
      if (open.length + closed.length === 0) return;
      trip();
      for (const s of open) sessions.set(`${s.guildId}|${s.userId}`, s);
      for (const s of closed) sessions.delete(`${s.guildId}|${s.userId}`);
    },
    async creditTargets(_guildId, ids) {
      trip();
      return new Map(ids.flatMap((id) => (rooms.has(id) ? [[id, rooms.get(id)!] as const] : [])));
    },
    async refreshActivity(days) {
      trip();
      for (const d of days) refreshed.add(`${d.guildId}|${d.day}`);
    },
    async loadSessions(guildId) {
      trip();
      return [...sessions.values()].filter((s) => s.guildId === guildId);
    },
  };
  const sum = (scope: string, field: 'messages' | 'voiceSeconds' | 'joins' | 'leaves', key?: string) =>
    [...rows.values()]
      .filter((r) => r.scope === scope && (key === undefined || r.key === key))
      .reduce((n, r) => n + (r.inc[field] ?? 0), 0);
  return { store, rows, sessions, state, sum, refreshed };
}

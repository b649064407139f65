/**
 * Someone leaves during the mixer: take them out, keep every group at 3 or more, re-plan the rest.
 */
import { GroupingError } from './errors.js';
import { MIN_GROUP } from './group-sizes.js';
import type { GroupMove } from './late-joiner.js';
import { replanFrom, type MixerState } from './mixer-state.js';
import { bestGroupFor, currentSeating, seatCost, type Seating } from './seating.js';

/** The member of group `from` whose move into group `to` costs least. */
function cheapestMover(seating: Seating, from: number, to: number): number {
  const source = seating.groups[from];
  let best = source[0];
  let bestDelta = Infinity;
  for (const p of source) {
    const delta = seatCost(seating, p, seating.groups[to]) - seatCost(seating, p, source);
    if (delta < bestDelta) [best, bestDelta] = [p, delta];
  }
  return best;
}

function move(seating: Seating, p: number, from: number, to: number): void {
  seating.groups[from] = seating.groups[from].filter((x) => x !== p);
  seating.groups[to].push(p);
}

/**
 * Rebalances group `g` when it fell below 3: one person moves in from the largest group when
 * that group can spare one (one move in Discord), otherwise the group's remaining members are
 * spread over the other groups and `g` stays as an empty group (indices keep naming rooms).
 */
function rebalance(seating: Seating, g: number, groupSize: number, ids: readonly string[]): GroupMove[] {
  const others = seating.groups
    .map((members, index) => ({ members, index }))
    .filter((o) => o.index !== g && o.members.length > 0);
  if (seating.groups[g].length >= MIN_GROUP || seating.groups[g].length === 0 || others.length === 0)
    return [];
  const largest = others.reduce((a, b) => (b.members.length > a.members.length ? b : a));
  if (largest.members.length > MIN_GROUP) {
    const p = cheapestMover(seating, largest.index, g);
    move(seating, p, largest.index, g);
    return [{ id: ids[p], from: largest.index, to: g }];
  }
  const moves: GroupMove[] = [];
  for (const p of [...seating.groups[g]]) {
    const to = bestGroupFor(seating, p, groupSize, g);
    move(seating, p, g, to);
    moves.push({ id: ids[p], from: g, to });
  }
  return moves;
}

/**
 * Takes a leaver out of the round in progress and the later rounds (which are re-planned
 * without them). If their group drops below 3 it is rebalanced (see `rebalance`); with a
 * single group left, a group of 2 stays as it is.
 *
 * @returns the new state and every move in the round in progress, the leaver's first (to: null)
 * @throws GroupingError UNKNOWN_PARTICIPANT when the id is not in the mixer
 */
export function removeLeaver(state: MixerState, id: string): { state: MixerState; moves: GroupMove[] } {
  if (!state.participants.some((p) => p.id === id)) throw new GroupingError('UNKNOWN_PARTICIPANT', { id });
  const r = state.currentRound;
  const round = state.rounds[r] ?? [];
  const from = round.findIndex((g) => g.includes(id));
  const participants = state.participants.filter((p) => p.id !== id);
  const seating = currentSeating(state, participants);
  const ids = participants.map((p) => p.id);
  const moves: GroupMove[] = [{ id, from: from >= 0 ? from : null, to: null }];
  if (from >= 0) moves.push(...rebalance(seating, from, state.groupSize, ids));
  const seated = seating.groups.map((g) => g.map((p) => ids[p]));
  const rounds = state.rounds.map((g, i) => (i === r ? seated : g));
  return { state: replanFrom({ ...state, participants, rounds }, r + 1), moves };
}

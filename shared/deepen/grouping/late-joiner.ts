/**
 * Someone arrives after the mixer started: seat them now, re-plan what is left.
 */
import { GroupingError } from './errors.js';
import { replanFrom, type MixerState } from './mixer-state.js';
import { bestGroupFor, currentSeating } from './seating.js';
import type { Participant } from './types.js';

/** Where a person goes in the round in progress; `null` means the lobby (not in a group). */
export interface GroupMove {
  id: string;
  from: number | null;
  to: number | null;
}

/**
 * Seats a late joiner in the round in progress, in the best-fitting group that is not full
 * (no one they met in an earlier mixer, the round's attribute), and re-plans the later rounds
 * with them included. A new group is opened only when the round has no group with anyone in it.
 *
 * @returns the new state and the joiner's move (from the lobby into a group index)
 * @throws GroupingError DUPLICATE_PARTICIPANT when the id is already in the mixer
 */
export function addLateJoiner(
  state: MixerState,
  participant: Participant,
): { state: MixerState; move: GroupMove } {
  if (state.participants.some((p) => p.id === participant.id))
    throw new GroupingError('DUPLICATE_PARTICIPANT', { id: participant.id });
  const participants = [...state.participants, participant];
  const seating = currentSeating(state, participants);
  const index = seating.indexOf.get(participant.id)!;
  const r = state.currentRound;
  const round = (state.rounds[r] ?? []).map((g) => [...g]);
  let to = bestGroupFor(seating, index, state.groupSize);
  if (to < 0) {
    to = round.length;
    round.push([]);
  }
  round[to].push(participant.id);
  const rounds = state.rounds.map((g, i) => (i === r ? round : g));
  const next = replanFrom({ ...state, participants, rounds }, r + 1);
  return { state: next, move: { id: participant.id, from: null, to } };
}

/**
 * Which room each group of a round goes to, and who has to move. Rooms are reused every round,
 * so a group is sent to the room where most of its members already are: they stay put and only
 * the others are moved (each move costs a slot in the guild's shared member bucket).
 */

/** One member to move into a room (a room index), or back to the lobby (`null`). */
export interface PlannedMove {
  userId: string;
  room: number | null;
}

/**
 * Maximum-weight assignment of groups to rooms (Hungarian method, O(n³)): weight = members of
 * the group already in the room. `roomOf` says where each member is now (null: not in a room).
 * Returns room index per group; needs at least as many rooms as groups.
 */
export function assignGroupsToRooms(
  groups: readonly (readonly string[])[],
  roomOf: (userId: string) => number | null,
  roomCount: number,
): number[] {
  if (groups.length > roomCount) throw new RangeError(`${groups.length} groups for ${roomCount} rooms`);
  const n = roomCount;
  // cost[g][r] = −(members of g in r); padded groups (g ≥ groups.length) cost 0 everywhere.
  const cost: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  groups.forEach((members, g) => {
    for (const id of members) {
      const r = roomOf(id);
      if (r !== null && r >= 0 && r < n) cost[g]![r]! -= 1;
    }
  });
  const assignment = hungarian(cost);
  return groups.map((_, g) => assignment[g]!);
}

/** The moves of one round: every member not already in the room of their group. */
export function movesForRound(
  groups: readonly (readonly string[])[],
  roomOfGroup: readonly number[],
  roomOf: (userId: string) => number | null,
): PlannedMove[] {
  const moves: PlannedMove[] = [];
  groups.forEach((members, g) => {
    const room = roomOfGroup[g]!;
    for (const userId of members) if (roomOf(userId) !== room) moves.push({ userId, room });
  });
  return moves;
}

/** Square-matrix Hungarian algorithm (minimum cost); returns the column of every row. */
function hungarian(cost: readonly (readonly number[])[]): number[] {
  const n = cost.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const column = new Array<number>(n).fill(0);
  for (let j = 1; j <= n; j++) if (p[j]! > 0) column[p[j]! - 1] = j - 1;
  return column;
}

/**
 * How long a round transition takes, from the pace Discord allows for member moves. Every move
 * (PATCH /guilds/{guild}/members/{user} with channel_id) shares one per-guild bucket; Discord
 * publishes no figure, bot authors observe 5–10 per 5 s. We plan with the slow end the
 * emulator's realistic profile uses: a burst of 10, then 10 per 10 s (about 1 move per second).
 */

/** Moves that pass at once, and the sustained pace after them. */
export const MOVE_BURST = 10;
export const MOVE_WINDOW_MS = 10_000;

/**
 * The shortest time `moves` moves can take in one guild bucket that lets `burst` through per
 * `windowMs` (the floor the benchmark compares with): the first burst passes at once, every
 * further one waits a window. Defaults: the pace the mixer plans with.
 */
export function moveFloorMs(moves: number, burst = MOVE_BURST, windowMs = MOVE_WINDOW_MS): number {
  if (moves <= burst) return 0;
  return Math.ceil(moves / burst - 1) * windowMs;
}

/** The time to announce for `moves` moves, in whole seconds (at least 1 when anything moves). */
export function expectedTransitionSeconds(moves: number): number {
  if (moves === 0) return 0;
  return Math.max(1, Math.ceil((moves * MOVE_WINDOW_MS) / MOVE_BURST / 1000));
}

/** Seconds left for the remaining moves, from the pace seen so far (or the planned pace before any). */
export function secondsLeft(done: number, total: number, elapsedMs: number): number {
  const remaining = Math.max(0, total - done);
  if (remaining === 0) return 0;
  const planned = (remaining * MOVE_WINDOW_MS) / MOVE_BURST / 1000;
  if (done < MOVE_BURST) return Math.ceil(planned);
  return Math.ceil(Math.max(planned, ((elapsedMs / done) * remaining) / 1000));
}

/**
 * Who may enter the rooms. `members`: each person has their own overwrite on every room, written
 * in the create call (no request per person). `role`: too many people for one create body, so the
 * rooms open to a temporary role granted to each person first (one request per person,
 * bot/deepen/mixer/flows/room-role.ts). Stored on the run before any room is made.
 */
export const ROOM_ACCESS = ['members', 'role'] as const;
export type RoomAccess = (typeof ROOM_ACCESS)[number];

/**
 * Discord takes at most 100 permission overwrites in a channel create or modify body (50035
 * "Must be 100 or fewer in length.", discord-api-spec `maxLength(100)` on permission_overwrites).
 */
export const MAX_BODY_OVERWRITES = 100;
/** Overwrites every room has besides its people's: @everyone's deny and the bot's own. */
export const BASE_OVERWRITES = 2;

/**
 * The access for rooms that open to `people` (organiser, facilitators and participants): their
 * own overwrites while they fit in one create body beside the two base ones, else the role.
 * `cap`: the body's cap (Discord's 100; tests lower it to reach the role path with few people).
 */
export function roomAccessFor(people: number, cap = MAX_BODY_OVERWRITES): RoomAccess {
  return people + BASE_OVERWRITES <= cap ? 'members' : 'role';
}

/**
 * Role grants at setup in `role` access (PUT /guilds/{guild}/members/{user}/roles/{role}, one per
 * person in the mixer): their own per-guild bucket, observed at 10 (discord-api-docs#7680) with a
 * window we assume to be 10 s, as the emulator's realistic profile does. They run before the
 * first moves; `members` access makes none.
 */
export const GRANT_BURST = 10;
export const GRANT_WINDOW_MS = 10_000;

/** The time to announce for granting the mixer's role to `grants` people, in whole seconds. */
export function expectedGrantSeconds(grants: number): number {
  if (grants === 0) return 0;
  return Math.max(1, Math.ceil((grants * GRANT_WINDOW_MS) / GRANT_BURST / 1000));
}

/**
 * Setup and the first transition: every move into the rooms, after every role grant when the
 * rooms open to the role. `access` defaults to what `participants` and the organiser need.
 */
export function expectedFirstTransitionSeconds(
  participants: number,
  access: RoomAccess = roomAccessFor(participants + 1),
): number {
  const grants = access === 'role' ? expectedGrantSeconds(participants) : 0;
  return grants + expectedTransitionSeconds(participants);
}

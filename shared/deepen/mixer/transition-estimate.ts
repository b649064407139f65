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
 * Role grants at setup (PUT /guilds/{guild}/members/{user}/roles/{role}, one per person in the
 * mixer): their own per-guild bucket, observed at 10 (discord-api-docs#7680) with a window we
 * assume to be 10 s, as the emulator's realistic profile does. They run before the first moves.
 */
export const GRANT_BURST = 10;
export const GRANT_WINDOW_MS = 10_000;

/** The time to announce for granting the mixer's role to `grants` people, in whole seconds. */
export function expectedGrantSeconds(grants: number): number {
  if (grants === 0) return 0;
  return Math.max(1, Math.ceil((grants * GRANT_WINDOW_MS) / GRANT_BURST / 1000));
}

/** Setup and the first transition: every grant, then every move into the rooms. */
export function expectedFirstTransitionSeconds(people: number): number {
  return expectedGrantSeconds(people) + expectedTransitionSeconds(people);
}

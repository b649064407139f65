/** Discord's epoch (2015-01-01T00:00:00.000Z): snowflakes carry milliseconds since it in their top 42 bits. */
export const DISCORD_EPOCH = 1420070400000n;

let lastTimestamp = 0n;
let increment = 0n;

/**
 * Returns a new snowflake for `at` (default now): timestamp << 22 | worker 1 << 17 | process 0 << 12 | increment.
 * Ids created in the same millisecond stay unique and ordered, as Discord's are.
 */
export function snowflake(at: number = Date.now()): string {
  let timestamp = BigInt(at) - DISCORD_EPOCH;
  if (timestamp <= lastTimestamp) {
    timestamp = lastTimestamp;
    increment += 1n;
    if (increment > 0xfffn) {
      timestamp += 1n;
      increment = 0n;
    }
  } else {
    increment = 0n;
  }
  lastTimestamp = timestamp;
  return ((timestamp << 22n) | (1n << 17n) | increment).toString();
}

/** The creation time encoded in a snowflake. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

/** Orders snowflakes numerically without BigInt (decimal strings: shorter is smaller). */
export function compareSnowflakes(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** The newest snowflake issued so far by this process (below every real id before the first), for persistence. */
export function lastSnowflake(): string {
  return ((lastTimestamp << 22n) | (1n << 17n) | increment).toString();
}

/**
 * Makes every later snowflake greater than `id` (a restored emulator calls it with the newest id it
 * had issued), so new ids never collide with saved ones even if the system clock went back.
 */
export function continueSnowflakesAfter(id: string): void {
  const value = BigInt(id);
  const timestamp = value >> 22n;
  if (timestamp > lastTimestamp || (timestamp === lastTimestamp && (value & 0xfffn) > increment)) {
    lastTimestamp = timestamp;
    increment = value & 0xfffn;
  }
}

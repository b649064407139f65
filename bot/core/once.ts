import type { BotContext } from '../context.js';

/**
 * Runs `task` unless a task with the same key is already running in this bot; returns false when
 * skipped. Multi-process safety comes from the services' conditional updates; this stops a double click.
 */
export async function once(ctx: BotContext, key: string, task: () => Promise<void>): Promise<boolean> {
  const { inFlight } = ctx.runtime;
  if (inFlight.has(key)) return false;
  inFlight.add(key);
  try {
    await task();
    return true;
  } finally {
    inFlight.delete(key);
  }
}

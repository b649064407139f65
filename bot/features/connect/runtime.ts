import type { BotContext } from '../../context.js';
import { KeyedQueue } from './keyed-queue.js';

/**
 * Per-bot state of the Connect & Know adapters: the per-guild join queue and the set of
 * intro posts in flight (a double click must not post twice). Kept per context, not per module,
 * so two bots in one process (tests) never share it.
 */
export interface ConnectRuntime {
  joins: KeyedQueue;
  inFlight: Set<string>;
}

const runtimes = new WeakMap<BotContext, ConnectRuntime>();

/** The runtime of a bot context, created on first use. */
export function runtimeOf(ctx: BotContext): ConnectRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) runtimes.set(ctx, (runtime = { joins: new KeyedQueue(), inFlight: new Set() }));
  return runtime;
}

/**
 * Runs `task` unless a task with the same key is already running; returns false when skipped.
 * Multi-process safety comes from the services' conditional updates; this stops a double click.
 */
export async function once(ctx: BotContext, key: string, task: () => Promise<void>): Promise<boolean> {
  const { inFlight } = runtimeOf(ctx);
  if (inFlight.has(key)) return false;
  inFlight.add(key);
  try {
    await task();
    return true;
  } finally {
    inFlight.delete(key);
  }
}

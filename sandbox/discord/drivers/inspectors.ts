/** Inspectors: what the bot did, read from the state, and a wait that re-checks on every change. */
import type { APIMessage } from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { interactionsOf, type InteractionResponseEntry } from '../rest/interactions.js';
import { DriverError } from './types.js';

/** Messages of a channel, oldest first. */
export function messagesIn(emu: EmulatorContext, channelId: string): APIMessage[] {
  return emu.state.messages.list(channelId).reverse();
}

/** What the bot sent a user by DM, oldest first. */
export function dmsTo(emu: EmulatorContext, userId: string): APIMessage[] {
  const dm = emu.state.channels.findDm(userId);
  return dm ? messagesIn(emu, dm.id).filter((m) => m.author.id === emu.botUser.id) : [];
}

/** Everything the bot did with an interaction. */
export function interactionResponses(
  emu: EmulatorContext,
  interactionId: string,
): InteractionResponseEntry[] {
  const record = interactionsOf(emu.state).find(interactionId);
  if (!record) throw new DriverError(`Unknown interaction ${interactionId}`);
  return [...record.responses];
}

/**
 * Resolves with the first truthy value of `probe`, re-checked after every gateway dispatch,
 * interaction response and every 20 ms; rejects after `timeoutMs`.
 */
export function waitFor<T>(
  emu: EmulatorContext,
  probe: () => T | undefined | null | false,
  timeoutMs = 5000,
  what = 'condition',
): Promise<T> {
  return new Promise((resolve, reject) => {
    const store = interactionsOf(emu.state);
    const check = () => {
      let value: T | undefined | null | false;
      try {
        value = probe();
      } catch (error) {
        return finish(() => reject(error as Error));
      }
      if (value) finish(() => resolve(value as T));
    };
    const unsubscribe = emu.state.onDispatch(() => queueMicrotask(check));
    store.on('response', check);
    const interval = setInterval(check, 20);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    let done = false;
    function finish(settle: () => void) {
      if (done) return;
      done = true;
      unsubscribe();
      store.off('response', check);
      clearInterval(interval);
      clearTimeout(timer);
      settle();
    }
    check();
  });
}

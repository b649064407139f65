import type { ClientEvents } from 'discord.js';
import type { BotContext } from '../context.js';

/** One gateway event handler (discord.js guide shape), receiving the context first. */
export interface BotEvent<K extends keyof ClientEvents = keyof ClientEvents> {
  name: K;
  once?: boolean;
  execute(ctx: BotContext, ...args: ClientEvents[K]): Promise<void> | void;
}

/** Keeps the event name and its argument types tied together. */
export function defineEvent<K extends keyof ClientEvents>(event: BotEvent<K>): BotEvent<K> {
  return event;
}

/** A handler of any event (each entry keeps its own typed K through defineEvent). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds events of every name
export type AnyBotEvent = BotEvent<any>;

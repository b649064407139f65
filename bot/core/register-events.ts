import type { Client } from 'discord.js';
import type { BotContext } from '../context.js';
import type { BotEvent } from './event.js';

/**
 * Routes gateway events to their handlers (KevinNovak's Bot class, without a Client subclass).
 * A handler that throws is logged, never fatal: one bad event must not take the bot down.
 */
export function registerEvents(client: Client, events: readonly BotEvent[], ctx: BotContext): void {
  for (const event of events) {
    const listener = (...args: unknown[]) => {
      Promise.resolve()
        .then(() => (event.execute as (ctx: BotContext, ...rest: unknown[]) => unknown)(ctx, ...args))
        .catch((error: unknown) =>
          ctx.logger.error({ err: error, event: event.name }, 'event handler failed'),
        );
    };
    if (event.once) client.once(event.name, listener);
    else client.on(event.name, listener);
  }
}

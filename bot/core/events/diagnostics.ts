import { Events } from 'discord.js';
import { defineEvent } from '../event.js';

/** Errors the gateway reports at start-up that start-bot.ts turns into one clear message instead. */
const EXPLAINED_AT_STARTUP = new Set([
  'Used disallowed intents',
  'Used invalid intents',
  'Authentication failed',
]);

export const clientError = defineEvent({
  name: Events.Error,
  execute(ctx, error) {
    ctx.logger.error({ err: error }, 'discord.js client error');
  },
});

export const clientWarn = defineEvent({
  name: Events.Warn,
  execute(ctx, message) {
    ctx.logger.warn(message);
  },
});

export const shardError = defineEvent({
  name: Events.ShardError,
  execute(ctx, error, shardId) {
    if (EXPLAINED_AT_STARTUP.has(error.message)) return;
    ctx.logger.warn({ err: error, shardId }, 'gateway connection error; discord.js reconnects');
  },
});

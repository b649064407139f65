import { Events } from 'discord.js';
import { defineEvent } from '../event.js';

/** Logs who we are. Start-up checks run right after, in start-bot.ts, so start-up awaits them. */
export const ready = defineEvent({
  name: Events.ClientReady,
  once: true,
  execute(ctx, client) {
    ctx.logger.info(
      { botUserId: client.user.id, guilds: client.guilds.cache.size },
      `logged in as ${client.user.tag} in ${client.guilds.cache.size} server(s)`,
    );
  },
});

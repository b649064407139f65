import { Events } from 'discord.js';
import { defineEvent } from '../event.js';

/** The bot left (or was removed from) a guild: its check results no longer apply. */
export const guildDelete = defineEvent({
  name: Events.GuildDelete,
  async execute(ctx, guild) {
    // An outage makes guilds "unavailable" without removing the bot: keep the results then.
    if (!guild.available) return;
    ctx.logger.info({ guildId: guild.id }, `left "${guild.name}"`);
    await ctx.services.health.clearGuildHealth(guild.id);
  },
});

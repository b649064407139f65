import { Events } from 'discord.js';
import { defineEvent } from '../event.js';
import { checkAndRecordGuild } from '../startup-checks.js';
import { cacheVoiceMembers } from '../voice-members.js';

/** The bot was added to a guild after start-up: check its permissions there, cache who is in voice. */
export const guildCreate = defineEvent({
  name: Events.GuildCreate,
  async execute(ctx, guild) {
    ctx.logger.info({ guildId: guild.id }, `joined "${guild.name}"`);
    await checkAndRecordGuild(guild, ctx);
    await cacheVoiceMembers(guild);
  },
});

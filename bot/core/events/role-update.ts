import { Events } from 'discord.js';
import { defineEvent } from '../event.js';
import { checkAndRecordGuild } from '../startup-checks.js';

/** An organiser changed a role (often the bot's, after reading the dashboard): re-check that guild. */
export const roleUpdate = defineEvent({
  name: Events.GuildRoleUpdate,
  async execute(ctx, _oldRole, role) {
    const me = role.guild.members.me;
    if (me && (me.roles.cache.has(role.id) || role.id === role.guild.id))
      await checkAndRecordGuild(role.guild, ctx);
  },
});

import { Events } from 'discord.js';
import { defineEvent } from '../event.js';
import { checkAndRecordGuild } from '../startup-checks.js';

/** An organiser gave or took a role from the bot (often after reading the dashboard): re-check that guild. */
export const botMemberUpdate = defineEvent({
  name: Events.GuildMemberUpdate,
  async execute(ctx, oldMember, member) {
    if (member.id !== member.client.user.id) return;
    const before = oldMember.partial ? undefined : [...oldMember.roles.cache.keys()].sort().join();
    if (before === [...member.roles.cache.keys()].sort().join()) return;
    await checkAndRecordGuild(member.guild, ctx);
  },
});

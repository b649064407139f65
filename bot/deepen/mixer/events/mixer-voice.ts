/**
 * Voice changes during a mixer (flows/membership.ts decides what each one means). Whether a
 * change concerns a running mixer is answered from the in-memory index first, so the voice
 * traffic of a busy guild that touches no mixer costs no database call.
 */
import { Events } from 'discord.js';
import { defineEvent } from '../../../core/event.js';
import { onParticipantGone, onVoiceChange, runsConcerned, runsOfGuild } from '../flows/membership.js';

export const mixerVoice = defineEvent({
  name: Events.VoiceStateUpdate,
  async execute(ctx, before, after) {
    if (before.channelId === after.channelId) return;
    if (after.member?.user.bot) return;
    const guild = after.guild;
    if (!after.client.guilds.cache.has(guild.id)) return;
    const runs = await runsConcerned(ctx, guild.id, after.id, before.channelId, after.channelId);
    for (const run of runs) await onVoiceChange(ctx, guild, run, after.id, before.channelId, after.channelId);
  },
});

export const mixerMemberLeave = defineEvent({
  name: Events.GuildMemberRemove,
  async execute(ctx, member) {
    if (!member.client.guilds.cache.has(member.guild.id)) return;
    const runs = await runsOfGuild(ctx, member.guild.id);
    for (const run of runs) await onParticipantGone(ctx, member.guild, run, member.id);
  },
});

/**
 * Voice changes during a mixer: a newcomer in the lobby joins the groups, a participant who
 * disconnects (VOICE_STATE_UPDATE with no channel, also when Discord deletes a channel under
 * them) is taken out. Moves the bot makes between the lobby and rooms change nothing here.
 */
import { Events } from 'discord.js';
import { defineEvent } from '../../../core/event.js';
import { onLobbyJoin, onParticipantGone, runsOf } from '../flows/membership.js';

export const mixerVoice = defineEvent({
  name: Events.VoiceStateUpdate,
  async execute(ctx, before, after) {
    if (before.channelId === after.channelId) return;
    if (after.member?.user.bot) return;
    const runs = await runsOf(ctx, after.client, after.guild.id);
    for (const run of runs) {
      const inMixer = (id: string | null) =>
        id !== null && (id === run.lobbyChannelId || run.rooms.includes(id));
      if (after.channelId === run.lobbyChannelId && !inMixer(before.channelId))
        await onLobbyJoin(ctx, after.guild, run, after.id);
      else if (after.channelId === null && inMixer(before.channelId))
        await onParticipantGone(ctx, after.guild, run, after.id);
    }
  },
});

export const mixerMemberLeave = defineEvent({
  name: Events.GuildMemberRemove,
  async execute(ctx, member) {
    const runs = await runsOf(ctx, member.client, member.guild.id);
    for (const run of runs) await onParticipantGone(ctx, member.guild, run, member.id);
  },
});

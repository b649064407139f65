import { Events } from 'discord.js';
import { defineEvent } from '../../../core/event.js';
import { mixerThreshold, startEventMixer } from '../flows/start-mixer.js';

/**
 * Someone joined a voice channel: if it is the lobby of an active event, they attended (first
 * sighting kept), and the mixer starts once enough people are there.
 */
export const lobbyVoice = defineEvent({
  name: Events.VoiceStateUpdate,
  async execute(ctx, before, after) {
    const channelId = after.channelId;
    if (!channelId || channelId === before.channelId || after.member?.user.bot) return;
    const svc = ctx.services.deepenEvents;
    const active = await svc.series.activeInLobby(after.guild.id, channelId);
    for (const occ of active) {
      await svc.lifecycle.recordAttendance(occ.occurrenceId, [after.id], ctx.services.clock.now());
      const inLobby = after.channel?.members.filter((m) => !m.user.bot).size ?? 0;
      if (occ.mixer && occ.mixerOutcome.state === 'none' && inLobby >= mixerThreshold(occ.mixer.groupSize))
        await startEventMixer(ctx, after.guild, occ.occurrenceId);
    }
  },
});

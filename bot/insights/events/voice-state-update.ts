import { Events } from 'discord.js';
import { defineEvent } from '../../core/event.js';

/** Opens, moves or closes a member's voice session (voice minutes); bots are not counted. */
export const countVoice = defineEvent({
  name: Events.VoiceStateUpdate,
  execute(ctx, oldState, newState) {
    if (newState.member?.user.bot ?? oldState.member?.user.bot) return;
    const { activity } = ctx.services.insights;
    activity.voice(
      newState.guild.id,
      newState.id,
      newState.channelId,
      ctx.services.clock.now(),
      newState.channel?.name,
    );
  },
});

/** `mixroom:prompt:<runId>:<round>:<room>`: "new prompt" in a breakout room (anyone in the mixer may press it). */
import type { ComponentFamily } from '../../../core/component.js';
import { UserError } from '../../../core/user-error.js';
import { ROOM_PREFIX, newPromptMessage } from '../presenters/room.presenter.js';

export const mixerRoom: ComponentFamily = {
  prefix: ROOM_PREFIX,

  async button(interaction, [action, runId, roundText, roomText], ctx) {
    if (action !== 'prompt' || !runId) throw new UserError('bot.error.expiredComponent');
    const round = Number(roundText);
    const room = Number(roomText);
    const run = await ctx.services.mixer.runs.getRun(runId);
    if (run.status !== 'running' || run.state.currentRound !== round || run.phase !== 'talking')
      throw new UserError('deepen.mixer.error.roundOver');
    const prompt = await ctx.services.mixer.prompts.nextPrompt(runId, round, room);
    const latest = await ctx.services.mixer.runs.getRun(runId);
    await interaction.reply(newPromptMessage(latest, round, room, prompt));
  },
};

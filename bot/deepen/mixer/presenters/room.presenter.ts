/** What a breakout room's text chat shows: the round, its end, the prompt and a "new prompt" button. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { PickedPrompt } from '../../../../shared/deepen/prompts/index.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import { customId } from '../../../core/custom-id.js';
import { discordTime } from './control.presenter.js';

export const ROOM_PREFIX = 'mixroom';

export function promptMessage(
  run: MixerRunView,
  round: number,
  room: number,
  prompt: PickedPrompt,
  members: readonly string[],
) {
  const tr = translator(run.locale as Locale);
  const end = run.roundEndsAt;
  const embed = new EmbedBuilder().setTitle(tr('deepen.mixer.room.promptTitle')).setDescription(prompt.text);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId(ROOM_PREFIX, 'prompt', run.runId, round, room))
      .setLabel(tr('deepen.mixer.room.newPrompt'))
      .setStyle(ButtonStyle.Secondary),
  );
  return {
    content: [
      tr('deepen.mixer.room.welcome', {
        round: round + 1,
        rounds: run.strategies.length,
        members: members.map((m) => `<@${m}>`).join(' '),
      }),
      end ? tr('deepen.mixer.room.endsAt', { end: `${discordTime(end, 't')} (${discordTime(end)})` }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
    embeds: [embed],
    components: [row],
    allowedMentions: { parse: [] as never[] },
  };
}

export function newPromptMessage(run: MixerRunView, round: number, room: number, prompt: PickedPrompt) {
  const message = promptMessage(run, round, room, prompt, []);
  return { embeds: message.embeds, components: message.components };
}

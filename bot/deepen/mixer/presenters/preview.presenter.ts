/** The plan shown before a mixer starts: people, groups, expected repeats and transition times. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { MixerRunView, PlanPreview } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { themeName } from '../../../../shared/deepen/prompts/index.js';
import type { Locale, Translator } from '../../../../shared/i18n/index.js';
import { customId } from '../../../core/custom-id.js';
import { CONTROL_PREFIX } from './control.presenter.js';

function strategyLabel(tr: Translator, s: MixerRunView['strategies'][number]): string {
  return s.kind === 'mixed' ? tr('deepen.mixer.strategy.mixed') : tr(`deepen.mixer.strategy.${s.attribute}`);
}

export function previewMessage(tr: Translator, locale: Locale, run: MixerRunView, preview: PlanPreview) {
  const embed = new EmbedBuilder()
    .setTitle(tr('deepen.mixer.preview.title', { theme: themeName(run.theme, locale) }))
    .setDescription(
      [
        tr('deepen.mixer.preview.people', { count: preview.people, lobby: `<#${run.lobbyChannelId}>` }),
        tr('deepen.mixer.preview.groups', {
          groups: preview.groupsPerRound,
          sizes: preview.sizes.join(' / '),
        }),
        tr('deepen.mixer.preview.rounds', {
          rounds: preview.rounds,
          minutes: run.minutesPerRound,
          strategies: run.strategies.map((s) => strategyLabel(tr, s)).join(' → '),
        }),
        tr('deepen.mixer.preview.repeats', {
          repeats: preview.expectedRepeats,
          history: preview.historyRepeats,
        }),
        tr('deepen.mixer.preview.transition', {
          first: preview.transitionSeconds.first,
          between: preview.transitionSeconds.between,
          back: preview.transitionSeconds.back,
        }),
        ...(preview.people < 6 ? [tr('deepen.mixer.preview.oneGroup')] : []),
      ].join('\n'),
    );
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId(CONTROL_PREFIX, 'confirm', run.runId))
      .setLabel(tr('deepen.mixer.preview.confirm'))
      .setStyle(ButtonStyle.Success),
    new ButtonBuilder()
      .setCustomId(customId(CONTROL_PREFIX, 'cancel', run.runId))
      .setLabel(tr('deepen.mixer.preview.cancel'))
      .setStyle(ButtonStyle.Secondary),
  );
  return { embeds: [embed], components: [row] };
}

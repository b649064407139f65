/** The plan shown before a mixer starts: people, groups, expected repeats and transition times. */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { MixerRunView, PlanPreview } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { themeName } from '../../../../shared/deepen/prompts/index.js';
import {
  BASE_OVERWRITES,
  expectedFirstTransitionSeconds,
  MAX_BODY_OVERWRITES,
  roomAccessFor,
  type RoomAccess,
} from '../../../../shared/deepen/mixer/transition-estimate.js';
import type { Locale, Translator } from '../../../../shared/i18n/index.js';
import { customId } from '../../../core/custom-id.js';
import { CONTROL_PREFIX } from './control.presenter.js';
import { roomPeople } from '../flows/rooms.js';

/**
 * How the rooms will open, counted with the organiser and facilitators as setup counts them:
 * each person named (no role grants before the first move) or the mixer's role (one grant each).
 */
function plannedAccess(run: MixerRunView, cap: number): RoomAccess {
  return roomAccessFor(roomPeople(run).length, cap);
}

function strategyLabel(tr: Translator, s: MixerRunView['strategies'][number]): string {
  return s.kind === 'mixed' ? tr('deepen.mixer.strategy.mixed') : tr(`deepen.mixer.strategy.${s.attribute}`);
}

/** `cap`: the create body's overwrite cap setup plans with (room-role.ts bodyOverwriteCap). */
export function previewMessage(
  tr: Translator,
  locale: Locale,
  run: MixerRunView,
  preview: PlanPreview,
  cap: number = MAX_BODY_OVERWRITES,
) {
  const access = plannedAccess(run, cap);
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
          // The plan's figure counted again with the facilitators, who may tip the access.
          first: expectedFirstTransitionSeconds(preview.people, access),
          between: preview.transitionSeconds.between,
          back: preview.transitionSeconds.back,
        }),
        ...(access === 'role' ? [tr('deepen.mixer.preview.roleAccess', { max: cap - BASE_OVERWRITES })] : []),
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

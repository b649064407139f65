/** The organiser's control message: where the mixer is, the progress of moves, and its buttons. */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type MessageCreateOptions,
} from 'discord.js';
import type { MixerRunView } from '../../../../shared/deepen/mixer/mixer-run.service.js';
import { themeName } from '../../../../shared/deepen/prompts/index.js';
import { translator, type Locale, type Translator } from '../../../../shared/i18n/index.js';
import { customId } from '../../../core/custom-id.js';

export const CONTROL_PREFIX = 'mixer';

/** `<t:…:R>` and `<t:…:t>`: every viewer sees the time in their own zone. */
export function discordTime(date: Date, style: 't' | 'R' | 'T' = 'R'): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}

function statusLine(tr: Translator, run: MixerRunView): string {
  const round = run.state.currentRound + 1;
  const rounds = run.strategies.length;
  switch (run.phase) {
    case 'setup':
      return tr('deepen.mixer.control.setup');
    case 'moving':
      return tr('deepen.mixer.control.moving', { round, rounds });
    case 'talking':
      return tr('deepen.mixer.control.talking', {
        round,
        rounds,
        end: run.roundEndsAt ? `${discordTime(run.roundEndsAt, 't')} (${discordTime(run.roundEndsAt)})` : '—',
      });
    case 'returning':
      return tr('deepen.mixer.control.returning');
    default:
      if (run.status === 'cancelled') return tr('deepen.mixer.control.cancelled');
      return tr('deepen.mixer.control.done', {
        people: run.summary.people,
        groups: run.summary.groups,
        newPairs: run.summary.newPairs,
      });
  }
}

/**
 * How many members of the step shown (a round moving or talking, or the way back) are out of place
 * after a move that did not happen: the run's stored `moves.unmoved`, which a later move that
 * places them (the warning's drive, the voice handler) empties. The control message and
 * `/mixer status` both read this one figure.
 */
export function unmovedCount(run: MixerRunView): number {
  const count = run.moves.unmoved?.length ?? 0;
  if (count === 0 || run.status !== 'running') return 0;
  const step =
    run.phase === 'returning'
      ? run.strategies.length
      : run.phase === 'moving' || run.phase === 'talking'
        ? run.state.currentRound
        : null;
  return step !== null && run.moves.round === step ? count : 0;
}

/** "3 could not be moved: asked to join by link" while unmovedCount is above 0. */
export function unmovedLine(tr: Translator, run: MixerRunView): string | undefined {
  const count = unmovedCount(run);
  return count > 0 ? tr('deepen.mixer.control.unmoved', { count }) : undefined;
}

/**
 * The control message for `run`; `progress` is the live moves line ("12/40 moved, about 20 s
 * left"), followed by how many could not be moved.
 */
export function controlMessage(
  run: MixerRunView,
  progress?: string,
): MessageCreateOptions & { content: string } {
  const tr = translator(run.locale as Locale);
  const live = run.status === 'running' && run.phase !== 'returning' && run.phase !== 'cleanup';
  const embed = new EmbedBuilder()
    .setTitle(tr('deepen.mixer.control.title', { theme: themeName(run.theme, run.locale as Locale) }))
    .setDescription(
      [statusLine(tr, run), progress ?? '', unmovedLine(tr, run) ?? ''].filter(Boolean).join('\n'),
    )
    .addFields({
      name: tr('deepen.mixer.control.people'),
      value: String(run.state.participants.length),
      inline: true,
    });
  const button = (action: string, key: Parameters<Translator>[0], style = ButtonStyle.Secondary) =>
    new ButtonBuilder()
      .setCustomId(customId(CONTROL_PREFIX, action, run.runId))
      .setLabel(tr(key))
      .setStyle(style);
  const components = live
    ? [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          button('next', 'deepen.mixer.control.next', ButtonStyle.Primary),
          button('extend', 'deepen.mixer.control.extend'),
          button('broadcast', 'deepen.mixer.control.broadcast'),
          button('end', 'deepen.mixer.control.end', ButtonStyle.Danger),
        ),
      ]
    : [];
  return {
    content: tr('deepen.mixer.control.heading', { organiser: `<@${run.organiserId}>` }),
    embeds: [embed],
    components,
    allowedMentions: { parse: [] },
  };
}

/**
 * The progress line while members move: `done` moves of `total` are over, `unmoved` of them did
 * not put the member in place (they are counted by unmovedLine, not as moved).
 */
export function progressLine(
  run: MixerRunView,
  done: number,
  total: number,
  left: number,
  unmoved = 0,
): string {
  return translator(run.locale as Locale)('deepen.mixer.control.progress', {
    done: done - unmoved,
    total,
    seconds: left,
  });
}

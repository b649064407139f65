import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { Translator } from '../../../../shared/i18n/index.js';
import type { Locale } from '../../../../shared/i18n/index.js';
import { themeName } from '../../../../shared/deepen/prompts/index.js';
import { describeRecurrence, type Recurrence } from '../../../../shared/deepen/when/index.js';
import type { MixerSettings } from '../../../../shared/deepen/events/event-input.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { escapeMarkdown } from '../../../../shared/kernel/welcome-template.js';
import { customId } from '../../../core/custom-id.js';
import { stamp } from './time.js';

const COLOUR = 0x0ea5e9;
/** Interested people named on the announcement (the count is always shown). */
const NAMES_SHOWN = 10;

export const EVENT_PREFIX = 'event';
export const rsvpId = (occurrenceId: string, answer: 'yes' | 'maybe' | 'no') =>
  customId(EVENT_PREFIX, 'rsvp', occurrenceId, answer);

export function mixerLine(tr: Translator, mixer: MixerSettings | null): string {
  if (!mixer) return tr('deepen.events.mixer.none');
  return tr('deepen.events.mixer.line', {
    groupSize: mixer.groupSize,
    rounds: mixer.rounds,
    minutes: mixer.minutesPerRound,
    strategies: mixer.strategies.join(' → '),
  });
}

export interface EventFacts {
  title: string;
  theme: string;
  description: string;
  start: Date;
  durationMinutes: number;
  lobbyChannelId: string;
  capacity: number | null;
  mixer: MixerSettings | null;
  recurrence?: Recurrence | null;
  wallTime?: string;
}

function factFields(tr: Translator, locale: Locale, e: EventFacts) {
  const fields = [
    { name: tr('deepen.events.field.when'), value: `${stamp(e.start)} (${stamp(e.start, 'R')})` },
    { name: tr('deepen.events.field.theme'), value: themeName(e.theme, locale), inline: true },
    {
      name: tr('deepen.events.field.duration'),
      value: tr('deepen.events.minutes', { count: e.durationMinutes }),
      inline: true,
    },
    { name: tr('deepen.events.field.lobby'), value: `<#${e.lobbyChannelId}>`, inline: true },
    {
      name: tr('deepen.events.field.capacity'),
      value: e.capacity === null ? tr('deepen.events.capacity.none') : String(e.capacity),
      inline: true,
    },
    { name: tr('deepen.events.field.mixer'), value: mixerLine(tr, e.mixer) },
  ];
  if (e.recurrence)
    fields.push({
      name: tr('deepen.events.field.repeat'),
      value: describeRecurrence(e.recurrence, locale, e.wallTime),
    });
  return fields;
}

/** The confirmation shown before anything is created. */
export function confirmPrompt(
  tr: Translator,
  locale: Locale,
  draft: EventFacts & { draftId: string; zone: string; assumed: string[] },
) {
  const embed = new EmbedBuilder()
    .setColor(COLOUR)
    .setTitle(tr('deepen.events.confirm.title', { title: escapeMarkdown(draft.title) }))
    .setDescription(
      [
        tr('deepen.events.confirm.readAs', { when: stamp(draft.start), zone: draft.zone }),
        ...(draft.assumed.includes('pm') ? [tr('deepen.events.confirm.assumedPm')] : []),
        ...(draft.assumed.includes('date') ? [tr('deepen.events.confirm.assumedDate')] : []),
      ].join('\n'),
    )
    .addFields(factFields(tr, locale, draft));
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId(EVENT_PREFIX, 'confirm', draft.draftId))
      .setStyle(ButtonStyle.Success)
      .setLabel(tr('deepen.events.confirm.button')),
    new ButtonBuilder()
      .setCustomId(customId(EVENT_PREFIX, 'discard', draft.draftId))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(tr('deepen.events.confirm.discard')),
  );
  return { embeds: [embed], components: [row] };
}

/** Unreadable or past: why, and concrete times to type instead. */
export function suggestionsText(
  tr: Translator,
  reason: 'unparseable' | 'past' | 'ambiguous',
  typed: string,
  suggestions: { at: Date; typeable: string }[],
): string {
  const lines = [tr(`deepen.events.when.${reason}`, { value: typed })];
  if (suggestions.length > 0) {
    lines.push(tr('deepen.events.when.suggestions'));
    for (const s of suggestions) lines.push(`• ${stamp(s.at)} — \`${s.typeable}\``);
  }
  return lines.join('\n');
}

function names(ids: readonly string[]): string {
  const shown = ids.slice(0, NAMES_SHOWN).map((id) => `<@${id}>`);
  return ids.length > NAMES_SHOWN ? `${shown.join(' ')} +${ids.length - NAMES_SHOWN}` : shown.join(' ');
}

/** The announcement in the events channel: facts, RSVP counts, Discord's Interested beside. */
export function announcement(tr: Translator, locale: Locale, occ: OccurrenceView, guildId: string) {
  const { counts } = occ;
  const seated = occ.rsvps.filter((r) => r.answer === 'yes' && !r.waitlisted).map((r) => r.userId);
  const embed = new EmbedBuilder()
    .setColor(occ.status === 'cancelled' ? 0x9ca3af : COLOUR)
    .setTitle(
      occ.status === 'cancelled'
        ? tr('deepen.events.announce.cancelledTitle', { title: escapeMarkdown(occ.title) })
        : escapeMarkdown(occ.title),
    )
    .setDescription(occ.description ? escapeMarkdown(occ.description) : null)
    .addFields(factFields(tr, locale, occ))
    .addFields(
      {
        name: tr('deepen.events.announce.going', { count: counts.yes }),
        value: seated.length > 0 ? names(seated) : '—',
      },
      {
        name: tr('deepen.events.announce.interested', { count: occ.interested.length }),
        value:
          occ.interested.length > 0 ? names(occ.interested) : tr('deepen.events.announce.interestedHint'),
      },
    );
  if (counts.waitlist > 0)
    embed.addFields({
      name: tr('deepen.events.announce.waitlist'),
      value: String(counts.waitlist),
      inline: true,
    });
  if (occ.discordEventId) embed.setURL(`https://discord.com/events/${guildId}/${occ.discordEventId}`);
  const open = occ.status === 'scheduled' || occ.status === 'active';
  const button = (answer: 'yes' | 'maybe' | 'no', style: ButtonStyle, count: number) =>
    new ButtonBuilder()
      .setCustomId(rsvpId(occ.occurrenceId, answer))
      .setStyle(style)
      .setLabel(`${tr(`deepen.events.rsvp.${answer}`)} (${count})`)
      .setDisabled(!open);
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    button('yes', ButtonStyle.Success, counts.yes),
    button('maybe', ButtonStyle.Secondary, counts.maybe),
    button('no', ButtonStyle.Secondary, counts.no),
  );
  return { embeds: [embed], components: [row] };
}

/** A one-line summary for /event list. */
export function listLine(tr: Translator, occ: OccurrenceView): string {
  const state = occ.status === 'active' ? ` · ${tr('deepen.events.status.active')}` : '';
  return `${stamp(occ.start, 'f')} **${escapeMarkdown(occ.title)}** · ${tr('deepen.events.list.counts', {
    yes: occ.counts.yes,
    maybe: occ.counts.maybe,
  })}${state} · \`${occ.occurrenceId}\``;
}

/** /event info: the announcement's facts plus status, attendance and problems. */
export function infoEmbed(tr: Translator, locale: Locale, occ: OccurrenceView, guildId: string) {
  const { embeds } = announcement(tr, locale, occ, guildId);
  const embed = embeds[0]!;
  embed.addFields(
    { name: tr('deepen.events.field.status'), value: tr(`deepen.events.status.${occ.status}`), inline: true },
    { name: tr('deepen.events.field.attendance'), value: String(occ.attendance.length), inline: true },
    { name: tr('deepen.events.field.id'), value: `\`${occ.occurrenceId}\``, inline: true },
  );
  return embed;
}

/** The feedback DM: who did you talk with (select), a 1–5 rating (buttons), an optional comment (modal). */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { FEEDBACK_COMMENT_MAX } from '../../../../shared/deepen/mixer/mixer-feedback.model.js';
import type { Translator } from '../../../../shared/i18n/index.js';
import { customId } from '../../../core/custom-id.js';

export const FEEDBACK_PREFIX = 'mixfb';
/** Discord: a select menu holds at most 25 options. */
const MAX_OPTIONS = 25;

export function feedbackMessage(
  tr: Translator,
  runId: string,
  server: string,
  mates: readonly { id: string; name: string }[],
) {
  const rows: ActionRowBuilder<StringSelectMenuBuilder | ButtonBuilder>[] = [];
  const options = mates.slice(0, MAX_OPTIONS);
  if (options.length > 0)
    rows.push(
      new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId(customId(FEEDBACK_PREFIX, 'met', runId))
          .setPlaceholder(tr('deepen.mixer.feedback.metPlaceholder'))
          .setMinValues(0)
          .setMaxValues(options.length)
          .addOptions(options.map((m) => ({ label: m.name.slice(0, 100) || m.id, value: m.id }))),
      ),
    );
  rows.push(
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      [1, 2, 3, 4, 5].map((n) =>
        new ButtonBuilder()
          .setCustomId(customId(FEEDBACK_PREFIX, 'rate', runId, n))
          .setLabel('★'.repeat(n))
          .setStyle(ButtonStyle.Secondary),
      ),
    ),
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(customId(FEEDBACK_PREFIX, 'comment', runId))
        .setLabel(tr('deepen.mixer.feedback.commentButton'))
        .setStyle(ButtonStyle.Primary),
    ),
  );
  return { content: tr('deepen.mixer.feedback.dm', { server }), components: rows };
}

export function commentModal(tr: Translator, runId: string): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(customId(FEEDBACK_PREFIX, 'commentModal', runId))
    .setTitle(tr('deepen.mixer.feedback.modalTitle'))
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId('comment')
          .setLabel(tr('deepen.mixer.feedback.commentLabel'))
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(false)
          .setMaxLength(FEEDBACK_COMMENT_MAX),
      ),
    );
}

/** Discord: a message holds at most 2000 characters and allows at most 100 user mentions. */
const MESSAGE_MAX = 2000;
const MENTIONS_MAX = 100;

/** The lobby part's button: part 0 keeps the plain id (messages already posted), the others add their index. */
export function fallbackOpenId(runId: string, part: number): string {
  return part === 0
    ? customId(FEEDBACK_PREFIX, 'open', runId)
    : customId(FEEDBACK_PREFIX, 'open', runId, part);
}

/**
 * The lobby messages for people whose DMs are closed, split under Discord's limits: each mentions
 * its share of them, and its one button opens the same controls ephemerally.
 */
export function feedbackFallbackParts(tr: Translator, runId: string, userIds: readonly string[]) {
  const overhead = tr('deepen.mixer.feedback.fallback', { people: '' }).length;
  const parts: string[][] = [];
  let current: string[] = [];
  let length = overhead;
  for (const id of userIds) {
    // "<@id>" and the space before the next one.
    const size = id.length + 4;
    if (current.length > 0 && (length + size > MESSAGE_MAX || current.length >= MENTIONS_MAX)) {
      parts.push(current);
      current = [];
      length = overhead;
    }
    current.push(id);
    length += size;
  }
  if (current.length > 0) parts.push(current);
  return parts.map((ids, part) => ({
    content: tr('deepen.mixer.feedback.fallback', { people: ids.map((id) => `<@${id}>`).join(' ') }),
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(fallbackOpenId(runId, part))
          .setLabel(tr('deepen.mixer.feedback.open'))
          .setStyle(ButtonStyle.Primary),
      ),
    ],
    allowedMentions: { users: ids },
  }));
}

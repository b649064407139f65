import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { truncate } from '../../../shared/kernel/welcome-template.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';
import { INTRO_FIELDS, introFieldKeys, type IntroFieldId } from '../../../shared/know/profile-validation.js';
import { customId } from '../../core/custom-id.js';
import type { DraftFields } from '../../../shared/know/intro-draft.service.js';

/** Discord's limits for modal titles, labels, placeholders and text input values. */
const MODAL_TITLE_MAX = 45;
const LABEL_MAX = 45;
const PLACEHOLDER_MAX = 100;
/** A text input's value (and max_length) is at most 4000 characters (discord-api-docs, Text Input). */
const TEXT_VALUE_MAX = 4000;

/** The custom id of the intro modal for `guildId`. */
export function introModalId(guildId: string): string {
  return customId('intro', 'modal', guildId);
}

/** What a profile already holds for each intro field (pre-fills the modal when editing). */
export function introFieldValues(profile: ProfileData | null): Record<IntroFieldId, string> {
  return {
    name: profile?.displayName ?? '',
    career: profile?.departmentThen ?? '',
    currentWork: profile?.roleNow ?? '',
    interests: profile?.interests.join(', ') ?? '',
    greeting: profile?.greeting ?? '',
  };
}

/**
 * The self-introduction modal: Discord's five text inputs, built from the domain's INTRO_FIELDS
 * so Discord enforces the same lengths the service validates; pre-filled when editing.
 */
export function introModal(
  tr: Translator,
  input: { guildId: string; profile: ProfileData | null; edit: boolean; draft?: DraftFields },
): ModalBuilder {
  // A draft (what the member typed when the modal was refused) wins over what is stored.
  const values = { ...introFieldValues(input.profile), ...input.draft };
  const modal = new ModalBuilder()
    .setCustomId(introModalId(input.guildId))
    .setTitle(
      truncate(
        tr(input.edit ? 'bot.connect.intro.editModalTitle' : 'bot.connect.intro.modalTitle'),
        MODAL_TITLE_MAX,
      ),
    );
  for (const field of INTRO_FIELDS) {
    const keys = introFieldKeys(field.id);
    const text = new TextInputBuilder()
      .setCustomId(field.id)
      .setStyle(field.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short)
      .setRequired(field.required)
      .setMaxLength(field.maxLength)
      .setPlaceholder(truncate(tr(keys.placeholderKey), PLACEHOLDER_MAX));
    if (field.required) text.setMinLength(1);
    // A refused draft may be longer than the field allows: it is shown whole (up to Discord's 4000)
    // so the member can shorten it, and the input's max length grows to hold it.
    const raw = values[field.id] ?? '';
    const value = input.draft ? truncate(raw, TEXT_VALUE_MAX) : truncate(raw, field.maxLength);
    if (value.length > field.maxLength) text.setMaxLength(Math.min(TEXT_VALUE_MAX, value.length));
    if (value) text.setValue(value);
    modal.addLabelComponents(
      new LabelBuilder().setLabel(truncate(tr(keys.labelKey), LABEL_MAX)).setTextInputComponent(text),
    );
  }
  return modal;
}

/** The answer to a refused intro: what to fix, and a button that re-opens the modal with the draft. */
export function introRetryMessage(
  tr: Translator,
  input: { guildId: string; draftKey: string; problems: string },
) {
  return {
    content: tr('bot.connect.intro.invalid', { problems: input.problems }),
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(customId('intro', 'retry', input.guildId, input.draftKey))
          .setStyle(ButtonStyle.Primary)
          .setLabel(tr('bot.connect.intro.retry')),
      ),
    ],
  };
}

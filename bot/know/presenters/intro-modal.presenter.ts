import { LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { truncate } from '../../../shared/kernel/welcome-template.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';
import { INTRO_FIELDS, introFieldKeys, type IntroFieldId } from '../../../shared/know/profile-validation.js';
import { customId } from '../../core/custom-id.js';

/** Discord's limits for modal titles, labels, placeholders and text input values. */
const MODAL_TITLE_MAX = 45;
const LABEL_MAX = 45;
const PLACEHOLDER_MAX = 100;

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
  input: { guildId: string; profile: ProfileData | null; edit: boolean },
): ModalBuilder {
  const values = introFieldValues(input.profile);
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
    const value = truncate(values[field.id], field.maxLength);
    if (value) text.setValue(value);
    modal.addLabelComponents(
      new LabelBuilder().setLabel(truncate(tr(keys.labelKey), LABEL_MAX)).setTextInputComponent(text),
    );
  }
  return modal;
}

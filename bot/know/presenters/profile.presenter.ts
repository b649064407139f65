import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  StringSelectMenuBuilder,
  StringSelectMenuOptionBuilder,
} from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';
import { fieldLabelKey, VISIBILITY_FIELDS } from '../../../shared/kernel/profile-attributes.js';
import { customId } from '../../core/custom-id.js';

/** The fields a profile shares with the company's staff. */
export function staffFields(profile: ProfileData): string[] {
  return VISIBILITY_FIELDS.filter((field) => profile.visibility[field] === 'staff');
}

/** `/profile visibility`: one multi-select of the fields staff may also see (current choice pre-selected). */
export function visibilityPrompt(tr: Translator, guildId: string, profile: ProfileData) {
  const shared = new Set(staffFields(profile));
  const select = new StringSelectMenuBuilder()
    .setCustomId(customId('profile', 'visibility', guildId))
    .setMinValues(0)
    .setMaxValues(VISIBILITY_FIELDS.length)
    .addOptions(
      VISIBILITY_FIELDS.map((field) =>
        new StringSelectMenuOptionBuilder()
          .setLabel(tr(fieldLabelKey(field)))
          .setValue(field)
          .setDefault(shared.has(field)),
      ),
    );
  return {
    content: tr('bot.connect.profile.visibilityPrompt'),
    components: [new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select)],
  };
}

/** The answer after saving visibility: which fields staff may see now. */
export function visibilitySaved(tr: Translator, profile: ProfileData): string {
  const fields = staffFields(profile).map((f) => tr(fieldLabelKey(f as never)));
  return tr('bot.connect.profile.visibilitySaved', {
    fields: fields.length ? fields.join(', ') : tr('bot.connect.profile.nothing'),
  });
}

/** `/profile export`: the data as a JSON attachment. */
export function exportMessage(tr: Translator, data: unknown) {
  const json = JSON.stringify(data, null, 2);
  return {
    content: tr('bot.connect.profile.exportReady'),
    files: [new AttachmentBuilder(Buffer.from(json, 'utf8'), { name: 'tsunagu-profile.json' })],
  };
}

/** `/profile delete`: the confirmation with "Delete my data" and "Cancel". */
export function deleteConfirmation(tr: Translator, guildId: string) {
  return {
    content: tr('bot.connect.profile.deleteConfirm'),
    components: [
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(customId('profile', 'delete', guildId))
          .setStyle(ButtonStyle.Danger)
          .setLabel(tr('bot.connect.profile.deleteButton')),
        new ButtonBuilder()
          .setCustomId(customId('profile', 'cancel', guildId))
          .setStyle(ButtonStyle.Secondary)
          .setLabel(tr('bot.connect.profile.cancel')),
      ),
    ],
  };
}

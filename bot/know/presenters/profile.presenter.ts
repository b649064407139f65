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
import {
  ASKED_VISIBILITY_FIELDS,
  fieldLabelKey,
  VISIBILITY_FIELDS,
} from '../../../shared/kernel/profile-attributes.js';
import { customId } from '../../core/custom-id.js';

/** The fields a profile shares with the company's staff. */
export function staffFields(profile: ProfileData): string[] {
  return VISIBILITY_FIELDS.filter((field) => profile.visibility[field] === 'staff');
}

/**
 * `/profile visibility`: one multi-select of the fields staff may also see (current choice
 * pre-selected). Only fields the intro and survey ask are offered (ASKED_VISIBILITY_FIELDS).
 */
export function visibilityPrompt(tr: Translator, guildId: string, profile: ProfileData) {
  const shared = new Set(staffFields(profile));
  const select = new StringSelectMenuBuilder()
    .setCustomId(customId('profile', 'visibility', guildId))
    .setMinValues(0)
    .setMaxValues(ASKED_VISIBILITY_FIELDS.length)
    .addOptions(
      ASKED_VISIBILITY_FIELDS.map((field) =>
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

/** The kinds of bot messages erasure removes, as the confirmation names them. */
const MESSAGE_KINDS = [
  'intro',
  'welcome',
  'relayAnnouncement',
  'relayDm',
  'relayReminder',
  'batonPrompt',
] as const;

/** Kinds recorded under another name that read the same to the member (the welcome posted in the channel when DMs are closed). */
const KIND_ALIASES: Readonly<Record<string, (typeof MESSAGE_KINDS)[number]>> = {
  welcomeFallback: 'welcome',
};

/**
 * After `/profile delete`: done, plus what could not be removed from Discord (with links, so the
 * member can ask an organiser) and whether the Introduced role stayed.
 */
export function erasureConfirmation(
  tr: Translator,
  guildId: string,
  outcome: {
    unremoved: { channelId: string; messageId: string; kind?: string; inDm?: boolean }[];
    roleRemoved: boolean;
    /** Personal invite links Discord refused to revoke (they are credited to nobody now). */
    invitesKept?: string[];
  },
): string {
  const lines = [tr('bot.connect.profile.deleted')];
  if (outcome.unremoved.length > 0) {
    const items = outcome.unremoved.slice(0, 10).map((m) => {
      const recorded = KIND_ALIASES[m.kind ?? ''] ?? m.kind ?? '';
      const kind = (MESSAGE_KINDS as readonly string[]).includes(recorded)
        ? tr(`bot.connect.profile.messageKind.${recorded as (typeof MESSAGE_KINDS)[number]}`)
        : tr('bot.connect.profile.messageKind.other');
      // A DM's link has no guild: Discord opens it as /channels/@me/<channel>/<message>.
      const where = m.inDm || m.kind === 'relayDm' ? '@me' : guildId;
      return `- ${kind}: https://discord.com/channels/${where}/${m.channelId}/${m.messageId}`;
    });
    lines.push(
      tr('bot.connect.profile.notRemoved', { count: outcome.unremoved.length }),
      ...items,
      tr('bot.connect.profile.retryLater'),
    );
  }
  if (!outcome.roleRemoved) lines.push(tr('bot.connect.profile.roleKept'));
  if (outcome.invitesKept?.length)
    lines.push(tr('bot.connect.invite.keptAfterErasure', { codes: outcome.invitesKept.join(', ') }));
  lines.push(tr('bot.connect.profile.olderUntracked'));
  return lines.join('\n');
}

import { EmbedBuilder } from 'discord.js';
import type { Translator } from '../../../shared/i18n/index.js';
import type { ProfileData } from '../../../shared/kernel/profile-data.js';
import {
  attributeLabelKey,
  fieldLabelKey,
  type VisibilityField,
} from '../../../shared/kernel/profile-attributes.js';
import { neutraliseMentions } from '../../../shared/kernel/welcome-template.js';
import { EMBED_LIMITS, embedLength, fit } from '../../core/embed-limits.js';

/** Tsunagu's intro colour (warm green: "welcome"). */
const COLOUR = 0x16a34a;

/** Who reads the embed: alumni see every field, the company's staff only fields shared with staff. */
export type Audience = 'alumni' | 'staff';

export interface IntroEmbedOptions {
  audience: Audience;
  /** Marks fields shared with staff (the owner's own /profile view). */
  markStaffVisible?: boolean;
  avatarUrl?: string | null;
}

/** Profile fields shown as embed fields, in order (the greeting is the description). */
const EMBED_FIELDS: readonly VisibilityField[] = [
  'leaveYear',
  'tenureBand',
  'joinedAsNewGraduate',
  'departmentThen',
  'roleNow',
  'industry',
  'region',
  'ageBand',
  'lifeStages',
  'interests',
  'skills',
  'needs',
];

/**
 * The self-introduction embed: name, greeting and the fields the audience may see, each cut to
 * Discord's limits (title 256, description 4096, field 1024, 6000 in total).
 */
export function introEmbed(tr: Translator, profile: ProfileData, options: IntroEmbedOptions): EmbedBuilder {
  const visible = (field: VisibilityField) =>
    options.audience === 'alumni' || profile.visibility[field] === 'staff';
  const name = profile.displayName ?? tr('bot.connect.relay.someone');
  const embed = new EmbedBuilder()
    .setColor(COLOUR)
    .setTitle(fit(tr('bot.connect.intro.embedTitle', { name }), EMBED_LIMITS.title))
    .setFooter({ text: tr('bot.connect.intro.footer') });
  if (options.avatarUrl) embed.setThumbnail(options.avatarUrl);
  const mention = `<@${profile.userId}>`;
  const greeting =
    profile.greeting && visible('greeting') ? `\n\n${neutraliseMentions(profile.greeting)}` : '';
  embed.setDescription(fit(`${mention}${greeting}`, EMBED_LIMITS.description));

  for (const field of EMBED_FIELDS) {
    if (!visible(field)) continue;
    const value = fieldValue(tr, profile, field);
    if (value === null) continue;
    const marker =
      options.markStaffVisible && profile.visibility[field] === 'staff'
        ? ` ${tr('bot.connect.intro.staffVisible')}`
        : '';
    embed.addFields({
      name: fit(tr(fieldLabelKey(field)) + marker, EMBED_LIMITS.fieldName),
      value: fit(neutraliseMentions(value), EMBED_LIMITS.fieldValue),
      inline: INLINE.has(field),
    });
  }
  return keepWithinTotal(embed);
}

const INLINE = new Set<VisibilityField>([
  'leaveYear',
  'tenureBand',
  'joinedAsNewGraduate',
  'industry',
  'region',
  'ageBand',
]);

/** The display text of one field, or null when empty. */
function fieldValue(tr: Translator, p: ProfileData, field: VisibilityField): string | null {
  switch (field) {
    case 'leaveYear':
      return p.leaveYear === null ? null : String(p.leaveYear);
    case 'joinedAsNewGraduate':
      return p.joinedAsNewGraduate === null
        ? null
        : tr(p.joinedAsNewGraduate ? 'bot.connect.intro.yes' : 'bot.connect.intro.no');
    case 'tenureBand':
    case 'industry':
    case 'region':
    case 'ageBand': {
      const value = p[field];
      return value === null ? null : tr(attributeLabelKey(field, value));
    }
    case 'lifeStages':
      return list(p.lifeStages.map((s) => tr(attributeLabelKey('lifeStage', s))));
    case 'interests':
    case 'skills':
    case 'needs':
      return list(p[field]);
    case 'departmentThen':
    case 'roleNow':
    case 'greeting':
      return p[field] || null;
  }
}

function list(values: string[]): string | null {
  return values.length === 0 ? null : values.join(' · ');
}

/** Drops the last fields, then shortens the description, until the embed fits Discord's 6000 total. */
function keepWithinTotal(embed: EmbedBuilder): EmbedBuilder {
  while (embedLength(embed) > EMBED_LIMITS.total && (embed.data.fields?.length ?? 0) > 0) {
    embed.spliceFields(-1, 1);
  }
  const over = embedLength(embed) - EMBED_LIMITS.total;
  if (over > 0 && embed.data.description) {
    embed.setDescription(fit(embed.data.description, embed.data.description.length - over));
  }
  return embed;
}

/**
 * The intro embed as a presenter-ready plain object: localized labels, only the fields the
 * audience may see, every text within Discord's embed limits. The bot's presenter maps it 1:1
 * onto an EmbedBuilder; the dashboard renders the same object.
 */
import { t, type Locale } from '../i18n/index.js';
import type { ProfileData } from './profile-data.js';
import { attributeLabelKey, fieldLabelKey, type VisibilityField } from './profile-attributes.js';
import { neutraliseMentions, truncate } from './welcome-template.js';

/** Discord's embed limits. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  total: 6000,
  footer: 2048,
} as const;

export interface IntroView {
  title: string;
  description: string | null;
  fields: { name: string; value: string; inline: boolean }[];
  footer: string;
  /** ISO time of the first intro (the embed timestamp). */
  timestamp: string | null;
  /** Mention of the member, for the message content. */
  userMention: string;
}

/**
 * Builds the intro view of `profile` for `audience`: 'alumni' sees every filled field, 'staff'
 * only the fields the member opened to staff. Empty fields are left out.
 */
export function buildIntroView(
  profile: ProfileData,
  options: { locale: Locale; audience: 'alumni' | 'staff' },
): IntroView {
  const { locale, audience } = options;
  const visible = (field: VisibilityField) => audience === 'alumni' || profile.visibility[field] === 'staff';
  const fields: IntroView['fields'] = [];
  const add = (field: VisibilityField, value: string | null | undefined, inline = true) => {
    if (!visible(field) || value === null || value === undefined || value.trim() === '') return;
    fields.push({
      name: truncate(t(locale, fieldLabelKey(field)), EMBED_LIMITS.fieldName),
      value: truncate(inert(value), EMBED_LIMITS.fieldValue),
      inline,
    });
  };
  const list = (values: string[]) => (values.length ? values.join(locale === 'ja' ? '、' : ', ') : null);

  add(
    'leaveYear',
    profile.leaveYear === null
      ? null
      : t(locale, 'connect.intro.leaveYearValue', { year: profile.leaveYear }),
  );
  add('tenureBand', profile.tenureBand && t(locale, attributeLabelKey('tenureBand', profile.tenureBand)));
  add(
    'joinedAsNewGraduate',
    profile.joinedAsNewGraduate === null
      ? null
      : t(locale, profile.joinedAsNewGraduate ? 'connect.common.yes' : 'connect.common.no'),
  );
  add('departmentThen', profile.departmentThen, false);
  add('roleNow', profile.roleNow, false);
  add('industry', profile.industry && t(locale, attributeLabelKey('industry', profile.industry)));
  add('region', profile.region && t(locale, attributeLabelKey('region', profile.region)));
  add('ageBand', profile.ageBand && t(locale, attributeLabelKey('ageBand', profile.ageBand)));
  add('lifeStages', list(profile.lifeStages.map((s) => t(locale, attributeLabelKey('lifeStage', s)))));
  add('interests', list(profile.interests), false);
  add('skills', list(profile.skills), false);
  add('needs', list(profile.needs), false);

  const title = truncate(
    t(locale, 'connect.intro.title', {
      name: inert(profile.displayName ?? t(locale, 'connect.intro.anonymous')),
    }),
    EMBED_LIMITS.title,
  );
  const greeting =
    visible('greeting') && profile.greeting
      ? truncate(inert(profile.greeting), EMBED_LIMITS.description)
      : null;
  const footer = truncate(t(locale, 'connect.intro.footer'), EMBED_LIMITS.footer);
  const view: IntroView = {
    title,
    description: greeting,
    fields: fields.slice(0, EMBED_LIMITS.fields),
    footer,
    timestamp: profile.introducedAt ? profile.introducedAt.toISOString() : null,
    userMention: `<@${profile.userId}>`,
  };
  return fitTotal(view);
}

/** Member text never pings: mass mentions and mention syntax are broken. */
function inert(text: string): string {
  return neutraliseMentions(text);
}

/** Drops fields from the end (then shortens the description) until the embed fits 6000 characters. */
function fitTotal(view: IntroView): IntroView {
  const size = (v: IntroView) =>
    v.title.length +
    (v.description?.length ?? 0) +
    v.footer.length +
    v.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const fitted = { ...view, fields: [...view.fields] };
  while (size(fitted) > EMBED_LIMITS.total && fitted.fields.length > 0) fitted.fields.pop();
  if (size(fitted) > EMBED_LIMITS.total && fitted.description) {
    fitted.description = truncate(
      fitted.description,
      Math.max(1, fitted.description.length - (size(fitted) - EMBED_LIMITS.total)),
    );
  }
  return fitted;
}

/** One member's page: the profile within the chosen audience's visibility, activity, events, invitations. */
import {
  fieldLabelKey,
  attributeLabelKey,
  type VisibilityField,
  type Visibility,
} from '../../shared/kernel/profile-attributes.js';
import type { ProfileData } from '../../shared/kernel/profile-data.js';
import { visibleFields } from '../../shared/insights/directory.js';
import type { MemberDetail } from '../../shared/insights/directory.service.js';
import { dateFormatter, formatCount, type DateView, type PresentContext } from '../core/format.js';
import { rowNamer } from './directory.presenter.js';

export interface MemberView {
  name: string;
  backHref: string;
  audience: Visibility;
  audienceHref: string;
  audienceLabel: string;
  fields: { label: string; value: string; visibility: string }[];
  joined: DateView | null;
  introduced: DateView | null;
  left: DateView | null;
  activity: { messages: string; voiceMinutes: string; activeDays: string; lastActive: string };
  events: { kind: string; date: DateView | null }[];
  invitedBy: { name: string; href: string | null };
  inviteLabel: string | null;
  invited: { name: string; href: string }[];
}

/** A profile field's value as text (lists joined, booleans as yes/no, attributes labelled). */
function fieldValue(profile: ProfileData, field: VisibilityField, ctx: PresentContext): string {
  const { t } = ctx;
  switch (field) {
    case 'leaveYear':
      return profile.leaveYear === null ? '' : t('web.members.leaveYearValue', { year: profile.leaveYear });
    case 'joinedAsNewGraduate':
      return profile.joinedAsNewGraduate === null
        ? ''
        : t(profile.joinedAsNewGraduate ? 'insights.member.yes' : 'insights.member.no');
    case 'tenureBand':
    case 'industry':
    case 'region':
    case 'ageBand': {
      const value = profile[field];
      return value ? t(attributeLabelKey(field, value)) : '';
    }
    case 'lifeStages':
      return profile.lifeStages.map((s) => t(attributeLabelKey('lifeStage', s))).join('、');
    case 'interests':
    case 'skills':
    case 'needs':
      return profile[field].join('、');
    default:
      return profile[field] ?? '';
  }
}

export function presentMember(
  input: { guildId: string; detail: MemberDetail; audience: Visibility; names: ReadonlyMap<string, string> },
  ctx: PresentContext,
): MemberView {
  const { t } = ctx;
  const { detail } = input;
  const p = detail.profile;
  const base = `/guilds/${input.guildId}/insights/directory`;
  const name = rowNamer(ctx, input.names);
  const date = dateFormatter(ctx);
  const none = t('web.people.none');
  return {
    name: name(p.userId, p.displayName),
    backHref: base,
    audience: input.audience,
    audienceHref: input.audience === 'alumni' ? `${base}/${p.userId}?as=staff` : `${base}/${p.userId}`,
    audienceLabel: t(input.audience === 'alumni' ? 'insights.member.asStaff' : 'insights.member.asAlumni'),
    fields: visibleFields(p, input.audience)
      .map(({ field, visibility }) => ({
        label: t(fieldLabelKey(field)),
        value: fieldValue(p, field, ctx),
        visibility: t(visibility === 'staff' ? 'connect.visibility.staff' : 'connect.visibility.alumni'),
      }))
      .filter((f) => f.value !== ''),
    joined: date(p.joinedAt),
    introduced: date(p.introducedAt),
    left: date(p.leftAt),
    activity: {
      messages: formatCount(ctx, detail.activity.messages),
      voiceMinutes: formatCount(ctx, detail.activity.voiceMinutes),
      activeDays: formatCount(ctx, detail.activity.activeDays),
      lastActive: detail.activity.lastActiveDay ?? none,
    },
    events: detail.attended.map((a) => ({
      kind: t(
        a.occasion.startsWith('event:')
          ? 'insights.member.eventKind.event'
          : 'insights.member.eventKind.mixer',
      ),
      date: date(a.at),
    })),
    invitedBy: detail.invitedBy
      ? { name: name(detail.invitedBy), href: `${base}/${detail.invitedBy}` }
      : { name: t('insights.member.unknownInviter'), href: null },
    inviteLabel: detail.inviteLabel ? t('insights.member.inviteLabel', { label: detail.inviteLabel }) : null,
    invited: detail.invited.map((id) => ({ name: name(id), href: `${base}/${id}` })),
  };
}

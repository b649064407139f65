/**
 * From stored profiles to the grouping engine's participants, and from a group to what all of
 * its members share (for the fitted prompts), with values in the guild's language.
 */
import { Profile } from '../../kernel/profile.model.js';
import { attributeLabelKey, type AttributeKind } from '../../kernel/profile-attributes.js';
import { t, type Locale } from '../../i18n/index.js';
import { ATTRIBUTE_KEYS, type AttributeKey, type Participant } from '../grouping/index.js';
import type { SharedAttribute } from '../prompts/index.js';

interface ProfileFacts {
  userId: string;
  industry?: string | null;
  ageBand?: string | null;
  lifeStages?: string[] | null;
  leaveYear?: number | null;
  tenureBand?: string | null;
  region?: string | null;
  joinedAsNewGraduate?: boolean | null;
  interests?: string[] | null;
}

/** A profile's attributes as the engine reads them; a missing answer stays missing. */
export function toParticipant(userId: string, profile: ProfileFacts | undefined): Participant {
  const p = profile;
  const attributes: Participant['attributes'] = {};
  const set = (key: AttributeKey, value: string | readonly string[] | null | undefined) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && !value.length))
      return;
    attributes[key] = value;
  };
  set('industry', p?.industry);
  set('ageBand', p?.ageBand);
  set('lifeStage', p?.lifeStages ?? undefined);
  set('leaveYear', p?.leaveYear ? String(p.leaveYear) : undefined);
  set('tenure', p?.tenureBand);
  set('region', p?.region);
  set('newGraduate', p?.joinedAsNewGraduate == null ? undefined : String(p.joinedAsNewGraduate));
  set('interests', (p?.interests ?? []).map((i) => i.trim().toLowerCase()).filter(Boolean));
  return { id: userId, attributes };
}

/** The participants for these user ids, in that order (people without a profile have no answers). */
export async function loadParticipants(guildId: string, userIds: readonly string[]): Promise<Participant[]> {
  const profiles = await Profile.find({ guildId, userId: { $in: [...userIds] } }).lean();
  const byId = new Map(profiles.map((p) => [p.userId, p]));
  return userIds.map((id) => toParticipant(id, byId.get(id)));
}

const LABEL_KIND: Partial<Record<AttributeKey, AttributeKind>> = {
  industry: 'industry',
  ageBand: 'ageBand',
  lifeStage: 'lifeStage',
  tenure: 'tenureBand',
  region: 'region',
};

function valuesOf(p: Participant, key: AttributeKey): string[] {
  const v = p.attributes[key];
  if (v === undefined) return [];
  return typeof v === 'string' ? [v] : [...v];
}

/** What every member of `members` shares, each value labelled in `locale` (for pickPrompt). */
export function sharedAttributes(members: readonly Participant[], locale: Locale): SharedAttribute[] {
  if (members.length === 0) return [];
  const shared: SharedAttribute[] = [];
  for (const key of ATTRIBUTE_KEYS) {
    let common = new Set(valuesOf(members[0]!, key));
    for (const m of members.slice(1)) {
      const mine = new Set(valuesOf(m, key));
      common = new Set([...common].filter((v) => mine.has(v)));
    }
    const value = [...common][0];
    if (value === undefined) continue;
    shared.push({ attribute: key, key: value, value: labelOf(key, value, locale) });
  }
  return shared;
}

function labelOf(key: AttributeKey, value: string, locale: Locale): string {
  const kind = LABEL_KIND[key];
  if (kind) return t(locale, attributeLabelKey(kind, value));
  if (key === 'newGraduate')
    return t(locale, value === 'true' ? 'deepen.mixer.share.newGraduate' : 'deepen.mixer.share.midCareer');
  return value;
}

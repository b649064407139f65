/** The plain shape of a profile that services return (no mongoose documents leave the domain). */
import type {
  AgeBand,
  Industry,
  LifeStage,
  Region,
  TenureBand,
  Visibility,
  VisibilityField,
} from './profile-attributes.js';
import { VISIBILITY_FIELDS } from './profile-attributes.js';

export interface ProfileData {
  guildId: string;
  userId: string;
  displayName: string | null;
  leaveYear: number | null;
  tenureBand: TenureBand | null;
  joinedAsNewGraduate: boolean | null;
  departmentThen: string | null;
  industry: Industry | null;
  roleNow: string | null;
  region: Region | null;
  ageBand: AgeBand | null;
  lifeStages: LifeStage[];
  interests: string[];
  skills: string[];
  needs: string[];
  greeting: string | null;
  /** Every visibility field, filled with 'alumni' where the member chose nothing. */
  visibility: Record<VisibilityField, Visibility>;
  introducedAt: Date | null;
  introChannelId: string | null;
  introMessageId: string | null;
  invitedBy: string | null;
  inviteCode: string | null;
  joinedAt: Date | null;
  leftAt: Date | null;
  rejoinCount: number;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** A lean profile document as mongoose returns it (loosely typed on purpose: Maps arrive as objects). */
type LeanProfile = Record<string, unknown> & { guildId: string; userId: string };

/** Maps a lean profile document to `ProfileData`, filling defaults. */
export function toProfileData(doc: LeanProfile): ProfileData {
  const stored = (
    doc.visibility instanceof Map ? Object.fromEntries(doc.visibility) : (doc.visibility ?? {})
  ) as Record<string, Visibility>;
  const visibility = Object.fromEntries(
    VISIBILITY_FIELDS.map((f) => [f, stored[f] === 'staff' ? 'staff' : 'alumni']),
  ) as Record<VisibilityField, Visibility>;
  const str = (k: string) => (typeof doc[k] === 'string' ? (doc[k] as string) : null);
  const date = (k: string) => (doc[k] instanceof Date ? (doc[k] as Date) : null);
  const list = (k: string) => (Array.isArray(doc[k]) ? [...(doc[k] as string[])] : []);
  return {
    guildId: doc.guildId,
    userId: doc.userId,
    displayName: str('displayName'),
    leaveYear: typeof doc.leaveYear === 'number' ? doc.leaveYear : null,
    tenureBand: str('tenureBand') as TenureBand | null,
    joinedAsNewGraduate: typeof doc.joinedAsNewGraduate === 'boolean' ? doc.joinedAsNewGraduate : null,
    departmentThen: str('departmentThen'),
    industry: str('industry') as Industry | null,
    roleNow: str('roleNow'),
    region: str('region') as Region | null,
    ageBand: str('ageBand') as AgeBand | null,
    lifeStages: list('lifeStages') as LifeStage[],
    interests: list('interests'),
    skills: list('skills'),
    needs: list('needs'),
    greeting: str('greeting'),
    visibility,
    introducedAt: date('introducedAt'),
    introChannelId: str('introChannelId'),
    introMessageId: str('introMessageId'),
    invitedBy: str('invitedBy'),
    inviteCode: str('inviteCode'),
    joinedAt: date('joinedAt'),
    leftAt: date('leftAt'),
    rejoinCount: typeof doc.rejoinCount === 'number' ? doc.rejoinCount : 0,
    createdAt: date('createdAt'),
    updatedAt: date('updatedAt'),
  };
}

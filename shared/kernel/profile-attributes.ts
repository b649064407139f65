import type { MessageKey } from '../i18n/index.js';

/**
 * Allowed values of the structured profile attributes. Adapters build select menus from these
 * lists (each list fits Discord's 25-option limit except leave years, see `leaveYearRange`);
 * labels are i18n keys, so the stored value never depends on the language.
 */

export const LEAVE_YEAR_MIN = 1980;

export const TENURE_BANDS = ['lt1', '1to3', '3to5', '5to10', '10to20', 'gt20'] as const;
export type TenureBand = (typeof TENURE_BANDS)[number];

export const INDUSTRIES = [
  'it',
  'consulting',
  'finance',
  'manufacturing',
  'trading',
  'retail',
  'healthcare',
  'education',
  'public',
  'media',
  'realEstate',
  'logistics',
  'energy',
  'hospitality',
  'nonprofit',
  'freelance',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const REGIONS = [
  'hokkaido',
  'tohoku',
  'kanto',
  'chubu',
  'kansai',
  'chugoku',
  'shikoku',
  'kyushu',
  'okinawa',
  'overseas',
] as const;
export type Region = (typeof REGIONS)[number];

export const LIFE_STAGES = [
  'parenting',
  'caregiving',
  'studying',
  'careerBreak',
  'sideBusiness',
  'founder',
  'relocated',
] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];

export const AGE_BANDS = ['20s', '30s', '40s', '50s', '60plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Fields whose visibility a member chooses (the display name is always shown to alumni and staff). */
export const VISIBILITY_FIELDS = [
  'leaveYear',
  'tenureBand',
  'joinedAsNewGraduate',
  'departmentThen',
  'industry',
  'roleNow',
  'region',
  'ageBand',
  'lifeStages',
  'interests',
  'skills',
  'needs',
  'greeting',
] as const;
export type VisibilityField = (typeof VISIBILITY_FIELDS)[number];

/**
 * The visibility fields a member actually fills in: the intro modal's texts (name aside) and the
 * survey's picks. `/profile visibility` offers only these; age band, skills and needs stay in the
 * model for later steps but are never asked today, so offering them would be a promise of a field
 * that does not exist.
 */
export const ASKED_VISIBILITY_FIELDS = [
  'leaveYear',
  'tenureBand',
  'joinedAsNewGraduate',
  'departmentThen',
  'industry',
  'roleNow',
  'region',
  'lifeStages',
  'interests',
  'greeting',
] as const satisfies readonly VisibilityField[];

/** 'alumni': only other alumni see it; 'staff': the former company's staff see it too. */
export const VISIBILITY_LEVELS = ['alumni', 'staff'] as const;
export type Visibility = (typeof VISIBILITY_LEVELS)[number];

/** The attributes chosen from a fixed list of values. */
export type AttributeKind = 'tenureBand' | 'industry' | 'region' | 'lifeStage' | 'ageBand';

const VALUES_OF = {
  tenureBand: TENURE_BANDS,
  industry: INDUSTRIES,
  region: REGIONS,
  lifeStage: LIFE_STAGES,
  ageBand: AGE_BANDS,
} as const satisfies Record<AttributeKind, readonly string[]>;

/** The label key of every allowed attribute value. */
export type AttributeLabelKey = {
  [K in AttributeKind]: `connect.attr.${K}.${(typeof VALUES_OF)[K][number]}`;
}[AttributeKind];
/** The label key of every profile field. */
export type FieldLabelKey = `connect.field.${VisibilityField | 'displayName'}`;

// Compile-time checks: adding a value or a field without its label in the catalogue fails here.
type MustBeMessageKey<T extends MessageKey> = T;
export type _EveryAttributeHasALabel = MustBeMessageKey<AttributeLabelKey>;
export type _EveryFieldHasALabel = MustBeMessageKey<FieldLabelKey>;

/**
 * The i18n key of an attribute value's label, e.g. `attributeLabelKey('industry', 'it')`. Values
 * come from storage as strings; only listed values are ever stored (validateAttributes).
 */
export function attributeLabelKey(kind: AttributeKind, value: string): AttributeLabelKey {
  return `connect.attr.${kind}.${value}` as AttributeLabelKey;
}

/** The i18n key of a profile field's label (embed field names, visibility menu). */
export function fieldLabelKey(field: VisibilityField | 'displayName'): FieldLabelKey {
  return `connect.field.${field}`;
}

/** Allowed leave years, newest first: LEAVE_YEAR_MIN .. the current year (UTC). */
export function leaveYearRange(now: Date = new Date()): number[] {
  const years: number[] = [];
  for (let y = now.getUTCFullYear(); y >= LEAVE_YEAR_MIN; y--) years.push(y);
  return years;
}

/** Option lists with their label keys, for adapters building select menus. */
export function attributeOptions(kind: AttributeKind): { value: string; labelKey: AttributeLabelKey }[] {
  const values: readonly string[] = VALUES_OF[kind];
  return values.map((value) => ({ value, labelKey: attributeLabelKey(kind, value) }));
}

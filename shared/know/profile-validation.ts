/**
 * Validation of what members type and pick: the five intro text fields (Discord modals allow
 * five) and the structured attributes from select menus. Pure; every problem is reported at once.
 */
import { DomainError, throwIfIssues, type FieldIssue } from '../errors.js';
import {
  AGE_BANDS,
  INDUSTRIES,
  LEAVE_YEAR_MIN,
  LIFE_STAGES,
  REGIONS,
  TENURE_BANDS,
  VISIBILITY_FIELDS,
  VISIBILITY_LEVELS,
  fieldLabelKey,
  type AgeBand,
  type Industry,
  type LifeStage,
  type Region,
  type TenureBand,
  type Visibility,
  type VisibilityField,
} from '../kernel/profile-attributes.js';

/** The intro modal's text inputs, in order; adapters build the modal from this list. */
export const INTRO_FIELDS = [
  { id: 'name', maxLength: 80, required: true, multiline: false },
  { id: 'career', maxLength: 200, required: true, multiline: true },
  { id: 'currentWork', maxLength: 200, required: false, multiline: true },
  { id: 'interests', maxLength: 300, required: false, multiline: true },
  { id: 'greeting', maxLength: 1000, required: false, multiline: true },
] as const;
export type IntroFieldId = (typeof INTRO_FIELDS)[number]['id'];

/** i18n keys of an intro field's label and placeholder. */
export function introFieldKeys<Id extends IntroFieldId>(
  id: Id,
): { labelKey: `connect.intro.field.${Id}.label`; placeholderKey: `connect.intro.field.${Id}.placeholder` } {
  return {
    labelKey: `connect.intro.field.${id}.label`,
    placeholderKey: `connect.intro.field.${id}.placeholder`,
  };
}

export type RawIntroInput = Partial<Record<IntroFieldId, string | null | undefined>>;

/** The intro after validation, in profile terms. */
export interface IntroInput {
  displayName: string;
  departmentThen: string;
  roleNow: string | null;
  interests: string[];
  greeting: string | null;
}

export const TAG_MAX_LENGTH = 50;
export const TAGS_MAX_COUNT = 20;

/**
 * Trims and checks the five intro fields (lengths, required ones not empty).
 * @throws DomainError INVALID_INPUT with one issue per bad field.
 */
export function validateIntroInput(raw: RawIntroInput): IntroInput {
  const issues: FieldIssue[] = [];
  const values: Partial<Record<IntroFieldId, string>> = {};
  for (const field of INTRO_FIELDS) {
    const value = clean(raw[field.id], field.multiline);
    const length = [...value].length;
    if (field.required && length === 0) {
      issues.push({
        field: field.id,
        i18nKey: 'connect.error.fieldRequired',
        vars: { fieldKey: introFieldKeys(field.id).labelKey },
      });
    } else if (length > field.maxLength) {
      issues.push({
        field: field.id,
        i18nKey: 'connect.error.fieldTooLong',
        vars: { fieldKey: introFieldKeys(field.id).labelKey, max: field.maxLength, length },
      });
    }
    values[field.id] = value;
  }
  throwIfIssues(issues);
  return {
    displayName: values.name as string,
    departmentThen: values.career as string,
    roleNow: values.currentWork || null,
    interests: splitTags(values.interests ?? ''),
    greeting: values.greeting || null,
  };
}

/** Trims, drops control characters, and (for one-line fields) folds line breaks into spaces. */
function clean(value: string | null | undefined, multiline: boolean): string {
  // eslint-disable-next-line no-control-regex
  const noControls = (value ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  const folded = multiline
    ? noControls.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n')
    : noControls.replace(/\s+/g, ' ');
  return folded.trim();
}

/** Splits free text such as "登山、写真, coffee" into distinct tags (max 20, each up to 50 characters). */
export function splitTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of text.split(/[,、，;；\n・]+/)) {
    const tag = [...part.trim().replace(/\s+/g, ' ')].slice(0, TAG_MAX_LENGTH).join('');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
    if (tags.length === TAGS_MAX_COUNT) break;
  }
  return tags;
}

export interface RawAttributes {
  leaveYear?: number | string | null;
  tenureBand?: string | null;
  joinedAsNewGraduate?: boolean | 'yes' | 'no' | null;
  industry?: string | null;
  region?: string | null;
  ageBand?: string | null;
  lifeStages?: string[] | null;
  skills?: string | string[] | null;
  needs?: string | string[] | null;
}

/** Validated attributes; only the keys that were given (null clears a value). */
export interface Attributes {
  leaveYear?: number | null;
  tenureBand?: TenureBand | null;
  joinedAsNewGraduate?: boolean | null;
  industry?: Industry | null;
  region?: Region | null;
  ageBand?: AgeBand | null;
  lifeStages?: LifeStage[];
  skills?: string[];
  needs?: string[];
}

/**
 * Checks structured attributes against the allowed value lists (leave year LEAVE_YEAR_MIN..this year).
 * @throws DomainError INVALID_INPUT with one issue per bad attribute.
 */
export function validateAttributes(raw: RawAttributes, now: Date = new Date()): Attributes {
  const issues: FieldIssue[] = [];
  const out: Attributes = {};
  const invalid = (field: VisibilityField) =>
    issues.push({
      field,
      i18nKey: 'connect.error.attributeInvalid',
      vars: { fieldKey: fieldLabelKey(field) },
    });

  if (raw.leaveYear !== undefined) {
    const year = raw.leaveYear === null || raw.leaveYear === '' ? null : Number(raw.leaveYear);
    const maxYear = now.getUTCFullYear();
    if (year !== null && (!Number.isInteger(year) || year < LEAVE_YEAR_MIN || year > maxYear)) {
      issues.push({
        field: 'leaveYear',
        i18nKey: 'connect.error.leaveYearRange',
        vars: { min: LEAVE_YEAR_MIN, max: maxYear },
      });
    } else out.leaveYear = year;
  }
  const oneOf = <T extends string>(
    field: keyof RawAttributes,
    allowed: readonly T[],
  ): T | null | undefined => {
    const value = raw[field];
    if (value === undefined) return undefined;
    if (value === null || value === '') return null;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    invalid(field);
    return undefined;
  };
  const assign = <K extends keyof Attributes>(key: K, value: Attributes[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  assign('tenureBand', oneOf('tenureBand', TENURE_BANDS));
  assign('industry', oneOf('industry', INDUSTRIES));
  assign('region', oneOf('region', REGIONS));
  assign('ageBand', oneOf('ageBand', AGE_BANDS));

  const grad = raw.joinedAsNewGraduate;
  if (grad !== undefined) {
    if (grad === null || typeof grad === 'boolean') out.joinedAsNewGraduate = grad;
    else if (grad === 'yes' || grad === 'no') out.joinedAsNewGraduate = grad === 'yes';
    else invalid('joinedAsNewGraduate');
  }
  if (raw.lifeStages !== undefined) {
    const stages = raw.lifeStages ?? [];
    if (!Array.isArray(stages) || stages.some((s) => !(LIFE_STAGES as readonly string[]).includes(s))) {
      invalid('lifeStages');
    } else out.lifeStages = [...new Set(stages)] as LifeStage[];
  }
  for (const key of ['skills', 'needs'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (value === null) out[key] = [];
    else if (typeof value === 'string') out[key] = splitTags(value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      out[key] = splitTags(value.join('\n'));
    else invalid(key);
  }
  throwIfIssues(issues);
  return out;
}

/**
 * Checks a visibility patch (field → 'alumni' | 'staff').
 * @throws DomainError INVALID_INPUT on an unknown field or level.
 */
export function validateVisibility(
  raw: Record<string, string>,
): Partial<Record<VisibilityField, Visibility>> {
  const out: Partial<Record<VisibilityField, Visibility>> = {};
  for (const [field, level] of Object.entries(raw)) {
    if (
      !(VISIBILITY_FIELDS as readonly string[]).includes(field) ||
      !(VISIBILITY_LEVELS as readonly string[]).includes(level)
    ) {
      throw new DomainError('INVALID_INPUT', 'connect.error.visibilityInvalid', {
        value: `${field}=${level}`,
      });
    }
    out[field as VisibilityField] = level as Visibility;
  }
  return out;
}

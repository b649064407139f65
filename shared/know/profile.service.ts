/**
 * Profiles: the self-introduction, structured attributes and per-field visibility.
 * Export and erasure live in personal-data.service.ts.
 */
import { Profile } from '../kernel/profile.model.js';
import { DomainError } from '../errors.js';
import { upsertWithRetry } from '../db/upsert.js';
import { countMemberEvent } from '../connect/member-events.service.js';
import { toProfileData, type ProfileData } from '../kernel/profile-data.js';
import {
  validateAttributes,
  validateIntroInput,
  validateVisibility,
  type RawAttributes,
  type RawIntroInput,
} from './profile-validation.js';

export type { ProfileData } from '../kernel/profile-data.js';
export type { PersonalDataExport, ErasureReport } from '../kernel/personal-data.service.js';

/** The member's profile in the guild, or null. */
export async function getProfile(guildId: string, userId: string): Promise<ProfileData | null> {
  const doc = await Profile.findOne({ guildId, userId }).lean();
  return doc ? toProfileData(doc) : null;
}

/** The member's profile; @throws DomainError NOT_FOUND ('connect.error.noProfile'). */
export async function requireProfile(guildId: string, userId: string): Promise<ProfileData> {
  const profile = await getProfile(guildId, userId);
  if (!profile) throw new DomainError('NOT_FOUND', 'connect.error.noProfile');
  return profile;
}

export interface SaveIntroResult {
  profile: ProfileData;
  /** True the first time this member introduces themself (start or continue the relay then). */
  firstIntro: boolean;
}

/**
 * Validates the intro modal's five fields and merges them into the profile (created if the
 * member joined before Tsunagu ran). The first intro sets `introducedAt` and counts an intro.
 * Saved before anything is posted, so a failed post or DM never loses what the member wrote.
 * @throws DomainError INVALID_INPUT (every bad field in `issues`).
 */
export async function saveIntro(input: {
  guildId: string;
  userId: string;
  fields: RawIntroInput;
  now?: Date;
}): Promise<SaveIntroResult> {
  const intro = validateIntroInput(input.fields);
  const now = input.now ?? new Date();
  const { guildId, userId } = input;
  await upsertWithRetry(() =>
    Profile.updateOne(
      { guildId, userId },
      {
        $set: {
          displayName: intro.displayName,
          departmentThen: intro.departmentThen,
          roleNow: intro.roleNow,
          interests: intro.interests,
          greeting: intro.greeting,
        },
      },
      { upsert: true, runValidators: true },
    ),
  );
  // Conditional on introducedAt still being null, so a double submit counts one intro.
  const first = await Profile.updateOne(
    { guildId, userId, introducedAt: null },
    { $set: { introducedAt: now } },
  );
  if (first.modifiedCount === 1) await countMemberEvent(guildId, 'intro', now);
  return { profile: await requireProfile(guildId, userId), firstIntro: first.modifiedCount === 1 };
}

/**
 * Validates and merges structured attributes (leave year, tenure, new graduate, industry,
 * region, age band, life stages, skills, needs). Keys not given stay as they are.
 * @throws DomainError INVALID_INPUT.
 */
export async function updateAttributes(input: {
  guildId: string;
  userId: string;
  attributes: RawAttributes;
  now?: Date;
}): Promise<ProfileData> {
  const attributes = validateAttributes(input.attributes, input.now);
  const { guildId, userId } = input;
  if (Object.keys(attributes).length > 0) {
    await upsertWithRetry(() =>
      Profile.updateOne({ guildId, userId }, { $set: attributes }, { upsert: true, runValidators: true }),
    );
  }
  return requireProfile(guildId, userId);
}

/**
 * Sets who may see each field: 'alumni' (other alumni only) or 'staff' (the company's staff too).
 * @throws DomainError INVALID_INPUT on unknown fields or levels, NOT_FOUND without a profile.
 */
export async function setVisibility(input: {
  guildId: string;
  userId: string;
  visibility: Record<string, string>;
}): Promise<ProfileData> {
  const patch = validateVisibility(input.visibility);
  const $set = Object.fromEntries(
    Object.entries(patch).map(([field, level]) => [`visibility.${field}`, level]),
  );
  const result = await Profile.updateOne({ guildId: input.guildId, userId: input.userId }, { $set });
  if (result.matchedCount === 0) throw new DomainError('NOT_FOUND', 'connect.error.noProfile');
  return requireProfile(input.guildId, input.userId);
}

/** Remembers where the intro embed was posted, so edits update it and erasure removes it. */
export async function setIntroMessage(input: {
  guildId: string;
  userId: string;
  channelId: string;
  messageId: string;
}): Promise<ProfileData> {
  const result = await Profile.updateOne(
    { guildId: input.guildId, userId: input.userId },
    { $set: { introChannelId: input.channelId, introMessageId: input.messageId } },
  );
  if (result.matchedCount === 0) throw new DomainError('NOT_FOUND', 'connect.error.noProfile');
  return requireProfile(input.guildId, input.userId);
}

/**
 * Member arrival and departure: recognises returning members (same profile, rejoinCount + 1),
 * ignores duplicate join events, counts joins/leaves, and renders the welcome text.
 */
import { Profile } from '../kernel/profile.model.js';
import type { Locale } from '../i18n/index.js';
import { countMemberEvent } from './member-events.service.js';
import { toProfileData, type ProfileData } from '../kernel/profile-data.js';
import { renderWelcomeTemplate } from '../kernel/welcome-template.js';
import { getGuildSettings } from '../kernel/guild-settings.service.js';
import { isDuplicateKey } from '../db/upsert.js';

export type JoinOutcome = 'new' | 'returning' | 'duplicate';

export interface JoinResult {
  /** 'new' first join, 'returning' came back after leaving, 'duplicate' event seen twice (do nothing). */
  outcome: JoinOutcome;
  profile: ProfileData;
  /** True when the member already introduced themself (no need to ask again). */
  introduced: boolean;
}

/**
 * Records that a member joined. A member who left and comes back keeps their profile
 * (leftAt cleared, rejoinCount + 1); a repeated event for a present member changes nothing.
 */
export async function recordJoin(input: {
  guildId: string;
  userId: string;
  joinedAt?: Date;
}): Promise<JoinResult> {
  const { guildId, userId } = input;
  const joinedAt = input.joinedAt ?? new Date();
  const returned = await Profile.findOneAndUpdate(
    { guildId, userId, leftAt: { $ne: null } },
    { $set: { leftAt: null, joinedAt }, $inc: { rejoinCount: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (returned) {
    await countMemberEvent(guildId, 'rejoin', joinedAt);
    return result('returning', toProfileData(returned));
  }
  // A concurrent duplicate event may win the insert: then this one is the duplicate.
  const created = await Profile.updateOne(
    { guildId, userId },
    { $setOnInsert: { joinedAt, rejoinCount: 0 } },
    { upsert: true },
  ).then(
    (upsert) => upsert.upsertedCount === 1,
    (error: unknown) => {
      if (isDuplicateKey(error)) return false;
      throw error;
    },
  );
  if (created) await countMemberEvent(guildId, 'join', joinedAt);
  const doc = await Profile.findOne({ guildId, userId }).lean();
  if (!doc) throw new Error(`profile ${guildId}/${userId} vanished during recordJoin`);
  const profile = toProfileData(doc);
  // A profile made by an intro before the join was seen (bot was offline) gets its join date now.
  if (!created && profile.joinedAt === null) {
    await Profile.updateOne({ guildId, userId, joinedAt: null }, { $set: { joinedAt } });
    await countMemberEvent(guildId, 'join', joinedAt);
    return result('new', { ...profile, joinedAt });
  }
  return result(created ? 'new' : 'duplicate', profile);
}

function result(outcome: JoinOutcome, profile: ProfileData): JoinResult {
  return { outcome, profile, introduced: profile.introducedAt !== null };
}

/**
 * Records that a member left: the profile stays (they may come back) with `leftAt` set.
 * Returns false when the member was unknown or already gone (nothing counted twice).
 * Relay nominations are handled by relay.service `cancelNominationsOfLeaver`.
 */
export async function recordLeave(input: {
  guildId: string;
  userId: string;
  leftAt?: Date;
}): Promise<boolean> {
  const leftAt = input.leftAt ?? new Date();
  const updated = await Profile.updateOne(
    { guildId: input.guildId, userId: input.userId, leftAt: null },
    { $set: { leftAt } },
  );
  if (updated.modifiedCount === 0) return false;
  await countMemberEvent(input.guildId, 'leave', leftAt);
  return true;
}

export interface WelcomeMessage {
  locale: Locale;
  /** The rendered channel message (mass mentions neutralised, at most 2000 characters). */
  content: string;
  channelId: string | null;
  dmEnabled: boolean;
  alumniRoleId: string | null;
  newcomerRoleId: string | null;
}

/** Renders the guild's welcome for a member, with where to post it and which roles to grant. */
export async function buildWelcome(input: {
  guildId: string;
  userId: string;
  serverName: string;
  memberCount: number;
}): Promise<WelcomeMessage> {
  const settings = await getGuildSettings(input.guildId);
  return {
    locale: settings.locale,
    content: renderWelcomeTemplate(settings.welcome.template, input, settings.locale),
    channelId: settings.channels.welcome,
    dmEnabled: settings.welcome.dmEnabled,
    alumniRoleId: settings.roles.alumni,
    newcomerRoleId: settings.roles.newcomer,
  };
}

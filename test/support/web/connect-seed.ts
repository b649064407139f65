/**
 * Seeds Connect & Know data the way the bot records it: only through shared/services (joins,
 * intros, attributes, invites, relay), never by writing documents directly.
 */
import { recordJoin } from '../../../shared/connect/welcome.service.js';
import { saveIntro, updateAttributes } from '../../../shared/know/profile.service.js';
import type { RawAttributes } from '../../../shared/know/profile-validation.js';

/** A user id in the 1000… range, distinct from the emulator's seeded people. */
export const uid = (n: number) => `1000000000000${String(n).padStart(5, '0')}`;

export interface SeedMember {
  n: number;
  joinedAt: Date;
  /** Intro display name; without it the member has not introduced themself. */
  name?: string;
  introducedAt?: Date;
  attributes?: RawAttributes;
}

/** Records a join, then (optionally) the intro and the survey answers, as the bot would. */
export async function seedMember(guildId: string, member: SeedMember): Promise<string> {
  return seedMemberWith(guildId, uid(member.n), member);
}

/** seedMember for a real (emulator) user id: a join and, with a name, an intro. */
export async function seedMemberById(
  guildId: string,
  userId: string,
  joinedAt: Date,
  name?: string,
): Promise<string> {
  return seedMemberWith(guildId, userId, { n: 0, joinedAt, ...(name ? { name } : {}) });
}

async function seedMemberWith(guildId: string, userId: string, member: SeedMember): Promise<string> {
  await recordJoin({ guildId, userId, joinedAt: member.joinedAt });
  if (member.name !== undefined) {
    await saveIntro({
      guildId,
      userId,
      fields: { name: member.name, career: '2015〜2022 営業部' },
      now: member.introducedAt ?? member.joinedAt,
    });
  }
  if (member.attributes) {
    await updateAttributes({ guildId, userId, attributes: member.attributes, now: member.joinedAt });
  }
  return userId;
}

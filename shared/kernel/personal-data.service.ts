/**
 * A person's data rights (Japan's APPI, GDPR): export everything stored about them in a guild,
 * and erase it. Each slice contributes one `PersonalDataPart` (what it exports and erases); the
 * composition root hands the parts of every slice in use to `createPersonalData`, so a new slice
 * adds its part to its own descriptor and nothing here changes. Anonymous counts stay.
 */
import { Profile } from './profile.model.js';
import { toProfileData } from './profile-data.js';

export interface PersonalDataQuery {
  guildId: string;
  userId: string;
  now: Date;
}

/** A Discord message that names the person and should be removed from Discord too. */
export interface MessageRef {
  channelId: string;
  messageId: string;
  /** What the message is (`intro`, `welcome`, `relayAnnouncement`…), named in the erasure report. */
  kind?: string;
  /** Set when the message is about this other person: rewrite it without the erased one's name. */
  rewriteFor?: string;
  /** True when the message is in a DM (its link is /channels/@me/…, not the guild's). */
  inDm?: boolean;
}

/**
 * Work in Discord an erasure leaves for the worker, as an agenda job of the part's slice (e.g. a
 * freed event seat: redraw the announcement, tell who moved up). Stored data is already erased.
 */
export interface ErasureJob {
  name: string;
  data: Record<string, unknown>;
}

/** What one part erased: counters by name, plus messages to remove and nominations cancelled. */
export interface PartErasure {
  counts?: Record<string, number>;
  messagesToRemove?: MessageRef[];
  cancelledLinkIds?: string[];
  /** Discord invite codes made for this person alone (their personal link): revoked on Discord. */
  invitesToRevoke?: string[];
  /** Jobs the worker enqueues once the erasure is written (see `ErasureJob`). */
  followUpJobs?: ErasureJob[];
}

/** One slice's share of a person's data. */
export interface PersonalDataPart {
  /** The section of the export this part fills (e.g. `relay`, `invites`). */
  name: string;
  export(query: PersonalDataQuery): Promise<unknown>;
  erase(query: PersonalDataQuery): Promise<PartErasure>;
}

export interface PersonalDataExport {
  exportedAt: string;
  guildId: string;
  userId: string;
  [section: string]: unknown;
}

export interface ErasureReport {
  profileDeleted: boolean;
  messagesToRemove: MessageRef[];
  /** Open nominations of this person that were cancelled (their jobs will find them closed). */
  cancelledLinkIds: string[];
  /** Invite codes made for this person alone, to delete on Discord (nobody is credited any more). */
  invitesToRevoke: string[];
  /** Every part's follow-up jobs, for the worker to enqueue. */
  followUpJobs: ErasureJob[];
  /** Every part's counters, e.g. `relayLinksAnonymised`, `invitesAnonymised`. */
  [count: string]: number | boolean | MessageRef[] | string[] | ErasureJob[];
}

/** The kernel's part: the profile itself (deleted first, so no later step can re-read it). */
export const profilePart: PersonalDataPart = {
  name: 'profile',
  async export({ guildId, userId }) {
    const profile = await Profile.findOne({ guildId, userId }).lean();
    return profile ? toProfileData(profile) : null;
  },
  async erase({ guildId, userId }) {
    const profile = await Profile.findOneAndDelete({ guildId, userId }).lean();
    return {
      counts: { profileDeleted: profile ? 1 : 0 },
      messagesToRemove:
        profile?.introChannelId && profile.introMessageId
          ? [{ channelId: profile.introChannelId, messageId: profile.introMessageId, kind: 'intro' }]
          : [],
    };
  },
};

/** Export and erasure over the given parts, in order (the profile part first). */
export function createPersonalData(parts: readonly PersonalDataPart[]) {
  return {
    /**
     * Everything stored about `userId` in the guild, as JSON-ready plain data, one section per
     * part. Other people's ids are left out of rows that mention them.
     */
    async exportPersonalData(
      guildId: string,
      userId: string,
      now: Date = new Date(),
    ): Promise<PersonalDataExport> {
      const out: PersonalDataExport = { exportedAt: now.toISOString(), guildId, userId };
      for (const part of parts) out[part.name] = await part.export({ guildId, userId, now });
      return out;
    },

    /** Erases the person's data from every part; the report sums what each part did. */
    async erasePersonalData(guildId: string, userId: string, now: Date = new Date()): Promise<ErasureReport> {
      const report: ErasureReport = {
        profileDeleted: false,
        messagesToRemove: [],
        cancelledLinkIds: [],
        invitesToRevoke: [],
        followUpJobs: [],
      };
      for (const part of parts) {
        const done = await part.erase({ guildId, userId, now });
        for (const [name, n] of Object.entries(done.counts ?? {})) {
          if (name === 'profileDeleted') report.profileDeleted ||= n > 0;
          else report[name] = ((report[name] as number | undefined) ?? 0) + n;
        }
        report.messagesToRemove.push(...(done.messagesToRemove ?? []));
        report.cancelledLinkIds.push(...(done.cancelledLinkIds ?? []));
        report.invitesToRevoke.push(...(done.invitesToRevoke ?? []));
        report.followUpJobs.push(...(done.followUpJobs ?? []));
      }
      return report;
    },
  };
}
export type PersonalDataService = ReturnType<typeof createPersonalData>;

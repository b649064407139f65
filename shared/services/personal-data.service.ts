/**
 * A person's data rights (Japan's APPI, GDPR): export everything stored about them in a guild,
 * and erase it. Erasure deletes the profile and removes their user id from every other
 * collection; anonymous counts (member events, invite totals, chain lengths) stay.
 */
import { Profile } from '../models/profile.model.js';
import { RelayChain } from '../models/relay-chain.model.js';
import { RelayLink } from '../models/relay-link.model.js';
import { InviteRecord } from '../models/invite-record.model.js';
import { JoinAttribution } from '../models/join-attribution.model.js';
import { countMemberEvent } from './member-events.service.js';
import { cancelNominationsOfLeaver } from './relay-check.service.js';
import { toProfileData, type ProfileData } from './profile-data.js';
import { toChainView, toLinkView, type RelayChainView, type RelayLinkView } from './relay-view.js';

export interface PersonalDataExport {
  exportedAt: string;
  guildId: string;
  userId: string;
  profile: ProfileData | null;
  relay: { chains: RelayChainView[]; nominationsMade: RelayLinkView[]; nominationsReceived: RelayLinkView[] };
  invites: {
    /** How this person joined. */
    joins: Record<string, unknown>[];
    /** Joins attributed to this person as inviter (other members' ids left out). */
    broughtIn: Record<string, unknown>[];
    /** Invites they created or that count them as inviter. */
    owned: Record<string, unknown>[];
  };
}

/**
 * Everything stored about `userId` in the guild, as JSON-ready plain data (dates as ISO strings
 * after JSON.stringify). Other people's ids are left out of rows that mention them.
 */
export async function exportPersonalData(
  guildId: string,
  userId: string,
  now: Date = new Date(),
): Promise<PersonalDataExport> {
  const [profile, chains, made, received, joins, broughtIn, owned] = await Promise.all([
    Profile.findOne({ guildId, userId }).lean(),
    RelayChain.find({ guildId, $or: [{ startedBy: userId }, { batonHolderId: userId }] }).lean(),
    RelayLink.find({ guildId, fromUserId: userId }).lean(),
    RelayLink.find({ guildId, nomineeId: userId }).lean(),
    JoinAttribution.find({ guildId, userId }).lean(),
    JoinAttribution.find({ guildId, inviterId: userId }).lean(),
    InviteRecord.find({ guildId, $or: [{ inviterId: userId }, { createdBy: userId }] }).lean(),
  ]);
  const plain = (doc: Record<string, unknown>, drop: string[] = []) => {
    const { _id, __v, ...rest } = doc;
    void __v;
    for (const key of drop) delete rest[key];
    return { id: String(_id), ...rest };
  };
  return {
    exportedAt: now.toISOString(),
    guildId,
    userId,
    profile: profile ? toProfileData(profile) : null,
    relay: {
      chains: chains.map(toChainView),
      nominationsMade: made.map(toLinkView),
      nominationsReceived: received.map(toLinkView),
    },
    invites: {
      joins: joins.map((d) => plain(d, ['unclaimedUses'])),
      broughtIn: broughtIn.map((d) => plain(d, ['userId', 'unclaimedUses'])),
      owned: owned.map((d) => plain(d)),
    },
  };
}

export interface ErasureReport {
  profileDeleted: boolean;
  /** The posted intro embed to delete on Discord, if any. */
  messagesToRemove: { channelId: string; messageId: string }[];
  relayLinksAnonymised: number;
  /** Open nominations of this person that were cancelled (their jobs will find them closed). */
  cancelledLinkIds: string[];
  relayChainsAnonymised: number;
  joinAttributionsAnonymised: number;
  /** Other members' profiles that named this person as their inviter. */
  profilesAnonymised: number;
  invitesAnonymised: number;
}

/**
 * Erases the person's personal data in the guild from every collection:
 * profile deleted (and removed as inviter from other profiles); relay links and chains keep their shape with the id set to null (open
 * nominations of them cancelled, a baton they held handed to the bot); join attributions keep
 * code, label and date without the person; their invites keep code, label and counts without
 * the inviter. Counts in member events are anonymous already; one 'erasure' is counted.
 */
export async function erasePersonalData(
  guildId: string,
  userId: string,
  now: Date = new Date(),
): Promise<ErasureReport> {
  const profile = await Profile.findOneAndDelete({ guildId, userId }).lean();
  const messagesToRemove =
    profile?.introChannelId && profile.introMessageId
      ? [{ channelId: profile.introChannelId, messageId: profile.introMessageId }]
      : [];

  // Their open nominations close and batons they held move on, as if they had left.
  const closed = await cancelNominationsOfLeaver({ guildId, userId, now });
  const asNominee = await RelayLink.updateMany({ guildId, nomineeId: userId }, { $set: { nomineeId: null } });
  const asNominator = await RelayLink.updateMany(
    { guildId, fromUserId: userId },
    { $set: { fromUserId: null } },
  );
  const started = await RelayChain.updateMany({ guildId, startedBy: userId }, { $set: { startedBy: null } });

  const invitedOthers = await Profile.updateMany(
    { guildId, invitedBy: userId },
    { $set: { invitedBy: null } },
  );
  const joined = await JoinAttribution.updateMany({ guildId, userId }, { $set: { userId: null } });
  const brought = await JoinAttribution.updateMany(
    { guildId, inviterId: userId },
    { $set: { inviterId: null } },
  );
  const invitesAsInviter = await InviteRecord.updateMany(
    { guildId, inviterId: userId },
    { $set: { inviterId: null, inviterErased: true } },
  );
  const invitesAsCreator = await InviteRecord.updateMany(
    { guildId, createdBy: userId },
    { $set: { createdBy: null } },
  );

  await countMemberEvent(guildId, 'erasure', now);
  return {
    profileDeleted: profile !== null,
    messagesToRemove,
    relayLinksAnonymised: asNominee.modifiedCount + asNominator.modifiedCount,
    cancelledLinkIds: closed.cancelled.map((c) => c.link.linkId),
    relayChainsAnonymised: closed.chainsToBot.length + started.modifiedCount,
    joinAttributionsAnonymised: joined.modifiedCount + brought.modifiedCount,
    profilesAnonymised: invitedOthers.modifiedCount,
    invitesAnonymised: invitesAsInviter.modifiedCount + invitesAsCreator.modifiedCount,
  };
}

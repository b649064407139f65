/** The Connect step's share of a person's data: how they joined, whom they brought, their invites. */
import type { PersonalDataPart } from '../kernel/personal-data.service.js';
import { Profile } from '../kernel/profile.model.js';
import { InviteRecord } from './invite-record.model.js';
import { JoinAttribution } from './join-attribution.model.js';
import { countMemberEvent } from './member-events.service.js';

const plain = (doc: Record<string, unknown>, drop: string[] = []) => {
  const { _id, __v, ...rest } = doc;
  void __v;
  for (const key of drop) delete rest[key];
  return { id: String(_id), ...rest };
};

/**
 * Join attributions keep code, label and date without the person; their invites keep code, label
 * and counts without the inviter; other profiles no longer name them as inviter. One anonymous
 * 'erasure' is counted.
 */
export const invitesPart: PersonalDataPart = {
  name: 'invites',
  async export({ guildId, userId }) {
    const [joins, broughtIn, owned] = await Promise.all([
      JoinAttribution.find({ guildId, userId }).lean(),
      JoinAttribution.find({ guildId, inviterId: userId }).lean(),
      InviteRecord.find({ guildId, $or: [{ inviterId: userId }, { createdBy: userId }] }).lean(),
    ]);
    return {
      /** How this person joined. */
      joins: joins.map((d) => plain(d, ['unclaimedUses'])),
      /** Joins attributed to this person as inviter (other members' ids left out). */
      broughtIn: broughtIn.map((d) => plain(d, ['userId', 'unclaimedUses'])),
      /** Invites they created or that count them as inviter. */
      owned: owned.map((d) => plain(d)),
    };
  },
  async erase({ guildId, userId, now }) {
    // Their personal link would go on working for nobody: erasure revokes it on Discord too.
    const personal = await InviteRecord.find(
      { guildId, kind: 'personal', createdBy: userId },
      { code: 1 },
    ).lean();
    const invitedOthers = await Profile.updateMany(
      { guildId, invitedBy: userId },
      { $set: { invitedBy: null } },
    );
    const joined = await JoinAttribution.updateMany({ guildId, userId }, { $set: { userId: null } });
    const brought = await JoinAttribution.updateMany(
      { guildId, inviterId: userId },
      { $set: { inviterId: null } },
    );
    const asInviter = await InviteRecord.updateMany(
      { guildId, inviterId: userId },
      { $set: { inviterId: null, inviterErased: true } },
    );
    const asCreator = await InviteRecord.updateMany(
      { guildId, createdBy: userId },
      // Tsunagu credits the invites it made for them to them: erased, nobody is credited any more.
      { $set: { createdBy: null, inviterErased: true } },
    );
    await countMemberEvent(guildId, 'erasure', now);
    return {
      counts: {
        joinAttributionsAnonymised: joined.modifiedCount + brought.modifiedCount,
        profilesAnonymised: invitedOthers.modifiedCount,
        invitesAnonymised: asInviter.modifiedCount + asCreator.modifiedCount,
      },
      invitesToRevoke: personal.map((r) => r.code),
    };
  },
};

/** The Know step's share of a person's data: relay chains and nominations. */
import type { PersonalDataPart } from '../kernel/personal-data.service.js';
import { RelayChain } from './relay-chain.model.js';
import { RelayLink } from './relay-link.model.js';
import { cancelNominationsOfLeaver } from './relay-check.service.js';
import { toChainView, toLinkView } from './relay-view.js';

/**
 * Relay links and chains keep their shape with the person's id set to null; their open
 * nominations are cancelled and a baton they held is handed to the bot, as if they had left.
 */
export const relayPart: PersonalDataPart = {
  name: 'relay',
  async export({ guildId, userId }) {
    const [chains, made, received] = await Promise.all([
      RelayChain.find({
        guildId,
        $or: [{ startedBy: userId }, { batonHolderId: userId }, { 'nominationRequest.nomineeId': userId }],
      }).lean(),
      RelayLink.find({ guildId, fromUserId: userId }).lean(),
      RelayLink.find({ guildId, nomineeId: userId }).lean(),
    ]);
    const numbers = new Map(
      (
        await RelayChain.find(
          { _id: { $in: [...made, ...received].map((l) => l.chainId) } },
          { number: 1 },
        ).lean()
      ).map((c) => [String(c._id), c.number]),
    );
    // Only the person's own part: other people's ids (the chain's starter, its holder, the other
    // side of a nomination) are someone else's personal data and stay out of this export.
    const link = (l: (typeof made)[number]) => {
      const v = toLinkView(l);
      return {
        id: v.linkId,
        chain: numbers.get(v.chainId) ?? null,
        position: v.position,
        attempt: v.attempt,
        status: v.status,
        nominatedAt: v.nominatedAt,
        closedAt: v.closedAt,
        completedAt: v.completedAt,
      };
    };
    return {
      chains: chains.map((c) => {
        const v = toChainView(c);
        const request = v.nominationRequest?.nomineeId === userId ? v.nominationRequest : null;
        return {
          id: v.chainId,
          number: v.number,
          startedAt: v.startedAt,
          length: v.length,
          status: v.status,
          youStartedIt: v.startedBy === userId,
          youHoldTheBaton: v.batonHolderId === userId,
          dashboardNominationOfYou: request
            ? { status: request.status, requestedAt: request.requestedAt, settledAt: request.settledAt }
            : null,
        };
      }),
      nominationsMade: made.map(link),
      nominationsReceived: received.map((l) => ({ ...link(l), fromTheBot: l.nominatedByBot === true })),
    };
  },
  async erase({ guildId, userId, now }) {
    const closed = await cancelNominationsOfLeaver({ guildId, userId, now });
    const asNominee = await RelayLink.updateMany(
      { guildId, nomineeId: userId },
      { $set: { nomineeId: null } },
    );
    const asNominator = await RelayLink.updateMany(
      { guildId, fromUserId: userId },
      { $set: { fromUserId: null } },
    );
    const started = await RelayChain.updateMany(
      { guildId, startedBy: userId },
      { $set: { startedBy: null } },
    );
    // A dashboard nomination of them keeps its outcome, without their id.
    await RelayChain.updateMany(
      { guildId, 'nominationRequest.nomineeId': userId },
      { $set: { 'nominationRequest.nomineeId': null } },
    );
    return {
      counts: {
        relayLinksAnonymised: asNominee.modifiedCount + asNominator.modifiedCount,
        relayChainsAnonymised: closed.chainsToBot.length + started.modifiedCount,
      },
      cancelledLinkIds: closed.cancelled.map((c) => c.link.linkId),
    };
  },
};

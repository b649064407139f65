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
      RelayChain.find({ guildId, $or: [{ startedBy: userId }, { batonHolderId: userId }] }).lean(),
      RelayLink.find({ guildId, fromUserId: userId }).lean(),
      RelayLink.find({ guildId, nomineeId: userId }).lean(),
    ]);
    return {
      chains: chains.map(toChainView),
      nominationsMade: made.map(toLinkView),
      nominationsReceived: received.map(toLinkView),
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
    return {
      counts: {
        relayLinksAnonymised: asNominee.modifiedCount + asNominator.modifiedCount,
        relayChainsAnonymised: closed.chainsToBot.length + started.modifiedCount,
      },
      cancelledLinkIds: closed.cancelled.map((c) => c.link.linkId),
    };
  },
};

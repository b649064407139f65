/** What the Know pages (relay) and the overview read: shared/know on mongoose's connection. */
import { getRelayStatus, type RelayStatus } from '../../shared/know/relay.service.js';
import {
  displayNamesOf,
  latestIntros,
  memberCounts,
  type MemberCounts,
  type MemberRow,
} from '../../shared/know/member-reads.js';
import { batonsAwaitingNomination, openRelayBatons, type OpenBaton } from '../../shared/know/relay-reads.js';
import { relayDashboard, type RelayDashboard } from '../../shared/know/relay-dashboard.js';
import { relayCandidates } from '../../shared/know/relay-candidates.js';
import { requestOrganiserNomination } from '../../shared/know/relay-organiser.service.js';
import type { RelayChainView } from '../../shared/know/relay-view.js';
import { getGuildSettings } from '../../shared/kernel/guild-settings.service.js';

declare module '../core/reads.js' {
  interface GuildReads {
    memberCounts(guildId: string): Promise<MemberCounts>;
    latestIntros(guildId: string, limit: number): Promise<MemberRow[]>;
    displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>>;
    relayStatus(guildId: string, limit: number): Promise<RelayStatus>;
    openRelayBatons(guildId: string, limit: number): Promise<OpenBaton[]>;
    batonsAwaitingNomination(guildId: string): Promise<number>;
    relayDashboard(guildId: string, now: Date): Promise<RelayDashboard>;
    /** Members an organiser may nominate (present, no intro, not nominated), newest first. */
    relayCandidates(guildId: string, limit: number): Promise<string[]>;
    /** Records a dashboard nomination on the chain before the worker carries it out. */
    requestRelayNomination(input: {
      guildId: string;
      chainId: string;
      nomineeId: string;
      now: Date;
    }): Promise<{ chain: RelayChainView; requestId: string }>;
    /** The guild's configured organiser role (who may nominate besides Manage Server), or null. */
    organiserRole(guildId: string): Promise<string | null>;
  }
}

export const knowReads = {
  memberCounts,
  latestIntros,
  displayNames: displayNamesOf,
  relayStatus: (guildId: string, limit: number) => getRelayStatus(guildId, { limit }),
  openRelayBatons,
  batonsAwaitingNomination,
  relayDashboard: (guildId: string, now: Date) => relayDashboard(guildId, { now }),
  relayCandidates: (guildId: string, limit: number) => relayCandidates(guildId, { limit }),
  requestRelayNomination: requestOrganiserNomination,
  organiserRole: async (guildId: string) => (await getGuildSettings(guildId)).roles.organiser ?? null,
};

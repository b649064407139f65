/** What the Know pages (members, relay) and the overview read: shared/know on mongoose's connection. */
import { getRelayStatus, type RelayStatus } from '../../shared/know/relay.service.js';
import {
  displayNamesOf,
  knownLeaveYears,
  latestIntros,
  listMembers,
  memberCounts,
  type MemberCounts,
  type MemberFilter,
  type MemberPage,
  type MemberRow,
} from '../../shared/know/member-reads.js';
import { batonsAwaitingNomination, openRelayBatons, type OpenBaton } from '../../shared/know/relay-reads.js';

declare module '../core/reads.js' {
  interface GuildReads {
    memberCounts(guildId: string): Promise<MemberCounts>;
    listMembers(
      guildId: string,
      filter: MemberFilter,
      paging: { page: number; pageSize: number },
    ): Promise<MemberPage>;
    latestIntros(guildId: string, limit: number): Promise<MemberRow[]>;
    knownLeaveYears(guildId: string): Promise<number[]>;
    displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>>;
    relayStatus(guildId: string, limit: number): Promise<RelayStatus>;
    openRelayBatons(guildId: string, limit: number): Promise<OpenBaton[]>;
    batonsAwaitingNomination(guildId: string): Promise<number>;
  }
}

export const knowReads = {
  memberCounts,
  listMembers,
  latestIntros,
  knownLeaveYears,
  displayNames: displayNamesOf,
  relayStatus: (guildId: string, limit: number) => getRelayStatus(guildId, { limit }),
  openRelayBatons,
  batonsAwaitingNomination,
};

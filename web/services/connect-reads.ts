/**
 * What the dashboard's Connect & Know pages read, as one replaceable object: the real shared
 * services by default (web/app.ts), a stub in tests that need a failing or fixed answer.
 * Routes and presenters never touch models; every query lives in shared/services.
 */
import { getGuildSettings } from '../../shared/services/guild-settings.service.js';
import { inviteLeaderboard, type LeaderboardRow } from '../../shared/services/invite-tracking.service.js';
import { getRelayStatus, type RelayStatus } from '../../shared/services/relay.service.js';
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
} from '../../shared/services/dashboard-members.js';
import {
  attributionCounts,
  cohortInvites,
  type AttributionCounts,
  type CohortSummary,
} from '../../shared/services/dashboard-invites.js';
import {
  batonsAwaitingNomination,
  openRelayBatons,
  type OpenBaton,
} from '../../shared/services/dashboard-relay.js';

/** The slice of GuildSettings the pages need. */
export interface GuildDisplaySettings {
  timeZone: string;
  relayEnabled: boolean;
}

export interface ConnectReads {
  settings(guildId: string): Promise<GuildDisplaySettings>;
  memberCounts(guildId: string): Promise<MemberCounts>;
  listMembers(
    guildId: string,
    filter: MemberFilter,
    paging: { page: number; pageSize: number },
  ): Promise<MemberPage>;
  latestIntros(guildId: string, limit: number): Promise<MemberRow[]>;
  knownLeaveYears(guildId: string): Promise<number[]>;
  displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>>;
  inviteLeaderboard(guildId: string, limit: number): Promise<LeaderboardRow[]>;
  cohortInvites(guildId: string): Promise<CohortSummary[]>;
  attributionCounts(guildId: string): Promise<AttributionCounts>;
  relayStatus(guildId: string, limit: number): Promise<RelayStatus>;
  openRelayBatons(guildId: string, limit: number): Promise<OpenBaton[]>;
  batonsAwaitingNomination(guildId: string): Promise<number>;
}

/** The production reads: shared/services on mongoose's default connection. */
export const serviceConnectReads: ConnectReads = {
  async settings(guildId) {
    const settings = await getGuildSettings(guildId);
    return { timeZone: settings.timeZone, relayEnabled: settings.relay.enabled };
  },
  memberCounts,
  listMembers,
  latestIntros,
  knownLeaveYears,
  displayNames: displayNamesOf,
  inviteLeaderboard: (guildId, limit) => inviteLeaderboard(guildId, { limit }),
  cohortInvites,
  attributionCounts,
  relayStatus: (guildId, limit) => getRelayStatus(guildId, { limit }),
  openRelayBatons,
  batonsAwaitingNomination,
};

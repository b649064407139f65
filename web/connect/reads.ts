/** What the Connect pages read (who brings people in): shared/connect on mongoose's connection. */
import { inviteLeaderboard, type LeaderboardRow } from '../../shared/connect/invite-tracking.service.js';
import {
  attributionCounts,
  cohortInvites,
  type AttributionCounts,
  type CohortSummary,
} from '../../shared/connect/invite-reads.js';

declare module '../core/reads.js' {
  interface GuildReads {
    inviteLeaderboard(guildId: string, limit: number): Promise<LeaderboardRow[]>;
    cohortInvites(guildId: string): Promise<CohortSummary[]>;
    attributionCounts(guildId: string): Promise<AttributionCounts>;
    /** The first few people who bring others in (the overview's block). */
    topConnectors(guildId: string, limit: number): Promise<LeaderboardRow[]>;
  }
}

export const connectReads = {
  inviteLeaderboard: (guildId: string, limit: number) => inviteLeaderboard(guildId, { limit }),
  cohortInvites,
  attributionCounts,
  topConnectors: (guildId: string, limit: number) => inviteLeaderboard(guildId, { limit }),
};

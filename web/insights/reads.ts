/** What the Insights pages read: shared/insights on mongoose's connection (rollups and member facts). */
import { loadTrends, type TrendsData, type TrendsQuery } from '../../shared/insights/trends.service.js';
import { loadFunnel, type FunnelData } from '../../shared/insights/funnel.service.js';
import type { FunnelFilter } from '../../shared/insights/funnel.js';
import { deepenAttendance } from '../../shared/insights/deepen-attendance.js';
import { domainParticipation } from '../../shared/insights/domain-participation.js';
import {
  loadDirectoryRows,
  loadMemberDetail,
  type MemberDetail,
} from '../../shared/insights/directory.service.js';
import type { DirectoryRow } from '../../shared/insights/directory.js';

export interface FunnelQuery {
  filter: FunnelFilter;
  zone: string;
  now: Date;
  activeMinutes: number;
}

declare module '../core/reads.js' {
  interface GuildReads {
    insightsTrends(guildId: string, query: TrendsQuery): Promise<TrendsData>;
    insightsFunnel(guildId: string, query: FunnelQuery): Promise<FunnelData>;
    insightsDirectory(guildId: string): Promise<DirectoryRow[]>;
    insightsMember(guildId: string, userId: string): Promise<MemberDetail>;
  }
}

export const insightsReads = {
  insightsTrends: (guildId: string, query: TrendsQuery) =>
    loadTrends(guildId, query, deepenAttendance, domainParticipation),
  insightsFunnel: (guildId: string, query: FunnelQuery) => loadFunnel(guildId, query, deepenAttendance),
  insightsDirectory: (guildId: string) => loadDirectoryRows(guildId, deepenAttendance),
  insightsMember: (guildId: string, userId: string) => loadMemberDetail(guildId, userId, deepenAttendance),
};

/** The Insights reads for a guild with nothing recorded (spread into emptyGuildReads). */
import type { GuildReads } from '../../../web/core/reads.js';
import { bucketLabels } from '../../../shared/insights/fold.js';
import { DomainError } from '../../../shared/errors.js';
import { FUNNEL_STEPS } from '../../../shared/insights/funnel.js';

type InsightsReads = Pick<
  GuildReads,
  'insightsTrends' | 'insightsFunnel' | 'insightsDirectory' | 'insightsMember'
>;

export function emptyInsightsReads(): InsightsReads {
  return {
    insightsDirectory: async () => [],
    insightsMember: async () => {
      throw new DomainError('NOT_FOUND', 'insights.member.notFound');
    },
    insightsFunnel: async () => ({
      steps: FUNNEL_STEPS.map((step) => ({
        step,
        count: step === 'collaborated' ? null : 0,
        conversion: null,
        ofJoined: null,
      })),
      cohorts: [],
      attendanceMeasured: false,
      options: { joinMonths: [], leaveYears: [], cohorts: [] },
    }),
    insightsTrends: async (_guildId, query) => {
      const labels = bucketLabels(query.period, query.size);
      const zeros = labels.map(() => 0);
      const none = { value: 0, previous: 0, delta: 0, percent: null };
      return {
        labels,
        series: {
          joins: zeros,
          leaves: zeros,
          net: zeros,
          active: zeros,
          messages: zeros,
          voiceMinutes: zeros,
          intros: zeros,
          attendance: null,
          relaySteps: null,
          rsvps: null,
          feedback: null,
        },
        figures: {
          joins: none,
          leaves: none,
          net: none,
          active: none,
          messages: none,
          voiceMinutes: none,
          intros: none,
          attendance: null,
          relaySteps: null,
          rsvps: null,
          feedback: null,
        },
        heatmap: Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0)),
        topChannels: [],
      };
    },
  };
}

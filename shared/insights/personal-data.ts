/** The Insights step's share of a person's data: their daily activity rows and an open voice session. */
import type { PersonalDataPart } from '../kernel/personal-data.service.js';
import { MemberDay, VoiceSession } from './rollup.model.js';

/**
 * Per-member rows are deleted; the guild's hourly and per-channel counts (no user id) stay, so
 * the charts keep their totals without pointing at anyone.
 */
export const activityPart: PersonalDataPart = {
  name: 'activity',
  async export({ guildId, userId }) {
    const rows = await MemberDay.find({ guildId, userId }).sort({ day: 1 }).lean();
    return {
      days: rows.map((r) => ({
        day: r.day,
        messages: r.messages,
        voiceMinutes: Math.round(r.voiceSeconds / 60),
      })),
    };
  },
  async erase({ guildId, userId }) {
    const days = await MemberDay.deleteMany({ guildId, userId });
    const sessions = await VoiceSession.deleteMany({ guildId, userId });
    return {
      counts: { activityDaysDeleted: days.deletedCount, voiceSessionsDeleted: sessions.deletedCount },
    };
  },
};

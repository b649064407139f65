/** Plain views of series and occurrences (what services return and presenters read). */
import type { Recurrence } from '../when/index.js';
import type { MixerSettings } from './event-input.js';
import type { OccurrenceStatus, RsvpAnswer } from './event.model.js';

export interface RsvpView {
  userId: string;
  answer: RsvpAnswer;
  waitlisted: boolean;
  at: Date;
}

export interface RsvpCounts {
  yes: number;
  maybe: number;
  no: number;
  waitlist: number;
}

export interface OccurrenceView {
  occurrenceId: string;
  seriesId: string;
  guildId: string;
  localDate: string;
  title: string;
  theme: string;
  description: string;
  organiserId: string;
  lobbyChannelId: string;
  durationMinutes: number;
  capacity: number | null;
  mixer: MixerSettings | null;
  start: Date;
  end: Date;
  status: OccurrenceStatus;
  discordEventId: string | null;
  announcement: { channelId: string | null; messageId: string | null };
  rsvps: RsvpView[];
  counts: RsvpCounts;
  interested: string[];
  attendance: { userId: string; firstSeenAt: Date }[];
  remindersSent: number[];
  mixerOutcome: {
    state: string;
    detail: string | null;
    detailVars: Record<string, string | number> | null;
    mixerId: string | null;
  };
  problems: string[];
  startedAt: Date | null;
  endedAt: Date | null;
  // The four below are optional so views built by hand (presenter tests) need not name them.
  /** Made by a change of repeat and not yet published (event.model.ts). */
  toPublish?: boolean;
  /** Removed by a change of repeat, its Discord event not yet deleted. */
  removalPending?: boolean;
  /** "Yes" holders still to be told of a move or a removal; `movedFrom`: the start they agreed to. */
  changeToTell?: string[];
  movedFrom?: Date | null;
}

export interface SeriesView {
  seriesId: string;
  guildId: string;
  title: string;
  zone: string;
  wallTime: string;
  startDate: string;
  recurrence: Recurrence | null;
  skips: string[];
  status: 'active' | 'cancelled';
  remindersOff: string[];
}

/** Counts of a list of answers (a waitlisted "yes" counts in `waitlist`, not in `yes`). */
export function countRsvps(rsvps: readonly RsvpView[]): RsvpCounts {
  const counts: RsvpCounts = { yes: 0, maybe: 0, no: 0, waitlist: 0 };
  for (const r of rsvps) {
    if (r.answer === 'yes' && r.waitlisted) counts.waitlist++;
    else counts[r.answer]++;
  }
  return counts;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- lean documents of the inline schema */
export function toOccurrenceView(doc: any): OccurrenceView {
  const rsvps: RsvpView[] = (doc.rsvps ?? []).map((r: any) => ({
    userId: r.userId,
    answer: r.answer,
    waitlisted: !!r.waitlisted,
    at: r.at,
  }));
  return {
    occurrenceId: String(doc._id),
    seriesId: String(doc.seriesId),
    guildId: doc.guildId,
    localDate: doc.localDate,
    title: doc.title,
    theme: doc.theme,
    description: doc.description ?? '',
    organiserId: doc.organiserId,
    lobbyChannelId: doc.lobbyChannelId,
    durationMinutes: doc.durationMinutes,
    capacity: doc.capacity ?? null,
    mixer: doc.mixer
      ? {
          groupSize: doc.mixer.groupSize,
          rounds: doc.mixer.rounds,
          minutesPerRound: doc.mixer.minutesPerRound,
          strategies: [...(doc.mixer.strategies ?? ['mixed'])],
        }
      : null,
    start: doc.start,
    end: doc.end,
    status: doc.status,
    discordEventId: doc.discordEventId ?? null,
    announcement: {
      channelId: doc.announcement?.channelId ?? null,
      messageId: doc.announcement?.messageId ?? null,
    },
    rsvps,
    counts: countRsvps(rsvps),
    interested: [...(doc.interested ?? [])],
    attendance: (doc.attendance ?? []).map((a: any) => ({ userId: a.userId, firstSeenAt: a.firstSeenAt })),
    remindersSent: [...(doc.remindersSent ?? [])],
    mixerOutcome: {
      state: doc.mixerOutcome?.state ?? 'none',
      detail: doc.mixerOutcome?.detail ?? null,
      detailVars:
        (doc.mixerOutcome?.detailVars as Record<string, string | number> | null | undefined) ?? null,
      mixerId: doc.mixerOutcome?.mixerId ?? null,
    },
    problems: [...(doc.problems ?? [])],
    startedAt: doc.startedAt ?? null,
    endedAt: doc.endedAt ?? null,
    toPublish: doc.toPublish === true,
    removalPending: doc.removalPending === true,
    changeToTell: [...(doc.changeToTell ?? [])],
    movedFrom: doc.movedFrom ?? null,
  };
}

export function toSeriesView(doc: any): SeriesView {
  return {
    seriesId: String(doc._id),
    guildId: doc.guildId,
    title: doc.title,
    zone: doc.zone,
    wallTime: doc.wallTime,
    startDate: doc.startDate,
    recurrence: doc.recurrence ?? null,
    skips: [...(doc.skips ?? [])],
    status: doc.status,
    remindersOff: [...(doc.remindersOff ?? [])],
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

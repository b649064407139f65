import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { defineEventJobs } from '../../../../shared/deepen/events/event-jobs.job.js';
import { carryOutRequest } from './dashboard-request.js';
import { planSeries } from './plan.js';
import { seatsChanged } from './seats.js';
import { endOccurrence, lateMixerStart, sendReminder, startOccurrence } from './lifecycle.js';

/** Gives the event jobs (shared/deepen/events/event-jobs.job.ts) their Discord side. */
export function defineEventJobsFor(agenda: Agenda, ctx: BotContext, client: Client): void {
  defineEventJobs(agenda, {
    remind: ({ occurrenceId, offsetMinutes }) => sendReminder(ctx, client, occurrenceId, offsetMinutes),
    start: ({ occurrenceId }) => startOccurrence(ctx, client, occurrenceId),
    end: ({ occurrenceId }) => endOccurrence(ctx, client, occurrenceId),
    mixer: ({ occurrenceId }) => lateMixerStart(ctx, client, occurrenceId),
    request: ({ requestId }) => carryOutRequest(ctx, client, requestId),
    plan: ({ seriesId }) => planSeries(ctx, client, seriesId),
    seats: ({ occurrenceId }) => seatsChanged(ctx, client, occurrenceId),
  });
}

/**
 * Puts an occurrence into Discord: its own scheduled event (VOICE, on the lobby), the announcement
 * with RSVP buttons in the events channel, and its reminder and start jobs. A Discord refusal
 * (30038 at 100 open events, a missing permission, the lobby gone) is noted on the occurrence and
 * returned, so the organiser is told; the occurrence itself is never lost.
 */
import { GuildScheduledEventEntityType, GuildScheduledEventPrivacyLevel, type Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import type { MessageKey } from '../../../../shared/i18n/index.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { scheduleOccurrenceJobs } from '../../../../shared/deepen/events/event-jobs.job.js';
import { DISCORD_REFUSALS } from '../../../../shared/deepen/events/series.service.js';
import { DEFAULT_EVENT_REMINDER_MINUTES } from '../../../../shared/kernel/guild-settings.service.js';
import { discordCode, isMissingPermission } from '../../../core/discord-errors.js';
import { postIn } from '../../../core/channels.js';
import { announcement } from '../presenters/event.presenter.js';
import { guildVoice } from './guild-voice.js';

/** Why Discord refused the scheduled event, as a message key. */
function refusalKey(error: unknown): MessageKey {
  if (discordCode(error) === 30038) return 'deepen.events.problem.tooManyEvents';
  if (isMissingPermission(error)) return 'deepen.events.problem.noPermission';
  return 'deepen.events.problem.discordEvent';
}

/**
 * Creates the occurrence's Discord scheduled event (VOICE, on the lobby) and records its id; a
 * refusal is noted on the occurrence and returned.
 */
export async function createDiscordEvent(
  ctx: BotContext,
  guild: Guild,
  occ: OccurrenceView,
): Promise<{ discordEventId: string | null; problem: MessageKey | null }> {
  const svc = ctx.services.deepenEvents;
  try {
    const created = await guild.scheduledEvents.create({
      name: occ.title,
      scheduledStartTime: occ.start,
      scheduledEndTime: occ.end,
      privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
      entityType: GuildScheduledEventEntityType.Voice,
      channel: occ.lobbyChannelId,
      ...(occ.description ? { description: occ.description.slice(0, 1000) } : {}),
    });
    await svc.series.recordPublished(occ.occurrenceId, { discordEventId: created.id });
    // An earlier refusal no longer holds.
    await svc.series.clearProblems(occ.occurrenceId, DISCORD_REFUSALS);
    return { discordEventId: created.id, problem: null };
  } catch (error) {
    const key = refusalKey(error);
    childLogger(ctx.logger, { guildId: guild.id, occurrenceId: occ.occurrenceId }).warn(
      { err: error },
      'could not create the Discord scheduled event',
    );
    await svc.series.recordProblem(occ.occurrenceId, key);
    return { discordEventId: null, problem: key };
  }
}

export async function publishOccurrence(
  ctx: BotContext,
  guild: Guild,
  occ: OccurrenceView,
): Promise<{ problems: MessageKey[]; messageUrl: string | null }> {
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId: occ.occurrenceId });
  const svc = ctx.services.deepenEvents;
  const problems: MessageKey[] = [];
  const { settings, locale, tr } = await guildVoice(ctx, guild.id);
  let discordEventId = occ.discordEventId;
  if (!discordEventId) {
    const made = await createDiscordEvent(ctx, guild, occ);
    discordEventId = made.discordEventId;
    if (made.problem) problems.push(made.problem);
  }
  let messageUrl: string | null = null;
  if (!occ.announcement.messageId) {
    const view = { ...occ, discordEventId };
    try {
      const message = await postIn(guild, settings.channels.events, announcement(tr, locale, view, guild.id));
      if (message) {
        messageUrl = message.url;
        await svc.series.recordPublished(occ.occurrenceId, {
          channelId: message.channelId,
          messageId: message.id,
        });
      } else {
        problems.push('deepen.events.problem.noEventsChannel');
        await svc.series.recordProblem(occ.occurrenceId, 'deepen.events.problem.noEventsChannel');
      }
    } catch (error) {
      log.warn({ err: error }, 'could not post the event announcement');
      problems.push('deepen.events.problem.announcement');
      await svc.series.recordProblem(occ.occurrenceId, 'deepen.events.problem.announcement');
    }
  }
  if (ctx.agenda)
    await scheduleOccurrenceJobs(
      ctx.agenda,
      occ,
      settings.eventReminderMinutes ?? DEFAULT_EVENT_REMINDER_MINUTES,
      ctx.services.clock.now(),
    );
  return { problems, messageUrl };
}

/** Re-renders an occurrence's announcement (after RSVPs, Interested changes, edits, the end). */
export async function refreshAnnouncement(
  ctx: BotContext,
  guild: Guild,
  occurrenceId: string,
): Promise<void> {
  const occ = await ctx.services.deepenEvents.series.findOccurrence(occurrenceId);
  if (!occ?.announcement.channelId || !occ.announcement.messageId) return;
  const { locale, tr } = await guildVoice(ctx, guild.id);
  const channel = guild.channels.cache.get(occ.announcement.channelId);
  if (!channel?.isTextBased()) return;
  await channel.messages.edit(occ.announcement.messageId, announcement(tr, locale, occ, guild.id));
}

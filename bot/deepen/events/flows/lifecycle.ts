/**
 * What the event jobs do in Discord: reminders by DM, the start (ACTIVE set by the bot, a role
 * mention, attendance from the lobby, the mixer), the end (the bot completes the event itself:
 * Discord may already have completed it once the mixer emptied the lobby, Tsunagu's state is the truth).
 */
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  GuildScheduledEventStatus,
  type Client,
  type Guild,
} from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import { bestEffort } from '../../../core/best-effort.js';
import { customId } from '../../../core/custom-id.js';
import { postIn } from '../../../core/channels.js';
import { scheduleEnd, scheduleMixerStart } from '../../../../shared/deepen/events/event-jobs.job.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { EVENT_PREFIX } from '../presenters/event.presenter.js';
import { stamp } from '../presenters/time.js';
import { guildVoice } from './guild-voice.js';
import { syncInterested } from './interested-sync.js';
import { startPlanning } from './plan.js';
import { DEFAULT_EVENT_REMINDER_MINUTES } from '../../../../shared/kernel/guild-settings.service.js';
import { dmOrMention } from './notify.js';
import { publishOccurrence, refreshAnnouncement } from './publish.js';
import { MIXER_GRACE_MS, mixerThreshold, startEventMixer } from './start-mixer.js';

function lobbyPeople(guild: Guild, channelId: string): string[] {
  const channel = guild.channels.cache.get(channelId);
  if (!channel?.isVoiceBased()) return [];
  return [...channel.members.values()].filter((m) => !m.user.bot).map((m) => m.id);
}

export async function sendReminder(
  ctx: BotContext,
  client: Client,
  occurrenceId: string,
  offsetMinutes: number,
) {
  const lifecycle = ctx.services.deepenEvents.lifecycle;
  const pending = await lifecycle.pendingReminder(occurrenceId, offsetMinutes);
  if (!pending) return;
  const { occurrence: occ, recipients } = pending;
  const guild = client.guilds.cache.get(occ.guildId);
  if (!guild) return;
  const { settings, tr } = await guildVoice(ctx, guild.id);
  // The guild changed its reminder times since this one was scheduled: it no longer goes out.
  if (!(settings.eventReminderMinutes ?? DEFAULT_EVENT_REMINDER_MINUTES).includes(offsetMinutes)) return;
  const vars = {
    title: occ.title,
    when: stamp(occ.start),
    in: stamp(occ.start, 'R'),
    lobby: `<#${occ.lobbyChannelId}>`,
    server: guild.name,
  };
  const stop = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(customId(EVENT_PREFIX, 'remindoff', occ.occurrenceId, guild.id))
      .setStyle(ButtonStyle.Secondary)
      .setLabel(tr('deepen.events.reminder.stopButton')),
  );
  await dmOrMention(
    ctx,
    guild,
    recipients,
    { content: tr('deepen.events.reminder.dm', vars), components: [stop] },
    (mentions) => tr('deepen.events.reminder.channel', { ...vars, mentions }),
    settings.channels.events,
    {
      claim: (userId) =>
        lifecycle.claimReminderRecipient(occurrenceId, offsetMinutes, userId, ctx.services.clock.now()),
      done: (userIds) => lifecycle.markReminded(occurrenceId, offsetMinutes, userIds),
    },
  );
  // Everyone reminded (each recorded as their DM went): this offset is finished.
  const left = await lifecycle.pendingReminder(occurrenceId, offsetMinutes);
  if (left && left.recipients.length === 0) await lifecycle.finishReminder(occurrenceId, offsetMinutes);
}

async function tellLobbyGone(ctx: BotContext, guild: Guild, occ: OccurrenceView) {
  const { settings, tr } = await guildVoice(ctx, guild.id);
  await ctx.services.deepenEvents.series.recordProblem(
    occ.occurrenceId,
    'deepen.events.problem.lobbyDeleted',
  );
  await postIn(guild, settings.channels.events, {
    content: tr('deepen.events.lobbyGone', { title: occ.title, organiser: `<@${occ.organiserId}>` }),
    allowedMentions: { users: [occ.organiserId] },
  });
}

export async function startOccurrence(ctx: BotContext, client: Client, occurrenceId: string) {
  const svc = ctx.services.deepenEvents;
  const now = ctx.services.clock.now();
  const occ = await svc.lifecycle.markStarted(occurrenceId, now);
  if (!occ) return;
  const guild = client.guilds.cache.get(occ.guildId);
  if (!guild) return;
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId });
  await bestEffort(log, 'read the Interested list', () => syncInterested(ctx, guild, occ));
  if (ctx.agenda) await scheduleEnd(ctx.agenda, occurrenceId, occ.end);
  const { settings, tr } = await guildVoice(ctx, guild.id);
  if (!guild.channels.cache.has(occ.lobbyChannelId)) {
    await bestEffort(log, 'say the lobby is gone', () => tellLobbyGone(ctx, guild, occ));
  } else {
    if (occ.discordEventId) {
      const id = occ.discordEventId;
      // Only EXTERNAL events start by themselves: a VOICE event is set ACTIVE by the bot.
      await bestEffort(log, 'set the Discord event ACTIVE', () =>
        guild.scheduledEvents.edit(id, { status: GuildScheduledEventStatus.Active }),
      );
    }
    const role = settings.roles.alumni;
    await bestEffort(log, 'announce the start', () =>
      postIn(guild, settings.channels.events, {
        content: tr('deepen.events.started', {
          role: role ? `<@&${role}>` : '',
          title: occ.title,
          lobby: `<#${occ.lobbyChannelId}>`,
        }).trim(),
        allowedMentions: { roles: role ? [role] : [] },
      }),
    );
    const present = lobbyPeople(guild, occ.lobbyChannelId);
    await svc.lifecycle.recordAttendance(occurrenceId, present, now);
    if (occ.mixer) {
      if (present.length >= mixerThreshold(occ.mixer.groupSize))
        await startEventMixer(ctx, guild, occurrenceId);
      else if (ctx.agenda)
        await scheduleMixerStart(ctx.agenda, occurrenceId, new Date(occ.start.getTime() + MIXER_GRACE_MS));
    }
  }
  await bestEffort(log, 'update the event announcement', () => refreshAnnouncement(ctx, guild, occurrenceId));
  // The series creates its next occurrences as this one starts (and a series stored before the
  // daily planning job existed gets one).
  await startPlanning(ctx, occ.seriesId);
  for (const next of await svc.series.planAhead(occ.seriesId, now)) {
    await bestEffort(log, 'publish the next occurrence', () => publishOccurrence(ctx, guild, next));
  }
}

export async function endOccurrence(ctx: BotContext, client: Client, occurrenceId: string) {
  const svc = ctx.services.deepenEvents;
  const now = ctx.services.clock.now();
  const current = await svc.series.findOccurrence(occurrenceId);
  if (!current || current.status !== 'active') return;
  const guild = client.guilds.cache.get(current.guildId);
  // Attendance: who is in the lobby now, and whoever the mixer placed in the event's rooms.
  const present = guild ? lobbyPeople(guild, current.lobbyChannelId) : [];
  const inRooms = await svc.mixerLinks.mixerAttendees(occurrenceId);
  await svc.lifecycle.recordAttendance(occurrenceId, [...present, ...inRooms], now);
  const occ = await svc.lifecycle.markEnded(occurrenceId, now);
  if (!occ || !guild) return;
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId });
  if (occ.discordEventId) {
    const id = occ.discordEventId;
    await bestEffort(log, 'complete the Discord event', async () => {
      const event = await guild.scheduledEvents.fetch(id);
      // Discord completes an ACTIVE voice event by itself once its channel has been empty a while.
      if (event.status === GuildScheduledEventStatus.Active)
        await guild.scheduledEvents.edit(id, { status: GuildScheduledEventStatus.Completed });
    });
  }
  await bestEffort(log, 'update the event announcement', () => refreshAnnouncement(ctx, guild, occurrenceId));
}

/** The grace period is over: start the mixer with whoever came. */
export async function lateMixerStart(ctx: BotContext, client: Client, occurrenceId: string) {
  const occ = await ctx.services.deepenEvents.series.findOccurrence(occurrenceId);
  const guild = occ && client.guilds.cache.get(occ.guildId);
  if (guild) await startEventMixer(ctx, guild, occurrenceId);
}

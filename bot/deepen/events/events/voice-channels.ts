import { ChannelType, Events, type Channel, type Guild, type VoiceChannel } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { defineEvent } from '../../../core/event.js';
import { bestEffort } from '../../../core/best-effort.js';
import {
  forgetVoiceChannels,
  mixerCategoryIds,
  replaceVoiceChannels,
} from '../../../../shared/deepen/events/lobby-channels.js';

/**
 * Keeps the guild's voice channels stored for the dashboard's lobby select
 * (shared/deepen/events/lobby-channels.ts): from the gateway cache, at start-up, on joining a
 * guild or its coming back after an outage (what changed meanwhile was never sent), and whenever a
 * voice channel is created, changed or deleted. A mixer's breakout rooms are left out, and their
 * creation and deletion (dozens per mixer) write nothing.
 */
async function sync(ctx: BotContext, guild: Guild): Promise<void> {
  await bestEffort(ctx.logger, 'store the voice channels for the dashboard', async () => {
    const mixers = await mixerCategoryIds(guild.id);
    const voice = [...guild.channels.cache.values()]
      .filter(
        (c): c is VoiceChannel =>
          c.type === ChannelType.GuildVoice && !(c.parentId && mixers.has(c.parentId)),
      )
      .sort((a, b) => a.rawPosition - b.rawPosition || a.id.localeCompare(b.id))
      .map((c) => ({ id: c.id, name: c.name }));
    await replaceVoiceChannels(guild.id, voice, ctx.services.clock.now());
  });
}

/** A voice channel outside every mixer category: the list changes with it. */
async function concernsList(channel: Channel): Promise<boolean> {
  if (channel.isDMBased() || channel.type !== ChannelType.GuildVoice) return false;
  if (!channel.parentId) return true;
  return !(await mixerCategoryIds(channel.guild.id)).has(channel.parentId);
}

export const voiceChannelsOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx, client) {
    for (const guild of client.guilds.cache.values()) await sync(ctx, guild);
  },
});

export const voiceChannelsOnJoin = defineEvent({
  name: Events.GuildCreate,
  execute: (ctx, guild) => sync(ctx, guild),
});

/** Back after an outage or a new gateway session: channel events in between were never sent. */
export const voiceChannelsOnAvailable = defineEvent({
  name: Events.GuildAvailable,
  execute: (ctx, guild) => sync(ctx, guild),
});

export const voiceChannelsOnLeave = defineEvent({
  name: Events.GuildDelete,
  async execute(ctx, guild) {
    // An outage makes a guild unavailable without removing the bot: its list stays then.
    if (!guild.available) return;
    await bestEffort(ctx.logger, 'forget the voice channels of a guild the bot left', () =>
      forgetVoiceChannels(guild.id),
    );
  },
});

export const voiceChannelCreated = defineEvent({
  name: Events.ChannelCreate,
  async execute(ctx, channel) {
    if (await concernsList(channel)) await sync(ctx, channel.guild);
  },
});

export const voiceChannelUpdated = defineEvent({
  name: Events.ChannelUpdate,
  async execute(ctx, old, channel) {
    // Moved into or out of a mixer category counts: either side being listed changes the list.
    if (channel.isDMBased()) return;
    if ((await concernsList(old)) || (await concernsList(channel))) await sync(ctx, channel.guild);
  },
});

export const voiceChannelDeleted = defineEvent({
  name: Events.ChannelDelete,
  async execute(ctx, channel) {
    if (!channel.isDMBased() && (await concernsList(channel))) await sync(ctx, channel.guild);
  },
});

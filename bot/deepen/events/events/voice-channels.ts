import { ChannelType, Events, type Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { defineEvent } from '../../../core/event.js';
import { bestEffort } from '../../../core/best-effort.js';
import { replaceVoiceChannels } from '../../../../shared/deepen/events/lobby-channels.js';

/**
 * Keeps the guild's voice channels stored for the dashboard's lobby select
 * (shared/deepen/events/lobby-channels.ts): from the gateway cache, at start-up, on joining a
 * guild, and whenever a channel is created, changed or deleted.
 */
async function sync(ctx: BotContext, guild: Guild): Promise<void> {
  const voice = [...guild.channels.cache.values()]
    .filter((c) => c.type === ChannelType.GuildVoice)
    .sort((a, b) => a.rawPosition - b.rawPosition || a.id.localeCompare(b.id))
    .map((c) => ({ id: c.id, name: c.name }));
  await bestEffort(ctx.logger, 'store the voice channels for the dashboard', () =>
    replaceVoiceChannels(guild.id, voice, ctx.services.clock.now()),
  );
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

export const voiceChannelCreated = defineEvent({
  name: Events.ChannelCreate,
  execute: (ctx, channel) => sync(ctx, channel.guild),
});

export const voiceChannelUpdated = defineEvent({
  name: Events.ChannelUpdate,
  async execute(ctx, _old, channel) {
    if (!channel.isDMBased()) await sync(ctx, channel.guild);
  },
});

export const voiceChannelDeleted = defineEvent({
  name: Events.ChannelDelete,
  async execute(ctx, channel) {
    if (!channel.isDMBased()) await sync(ctx, channel.guild);
  },
});

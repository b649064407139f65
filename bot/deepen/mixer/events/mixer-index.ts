/**
 * The in-memory index of running mixers' channels (flows/channel-index.ts), rebuilt from the
 * database whenever the gateway delivers a guild afresh: at start-up (READY), when the bot joins
 * a guild (GuildCreate) and when a guild comes back after an outage (GuildAvailable), since
 * mixers may have started or ended meanwhile in another worker; and read again whenever a channel
 * or role is created in a guild (a mixer starting on another worker creates both).
 */
import { ChannelType, Events } from 'discord.js';
import { defineEvent } from '../../../core/event.js';
import { mixerIndexOf } from '../flows/channel-index.js';

export const mixerIndexOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx, client) {
    const index = mixerIndexOf(ctx);
    for (const guildId of client.guilds.cache.keys()) await index.rebuild(guildId);
  },
});

export const mixerIndexOnGuild = defineEvent({
  name: Events.GuildCreate,
  async execute(ctx, guild) {
    await mixerIndexOf(ctx).rebuild(guild.id);
  },
});

/** Start-up's guilds arrive this way before READY: those are left to the ready rebuild. */
export const mixerIndexOnAvailable = defineEvent({
  name: Events.GuildAvailable,
  async execute(ctx, guild) {
    if (!guild.client.isReady()) return;
    await mixerIndexOf(ctx).rebuild(guild.id);
  },
});

/**
 * A channel or role created in a guild may be a mixer starting on another worker (its setup
 * creates its category, rooms and maybe its role): the guild's running mixers are read again, so
 * this worker acts on their voice changes too (see flows/channel-index.ts for why not polling).
 */
export const mixerIndexOnChannelCreate = defineEvent({
  name: Events.ChannelCreate,
  async execute(ctx, channel) {
    // A mixer makes only its category and voice rooms: a new text channel reads nothing.
    if (channel.type !== ChannelType.GuildCategory && channel.type !== ChannelType.GuildVoice) return;
    await mixerIndexOf(ctx).refresh(channel.guild.id);
  },
});

export const mixerIndexOnRoleCreate = defineEvent({
  name: Events.GuildRoleCreate,
  async execute(ctx, role) {
    await mixerIndexOf(ctx).refresh(role.guild.id);
  },
});

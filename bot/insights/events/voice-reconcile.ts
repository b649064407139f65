import { Events, type Guild } from 'discord.js';
import { defineEvent } from '../../core/event.js';
import type { BotContext } from '../../context.js';

/** Sessions from GUILD_CREATE's voice states: who is in voice now, bots left out. */
async function reconcileGuild(ctx: BotContext, guild: Guild): Promise<void> {
  const states = guild.voiceStates.cache
    .filter((s) => s.channelId !== null && !s.member?.user.bot)
    .map((s) => ({ userId: s.id, channelId: s.channelId! }));
  await ctx.services.insights.activity.reconcile(guild.id, states);
}

/** At start-up: resume the voice sessions of every guild (the slice's `stop` writes the last counters). */
export const reconcileOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx, client) {
    await Promise.all(client.guilds.cache.map((guild) => reconcileGuild(ctx, guild)));
  },
});

/** A guild that became available (or that the bot joined) after start-up. */
export const reconcileOnGuildCreate = defineEvent({
  name: Events.GuildCreate,
  async execute(ctx, guild) {
    await reconcileGuild(ctx, guild);
  },
});

/**
 * After a restart: the gateway's GUILD_CREATE brings the voice states, so every running mixer of
 * the guild is driven again from its stored step (round resumed with its stored deadline; past
 * the end, everyone back to the lobby and the rooms deleted).
 */
import { Events, type Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { defineEvent } from '../../../core/event.js';
import { drive } from '../flows/driver.js';

async function reconcileGuild(ctx: BotContext, client: Client, guildId: string): Promise<void> {
  const runs = await ctx.services.mixer.runs.runningRuns(guildId);
  for (const run of runs) void drive(ctx, client, run.runId);
}

export const mixerReconcileOnReady = defineEvent({
  name: Events.ClientReady,
  once: true,
  async execute(ctx, client) {
    for (const guildId of client.guilds.cache.keys()) await reconcileGuild(ctx, client, guildId);
  },
});

export const mixerReconcileOnGuild = defineEvent({
  name: Events.GuildCreate,
  async execute(ctx, guild) {
    await reconcileGuild(ctx, guild.client, guild.id);
  },
});

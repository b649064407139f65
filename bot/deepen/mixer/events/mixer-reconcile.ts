/**
 * Every running mixer of a guild is driven again from its stored step whenever the bot gets the
 * guild's state afresh, with its voice states: the driver resumes the round with its stored
 * deadline or, past the mixer's planned end, brings everyone back and deletes the rooms.
 */
import { Events, type Client } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { defineEvent } from '../../../core/event.js';
import { drive } from '../flows/driver.js';

async function reconcileGuild(ctx: BotContext, client: Client, guildId: string): Promise<void> {
  const runs = await ctx.services.mixer.runs.runningRuns(guildId);
  for (const run of runs) void drive(ctx, client, run.runId);
}

/**
 * A guild's GUILD_CREATE for a guild the bot knew as unavailable. That is every guild at
 * start-up (READY lists them unavailable, then one GUILD_CREATE each), every guild after a
 * fresh IDENTIFY, and a guild back after an outage (Discord sends GUILD_DELETE with
 * `unavailable: true`, later GUILD_CREATE). discord.js emits GuildAvailable for these, never
 * GuildCreate, so this one handler covers restarts and outages alike.
 */
export const mixerReconcileOnAvailable = defineEvent({
  name: Events.GuildAvailable,
  async execute(ctx, guild) {
    await reconcileGuild(ctx, guild.client, guild.id);
  },
});

/** The bot joined a guild after READY (a mixer may still be stored from an earlier stay). */
export const mixerReconcileOnGuild = defineEvent({
  name: Events.GuildCreate,
  async execute(ctx, guild) {
    await reconcileGuild(ctx, guild.client, guild.id);
  },
});

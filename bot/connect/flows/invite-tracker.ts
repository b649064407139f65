import type { Guild, Invite } from 'discord.js';
import type { BotContext } from '../../context.js';
import type { InviteInfo, AttributionResult } from '../../../shared/connect/invite-tracking.service.js';
import { childLogger } from '../../../shared/logger.js';
import { isMissingPermission } from '../../core/discord-errors.js';

/** An invite as the invite-tracking service takes it. */
export function toInviteInfo(invite: Invite): InviteInfo {
  return {
    code: invite.code,
    uses: invite.uses ?? 0,
    maxUses: invite.maxUses ?? 0,
    inviterId: invite.inviterId ?? invite.inviter?.id ?? null,
    expiresAt: invite.expiresAt ?? null,
  };
}

/** The guild's invites with their use counts, straight from Discord (never the cache: uses must be fresh). */
export async function fetchInvites(guild: Guild): Promise<InviteInfo[]> {
  const invites = await guild.invites.fetch({ cache: false });
  return [...invites.values()].map(toInviteInfo);
}

/**
 * Stores the guild's invites as the baseline for the next join (at ready, on guildCreate and on
 * invite create/delete). Runs in the guild's join queue so it never interleaves with a diff.
 * Without Manage Server the bot cannot list invites: logged once per call, never thrown.
 */
export async function snapshotInvites(ctx: BotContext, guild: Guild): Promise<void> {
  await ctx.runtime.joins.run(guild.id, async () => {
    try {
      await ctx.services.connect.invites.syncInvites({
        guildId: guild.id,
        invites: await fetchInvites(guild),
      });
    } catch (error) {
      logInviteFailure(ctx, guild, error, 'could not snapshot invites');
    }
  });
}

/**
 * Attributes a join to the invite used: fetches invites right away and diffs them against the
 * stored baseline, one join at a time per guild. `recordJoin` runs meanwhile and says whether
 * this is a real join (false for a repeated event: nothing is attributed twice). Returns null
 * when nothing was attributed.
 */
export async function attributeJoin(
  ctx: BotContext,
  guild: Guild,
  userId: string,
  joinedAt: Date,
  recordJoin: () => Promise<boolean>,
): Promise<AttributionResult | null> {
  return ctx.runtime.joins.run(guild.id, async () => {
    // Fetch first (the longer the wait, the likelier another join moves the counts too).
    const [invites, isNewJoin] = await Promise.all([
      fetchInvites(guild).catch((error: unknown) => error),
      recordJoin(),
    ]);
    if (!isNewJoin) return null;
    if (!Array.isArray(invites)) {
      logInviteFailure(ctx, guild, invites, 'could not read invites to attribute a join');
      return null;
    }
    try {
      return await ctx.services.connect.invites.attributeJoin({
        guildId: guild.id,
        userId,
        invites,
        joinedAt,
      });
    } catch (error) {
      // The welcome must still happen when attribution fails.
      logInviteFailure(ctx, guild, error, 'could not attribute a join');
      return null;
    }
  });
}

function logInviteFailure(ctx: BotContext, guild: Guild, error: unknown, what: string): void {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  if (isMissingPermission(error))
    log.warn(`${what}: the bot lacks Manage Server (needed to list invites and their uses)`);
  else log.error({ err: error }, what);
}

import type { Guild } from 'discord.js';
import { PermissionFlagsBits, RESTJSONErrorCodes } from 'discord.js';
import type { BotContext } from '../../context.js';
import { childLogger, type Logger } from '../../../shared/logger.js';
import type { MessageRef } from '../../../shared/kernel/personal-data.service.js';
import { findMember } from '../../core/members.js';
import { discordCode } from '../../core/discord-errors.js';
import { batonReturned } from './relay-actions.js';
import { translator } from '../../../shared/i18n/index.js';
import { nominationAnnouncement, nomineeDm } from '../presenters/relay.presenter.js';

/** Discord bulk-deletes only messages younger than 14 days, 2–100 at a time (discord-api-docs, Bulk Delete Messages). */
const BULK_MAX_AGE_MS = 14 * 86_400_000;
/** Kept clear of the 14-day edge, so a slow request never trips Discord's age check (50034). */
const BULK_AGE_MARGIN_MS = 3_600_000;
const BULK_MIN = 2;
const BULK_MAX = 100;
const DISCORD_EPOCH = 1_420_070_400_000n;

export interface ErasureOutcome {
  /** The bot's messages naming the member that are still in Discord (the confirmation lists them). */
  unremoved: MessageRef[];
  /** False when the Introduced role could not be taken away. */
  roleRemoved: boolean;
  /** Their personal invite links Discord refused to delete (still working; the confirmation says so). */
  invitesKept: string[];
}

/**
 * `/profile delete`: first the relay, as a leave does (nominations of them go back to their
 * nominators, a baton they held to the bot or the next person), then the Introduced role, then
 * every stored trace, then the bot's messages that name them: bulk-deleted where Discord allows,
 * one by one otherwise. The nominators are told last, without naming the erased person.
 */
export async function eraseMember(ctx: BotContext, guild: Guild, userId: string): Promise<ErasureOutcome> {
  const log = childLogger(ctx.logger, { guildId: guild.id, userId });
  const svc = ctx.services;
  const now = svc.clock.now();
  const relay = await svc.know.relay.cancelNominationsOfLeaver({ guildId: guild.id, userId, now });
  const roleRemoved = await removeIntroducedRole(ctx, guild, userId, log);
  const report = await svc.kernel.personalData.erasePersonalData(guild.id, userId, now);
  // What the slices left for the worker (e.g. a freed event seat: redraw, tell who moved up).
  for (const job of report.followUpJobs)
    await ctx.agenda?.now(job.name, job.data).catch((error: unknown) => {
      log.warn({ err: error, job: job.name }, 'could not enqueue an erasure follow-up');
    });
  const rewrite = report.messagesToRemove.filter((r) => r.rewriteFor);
  const remove = report.messagesToRemove.filter((r) => !r.rewriteFor);
  const unremoved = [
    ...(await rewriteMessages(ctx, guild, rewrite, log)),
    ...(await removeMessages(guild, remove, now, log)),
  ];
  // Only what is gone from Discord is forgotten: the rest stays recorded for the next attempt.
  await svc.know.postedMessages.forgetErased({ guildId: guild.id, userId, stillThere: unremoved });
  const invitesKept = await revokeInvites(guild, report.invitesToRevoke, log);
  for (const { chain } of relay.cancelled)
    await batonReturned(ctx, guild, { chain, nomineeId: null, excludeUserIds: [userId], reason: 'erased' });
  for (const chain of relay.chainsToBot)
    await batonReturned(ctx, guild, { chain, nomineeId: null, excludeUserIds: [userId] });
  log.info({ unremoved: unremoved.length, invitesKept: invitesKept.length }, 'a member erased their data');
  return { unremoved, roleRemoved, invitesKept };
}

/**
 * Deletes the member's personal invite links on Discord (already gone counts as done); returns
 * the codes Discord refused to delete, which keep working until an organiser deletes them.
 */
async function revokeInvites(guild: Guild, codes: readonly string[], log: Logger): Promise<string[]> {
  const kept: string[] = [];
  for (const code of codes) {
    try {
      await guild.invites.delete(code, 'Tsunagu: the member deleted their profile');
    } catch (error) {
      if (discordCode(error) === RESTJSONErrorCodes.UnknownInvite) continue;
      log.warn({ err: error, code }, 'could not revoke the personal invite of an erased member');
      kept.push(code);
    }
  }
  return kept;
}

/** A member who deleted their profile has not introduced themself any more. */
async function removeIntroducedRole(ctx: BotContext, guild: Guild, userId: string, log: Logger) {
  const { roles } = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  const member = await findMember(guild, userId).catch(() => null);
  if (!roles.introduced || !member || !member.roles.cache.has(roles.introduced)) return true;
  try {
    await member.roles.remove(roles.introduced, 'Tsunagu: the member deleted their profile');
    return true;
  } catch (error) {
    log.warn({ err: error }, 'could not remove the Introduced role of an erased member');
    return false;
  }
}

function createdAt(messageId: string): number {
  return Number((BigInt(messageId) >> 22n) + DISCORD_EPOCH);
}

/** Removes the messages, grouped by channel; returns those still in Discord. */
async function removeMessages(
  guild: Guild,
  refs: MessageRef[],
  now: Date,
  log: Logger,
): Promise<MessageRef[]> {
  const byChannel = new Map<string, MessageRef[]>();
  for (const ref of refs) byChannel.set(ref.channelId, [...(byChannel.get(ref.channelId) ?? []), ref]);
  const left: MessageRef[] = [];
  for (const [channelId, list] of byChannel) {
    const channel = await guild.client.channels.fetch(channelId).catch((error: unknown) => {
      if (discordCode(error) === RESTJSONErrorCodes.UnknownChannel) return 'gone' as const;
      return null;
    });
    if (channel === 'gone') continue;
    if (!channel || !('messages' in channel)) {
      left.push(...list);
      continue;
    }
    const inDm = channel.isDMBased();
    let single = list;
    const me = guild.members.me;
    const canBulk =
      'bulkDelete' in channel &&
      !channel.isDMBased() &&
      me !== null &&
      channel.permissionsFor(me)?.has(PermissionFlagsBits.ManageMessages) === true;
    if (canBulk) {
      const young = list.filter(
        (r) => now.getTime() - createdAt(r.messageId) < BULK_MAX_AGE_MS - BULK_AGE_MARGIN_MS,
      );
      if (young.length >= BULK_MIN) {
        single = list.filter((r) => !young.includes(r));
        for (let i = 0; i < young.length; i += BULK_MAX) {
          const chunk = young.slice(i, i + BULK_MAX);
          try {
            if (chunk.length >= BULK_MIN) await channel.bulkDelete(chunk.map((r) => r.messageId));
            else single.push(...chunk);
          } catch (error) {
            log.info({ err: error, channelId }, 'bulk delete refused; deleting one by one');
            single.push(...chunk);
          }
        }
      }
    }
    for (const ref of single) {
      try {
        await channel.messages.delete(ref.messageId);
      } catch (error) {
        if (discordCode(error) === RESTJSONErrorCodes.UnknownMessage) continue;
        log.warn(
          { err: error, channelId, messageId: ref.messageId },
          'could not delete a message naming an erased member',
        );
        left.push(inDm ? { ...ref, inDm } : ref);
      }
    }
  }
  return left;
}

/**
 * Messages about someone else that named the erased person too (a relay announcement or DM about
 * the nominee, by the erased nominator): rewritten in the bot's own words, so the nominee keeps
 * their intro button and the erased person's name is gone. A message that cannot be edited is
 * deleted; one that can be neither is reported.
 */
async function rewriteMessages(ctx: BotContext, guild: Guild, refs: MessageRef[], log: Logger) {
  if (refs.length === 0) return [];
  const tr = translator((await ctx.services.kernel.settings.getGuildSettings(guild.id)).locale);
  const left: MessageRef[] = [];
  for (const ref of refs) {
    const nomineeId = ref.rewriteFor!;
    // Say what is true now: an intro button only while the nomination is still open.
    const state = await ctx.services.know.relay.nominationState(guild.id, nomineeId);
    const settled = state === 'open' ? {} : { settled: state };
    const payload =
      ref.kind === 'relayDm'
        ? nomineeDm(tr, { guildId: guild.id, serverName: guild.name, nominatorName: null, ...settled })
        : nominationAnnouncement(tr, { guildId: guild.id, nomineeId, nominatorId: null, ...settled });
    try {
      const channel = await guild.client.channels.fetch(ref.channelId);
      if (!channel || !('messages' in channel)) throw new Error('not a text channel');
      // The mention of the nominee must not ping them again on the edit.
      await channel.messages.edit(ref.messageId, { ...payload, allowedMentions: { parse: [] } });
    } catch (error) {
      if (discordCode(error) === RESTJSONErrorCodes.UnknownMessage) continue;
      log.info({ err: error, messageId: ref.messageId }, 'could not rewrite a message; deleting it');
      left.push(...(await removeMessages(guild, [ref], ctx.services.clock.now(), log)));
    }
  }
  return left;
}

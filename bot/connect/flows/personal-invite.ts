import {
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  RouteBases,
  type Guild,
  type GuildBasedChannel,
  type GuildMember,
} from 'discord.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { childLogger } from '../../../shared/logger.js';
import { UserError } from '../../core/user-error.js';
import { naming } from '../../core/preconditions.js';
import { sendableChannel } from '../../core/channels.js';
import { discordCode } from '../../core/discord-errors.js';
import { toInviteInfo } from './invite-tracker.js';
import { DomainError } from '../../../shared/errors.js';

export interface PersonalInviteLink {
  url: string;
  code: string;
  /** True when the member had a link that Discord no longer knows, so this one is new. */
  renewed: boolean;
}

/**
 * The member's own invite link: the stored one while Discord still has it, else a new one
 * (never expiring, unlimited, `unique` so Discord does not hand every member the bot's same
 * link), credited to the member. Opens the welcome channel, else the channel asked from.
 */
export async function personalInviteFor(
  ctx: BotContext,
  tr: Translator,
  guild: Guild,
  member: GuildMember,
  askedIn: string | null,
): Promise<PersonalInviteLink> {
  const channel = await personalInviteChannel(ctx, guild, askedIn);
  if (!channel) throw new UserError('bot.error.unknownTarget');
  // The bot creates the link, so Discord would not stop a member the server does not let invite
  // people: the server's own rule (Create Invite on that channel) is checked here, every time.
  if (!mayInvite(member, channel))
    throw new UserError('bot.connect.invite.mineNotAllowed', { channel: `<#${channel.id}>` });
  const svc = ctx.services.connect.personalInvites;
  const now = ctx.services.clock.now();
  const known = await svc.findPersonalInvite({ guildId: guild.id, userId: member.id, now });
  if (known) {
    if (await stillOnDiscord(guild, known.code)) return link(known.code, false);
    await svc.retirePersonalInvite({ guildId: guild.id, code: known.code, now });
  }
  const created = await createInvite(tr, () =>
    guild.invites.create(channel.id, {
      maxAge: 0,
      maxUses: 0,
      unique: true,
      // The audit log cannot be edited or erased later: no name in the reason.
      reason: 'Tsunagu personal invite',
    }),
  );
  const saved = await svc.savePersonalInvite({
    guildId: guild.id,
    userId: member.id,
    invite: toInviteInfo(created),
    now,
  });
  if (saved.discard) {
    // Another worker made one at the same moment: keep one link per member.
    await guild.invites
      .delete(saved.discard, 'Tsunagu: duplicate personal invite')
      .catch((error: unknown) => {
        childLogger(ctx.logger, { guildId: guild.id, userId: member.id }).warn(
          { err: error },
          'could not delete a duplicate personal invite',
        );
      });
  }
  return link(saved.code, saved.renewed);
}

/**
 * The channel a member's personal link opens: the welcome channel, else the channel asked from,
 * else the introductions channel (a button pressed in a DM has no guild channel).
 */
export async function personalInviteChannel(
  ctx: BotContext,
  guild: Guild,
  askedIn: string | null,
): Promise<GuildBasedChannel | null> {
  const { channels } = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  for (const id of [channels.welcome, askedIn, channels.introductions]) {
    const channel = await sendableChannel(guild, id);
    if (channel && !channel.isDMBased() && !channel.isThread()) return channel;
  }
  return null;
}

/** Whether the server lets `member` create invites to `channel` (Create Invite, with overwrites). */
export function mayInvite(member: GuildMember, channel: GuildBasedChannel): boolean {
  return member.permissionsIn(channel).has(PermissionFlagsBits.CreateInstantInvite);
}

/**
 * Creates an invite on Discord, naming a missing permission, and turning Discord's
 * "Maximum number of invites reached (1000)" (30016, discord-api-docs: JSON error codes) into a
 * message that says what an organiser can do about it.
 */
export async function createInvite<T>(tr: Translator, action: () => Promise<T>): Promise<T> {
  try {
    return await naming('bot.permission.CreateInstantInvite', tr, action);
  } catch (error) {
    if (discordCode(error) === RESTJSONErrorCodes.MaximumNumberOfInvitesReached)
      throw new DomainError('CONFLICT', 'bot.connect.invite.limitReached', { max: 1000 });
    throw error;
  }
}

function link(code: string, renewed: boolean): PersonalInviteLink {
  return { url: `${RouteBases.invite}/${code}`, code, renewed };
}

/**
 * Whether Discord still has the invite: Get Invite answers 10006 Unknown Invite once it was
 * revoked or expired (discord-api-docs, resources/invite: "Get Invite"; expired invites are
 * gone without an INVITE_DELETE event). Any other failure keeps the stored link.
 */
async function stillOnDiscord(guild: Guild, code: string): Promise<boolean> {
  try {
    const invite = await guild.client.fetchInvite(code);
    return (
      invite.guild?.id === guild.id &&
      (invite.expiresTimestamp === null || invite.expiresTimestamp > Date.now())
    );
  } catch (error) {
    return discordCode(error) !== RESTJSONErrorCodes.UnknownInvite;
  }
}

import type { GuildMember } from 'discord.js';
import type { BotContext } from '../context.js';
import { UserError } from './user-error.js';
import type { MessageKey, Translator } from '../../shared/i18n/index.js';

/** Organisers: members holding the configured organiser role, or Manage Server. Others get a clear answer. */
export async function requireOrganiser(ctx: BotContext, member: GuildMember): Promise<void> {
  if (member.permissions.has('ManageGuild')) return;
  const { roles } = await ctx.services.kernel.settings.getGuildSettings(member.guild.id);
  if (roles.organiser && member.roles.cache.has(roles.organiser)) return;
  throw new UserError('bot.connect.organisersOnly');
}

/**
 * Runs a Discord call; a 50013/50001 refusal becomes a message naming the missing permission
 * (by its i18n key, e.g. `bot.permission.ManageRoles`) instead of a generic one.
 */
export async function naming<T>(
  permissionKey: MessageKey,
  tr: Translator,
  action: () => Promise<T>,
): Promise<T> {
  const { isMissingPermission } = await import('./discord-errors.js');
  try {
    return await action();
  } catch (error) {
    if (isMissingPermission(error))
      throw new UserError('bot.connect.error.missingPermission', { permission: tr(permissionKey) });
    throw error;
  }
}

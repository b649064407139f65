import type { GuildMember } from 'discord.js';
import type { BotContext } from '../../context.js';
import { requireOrganiser } from '../../core/preconditions.js';
import { UserError } from '../../core/user-error.js';

/** True for organisers (the configured role or Manage Server), as requireOrganiser decides. */
export async function isOrganiser(ctx: BotContext, member: GuildMember): Promise<boolean> {
  try {
    await requireOrganiser(ctx, member);
    return true;
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}

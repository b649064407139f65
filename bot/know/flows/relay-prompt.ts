import type { Guild } from 'discord.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { nominatePrompt, type CandidateOption } from '../presenters/relay.presenter.js';

/**
 * The nomination prompt for a baton holder: one page of the members without an intro, named as
 * Discord shows them ("Display name (@username)"). `holderId` marks a prompt posted in a channel,
 * which only that holder (or an organiser) may use.
 */
export async function buildNominatePrompt(
  ctx: BotContext,
  tr: Translator,
  guild: Guild,
  input: {
    excludeUserIds: string[];
    offset?: number;
    holderId?: string;
    intro?: string;
    /** Whose baton this is: their chain's exclusions are added (the same on every page). */
    batonHolderId?: string;
  },
): Promise<ReturnType<typeof nominatePrompt>> {
  const relay = ctx.services.know.relay;
  const fromChain = input.batonHolderId ? await relay.promptExclusions(guild.id, input.batonHolderId) : [];
  const page = await relay.relayCandidatePage(guild.id, {
    excludeUserIds: [...new Set([...input.excludeUserIds, ...fromChain])],
    offset: input.offset ?? 0,
  });
  const candidates = await namedCandidates(guild, page.userIds);
  return nominatePrompt(tr, {
    guildId: guild.id,
    candidates,
    total: page.total,
    offset: page.offset,
    ...(input.holderId ? { holderId: input.holderId } : {}),
    ...(input.intro ? { intro: input.intro } : {}),
  });
}

/** Names candidates with one member fetch; members Discord no longer knows are left out. */
export async function namedCandidates(guild: Guild, userIds: string[]): Promise<CandidateOption[]> {
  if (userIds.length === 0) return [];
  const missing = userIds.filter((id) => !guild.members.cache.has(id));
  if (missing.length > 0) await guild.members.fetch({ user: missing }).catch(() => undefined);
  return userIds.flatMap((userId) => {
    const member = guild.members.cache.get(userId);
    if (!member || member.user.bot) return [];
    const label =
      member.displayName === member.user.username
        ? `@${member.user.username}`
        : `${member.displayName} (@${member.user.username})`;
    return [{ userId, label }];
  });
}

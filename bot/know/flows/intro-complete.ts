import type { Guild, GuildMember } from 'discord.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { childLogger } from '../../../shared/logger.js';
import { nominatePrompt } from '../presenters/relay.presenter.js';
import { grantRoles } from '../../connect/flows/welcome-member.js';

/**
 * After the first intro is published: the Introduced role (newcomer role removed), then the
 * relay: the nomination that asked for this intro is completed and the member now holds the
 * baton. Returns the prompt asking them to nominate the next person, when they hold it.
 */
export async function completeIntro(
  ctx: BotContext,
  tr: Translator,
  guild: Guild,
  member: GuildMember,
): Promise<ReturnType<typeof nominatePrompt> | null> {
  const log = childLogger(ctx.logger, { guildId: guild.id, userId: member.id });
  const svc = ctx.services;
  const { roles } = await svc.kernel.settings.getGuildSettings(guild.id);
  await grantRoles(member, [roles.introduced], log);
  if (roles.newcomer && member.roles.cache.has(roles.newcomer)) {
    await member.roles.remove(roles.newcomer, 'Tsunagu: introduced').catch((error: unknown) => {
      log.warn({ err: error }, 'could not remove the newcomer role');
    });
  }
  const relay = await svc.know.relay.onIntroduced({
    guildId: guild.id,
    userId: member.id,
    now: svc.clock.now(),
  });
  if (relay.chain?.batonHolderId !== member.id) return null;
  const candidates = await svc.know.relay.relayCandidates(guild.id, { excludeUserIds: [member.id] });
  return nominatePrompt(tr, { guildId: guild.id, candidates });
}

import type {
  ActionRowBuilder,
  ButtonBuilder,
  Guild,
  GuildMember,
  StringSelectMenuBuilder,
} from 'discord.js';
import type { BotContext } from '../../context.js';
import type { Translator } from '../../../shared/i18n/index.js';
import { childLogger } from '../../../shared/logger.js';
import { buildNominatePrompt } from './relay-prompt.js';
import { grantRoles } from '../../connect/flows/welcome-member.js';
import { mayInvite, personalInviteChannel } from '../../connect/flows/personal-invite.js';
import { personalInviteRow } from '../../connect/presenters/personal-invite.presenter.js';

/** The private message a member gets once their first intro is posted. */
export interface IntroWelcome {
  content: string;
  components: ActionRowBuilder<StringSelectMenuBuilder | ButtonBuilder>[];
  allowedMentions: { parse: [] };
}

/**
 * After the first intro is published: the Introduced role (newcomer role removed), then the
 * relay: the nomination that asked for this intro is completed and the member now holds the
 * baton. Returns the welcome after the intro: the "Invite a friend" button (when the server
 * lets the member create invites) and, when they hold the baton, the prompt asking them to
 * nominate the next person. Null when there is nothing to offer.
 */
export async function completeIntro(
  ctx: BotContext,
  tr: Translator,
  guild: Guild,
  member: GuildMember,
): Promise<IntroWelcome | null> {
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
  log.info('member introduced themself');
  const channel = await personalInviteChannel(ctx, guild, null);
  const invite = channel && mayInvite(member, channel) ? [personalInviteRow(tr, guild.id)] : [];
  if (relay.chain?.batonHolderId === member.id) {
    const prompt = await buildNominatePrompt(ctx, tr, guild, { excludeUserIds: [member.id] });
    return { ...prompt, components: [...prompt.components, ...invite] };
  }
  if (invite.length === 0) return null;
  return { content: tr('bot.connect.invite.afterIntro'), components: invite, allowedMentions: { parse: [] } };
}

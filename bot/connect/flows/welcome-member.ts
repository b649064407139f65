import type { GuildMember, Message } from 'discord.js';
import type { BotContext } from '../../context.js';
import { translator, type Translator } from '../../../shared/i18n/index.js';
import { childLogger, type Logger } from '../../../shared/logger.js';
import type { JoinResult } from '../../../shared/connect/welcome.service.js';
import { dmClosedFallback, welcomeChannelMessage, welcomeDm } from '../presenters/welcome.presenter.js';
import { postIn } from '../../core/channels.js';
import { isDmClosed } from '../../core/discord-errors.js';
import { bestEffort } from '../../core/best-effort.js';
import { recordPostedMessage } from '../../../shared/kernel/personal-data-messages.js';

/**
 * Welcomes a member who just joined: roles first (organisers gate channels on them), then the DM
 * with the intro button, then the welcome in the welcome channel. Each step is independent: one
 * failing (a missing permission, DMs closed, the member already gone) is logged and the others
 * still run. With DMs closed the welcome post itself says so and carries the one intro button;
 * only without a welcome post is the invitation posted in the introductions channel instead.
 */
export async function welcomeMember(ctx: BotContext, member: GuildMember, join: JoinResult): Promise<void> {
  const { guild } = member;
  const log = childLogger(ctx.logger, { guildId: guild.id, userId: member.id });
  const welcome = await ctx.services.connect.welcome.buildWelcome({
    guildId: guild.id,
    userId: member.id,
    serverName: guild.name,
    memberCount: guild.memberCount,
  });
  const tr = translator(welcome.locale);
  const settings = await ctx.services.kernel.settings.getGuildSettings(guild.id);

  const roles = [welcome.alumniRoleId, join.introduced ? settings.roles.introduced : welcome.newcomerRoleId];
  await grantRoles(member, roles, log);

  const dmClosed = !join.introduced && welcome.dmEnabled && !(await sendWelcomeDm(member, tr, log));
  const returning = join.outcome === 'returning';
  const posted = await bestEffortPost(log, 'post the welcome', async () =>
    remember(
      member,
      'welcome',
      await postIn(guild, welcome.channelId, {
        ...welcomeChannelMessage(tr, {
          guildId: guild.id,
          userId: member.id,
          content: welcome.content,
          returning,
          askIntro: !join.introduced,
          dmClosed,
        }),
      }),
    ),
  );
  if (!dmClosed || posted) return;
  log.info(
    'DMs closed and no welcome post: inviting the member to introduce themself in the introductions channel',
  );
  await bestEffort(log, 'post the DM fallback', async () =>
    remember(
      member,
      'welcomeFallback',
      await postIn(
        guild,
        settings.channels.introductions,
        dmClosedFallback(tr, { guildId: guild.id, userId: member.id }),
      ),
    ),
  );
}

/** Records a post that names the member, so `/profile delete` can remove it from Discord. */
async function remember(member: GuildMember, kind: string, message: Message | null): Promise<Message | null> {
  if (message) {
    await recordPostedMessage({
      guildId: member.guild.id,
      channelId: message.channelId,
      messageId: message.id,
      userIds: [member.id],
      kind,
    });
  }
  return message;
}

/** Sends the welcome DM; false only when the member's DMs are closed (other failures are logged). */
async function sendWelcomeDm(member: GuildMember, tr: Translator, log: Logger): Promise<boolean> {
  try {
    await member.send(welcomeDm(tr, { guildId: member.guild.id, serverName: member.guild.name }));
    return true;
  } catch (error) {
    if (!isDmClosed(error)) {
      log.error({ err: error }, 'could not send the welcome DM');
      return true;
    }
    log.info('DMs closed: the welcome post carries the intro button');
    return false;
  }
}

/** Like bestEffort, and says whether a message was posted (postIn gives nothing without a channel). */
async function bestEffortPost(log: Logger, what: string, action: () => Promise<unknown>): Promise<boolean> {
  let posted = false;
  await bestEffort(log, what, async () => {
    posted = (await action()) != null;
  });
  return posted;
}

/** Adds the roles the member lacks (one API call); a failure is logged, never thrown. */
export async function grantRoles(
  member: GuildMember,
  roleIds: (string | null)[],
  log: Logger,
): Promise<void> {
  const missing = roleIds.filter((id): id is string => !!id && !member.roles.cache.has(id));
  if (missing.length === 0) return;
  await bestEffort(log, `grant roles ${missing.join(', ')}`, () =>
    member.roles.add(missing, 'Tsunagu welcome'),
  );
}

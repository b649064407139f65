import type { GuildMember } from 'discord.js';
import type { BotContext } from '../../context.js';
import { translator } from '../../../shared/i18n/index.js';
import { childLogger, type Logger } from '../../../shared/logger.js';
import type { JoinResult } from '../../../shared/connect/welcome.service.js';
import { dmClosedFallback, welcomeChannelMessage, welcomeDm } from '../presenters/welcome.presenter.js';
import { postIn } from '../../core/channels.js';
import { isDmClosed } from '../../core/discord-errors.js';
import { bestEffort } from '../../core/best-effort.js';

/**
 * Welcomes a member who just joined: roles first (organisers gate channels on them), then the
 * welcome in the welcome channel, then the DM with the intro button. Each step is independent:
 * one failing (a missing permission, DMs closed, the member already gone) is logged and the
 * others still run; with DMs closed the invitation is posted in the welcome channel instead.
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

  const returning = join.outcome === 'returning';
  await bestEffort(log, 'post the welcome', () =>
    postIn(guild, welcome.channelId, {
      ...welcomeChannelMessage(tr, {
        guildId: guild.id,
        userId: member.id,
        content: welcome.content,
        returning,
        askIntro: !join.introduced,
      }),
    }),
  );

  if (join.introduced || !welcome.dmEnabled) return;
  try {
    await member.send(welcomeDm(tr, { guildId: guild.id, serverName: guild.name }));
  } catch (error) {
    if (!isDmClosed(error)) return void log.error({ err: error }, 'could not send the welcome DM');
    log.info('DMs closed: inviting the member to introduce themself in the welcome channel instead');
    const fallbackChannel = welcome.channelId ?? settings.channels.introductions;
    await bestEffort(log, 'post the DM fallback', () =>
      postIn(guild, fallbackChannel, dmClosedFallback(tr, { guildId: guild.id, userId: member.id })),
    );
  }
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

import type { Guild, MessageCreateOptions } from 'discord.js';
import type { BotContext } from '../../context.js';
import { translator } from '../../../shared/i18n/index.js';
import { childLogger, type Logger } from '../../../shared/logger.js';
import type { RelayChainView, RelayLinkView } from '../../../shared/know/relay.service.js';
import { nominatePrompt, nominationAnnouncement, nomineeDm } from '../presenters/relay.presenter.js';
import { postIn } from '../../core/channels.js';
import { findMember } from '../../core/members.js';
import { isDmClosed } from '../../core/discord-errors.js';
import { scheduleRelayCheck } from './relay-schedule.js';
import { bestEffort } from '../../core/best-effort.js';

/**
 * After a nomination: mention the nominee in the introductions channel with the intro button,
 * DM them (a closed DM is fine: the mention already reached them), and schedule the reminder.
 */
export async function announceNomination(ctx: BotContext, guild: Guild, link: RelayLinkView): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id, userId: link.nomineeId ?? undefined });
  const settings = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(settings.locale);
  const nomineeId = link.nomineeId;
  if (!nomineeId) return;
  const channelId = settings.channels.introductions ?? settings.channels.welcome;
  await bestEffort(log, 'announce the nomination', () =>
    postIn(
      guild,
      channelId,
      nominationAnnouncement(tr, { guildId: guild.id, nomineeId, nominatorId: link.fromUserId }),
    ),
  );
  const nominator = link.fromUserId ? await findMember(guild, link.fromUserId).catch(() => null) : null;
  await dmMember(
    log,
    guild,
    nomineeId,
    nomineeDm(tr, {
      guildId: guild.id,
      serverName: guild.name,
      nominatorName: nominator?.displayName ?? null,
    }),
  );
  await scheduleRelayCheck(ctx, link);
}

/** The reminder: a DM to the nominee, or a mention in the introductions channel when DMs are closed. */
export async function remindNominee(ctx: BotContext, guild: Guild, link: RelayLinkView): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id, userId: link.nomineeId ?? undefined });
  const settings = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(settings.locale);
  const nomineeId = link.nomineeId;
  if (!nomineeId) return;
  const dm = nomineeDm(tr, {
    guildId: guild.id,
    serverName: guild.name,
    nominatorName: null,
    reminder: true,
  });
  const sent = await dmMember(log, guild, nomineeId, dm);
  if (!sent) {
    await bestEffort(log, 'post the reminder', () =>
      postIn(guild, settings.channels.introductions, {
        ...dm,
        content: `<@${nomineeId}> ${dm.content}`,
        allowedMentions: { users: [nomineeId], parse: [] },
      }),
    );
  }
}

/**
 * The baton came back (the nominee did not introduce themself, or left). A person holding it is
 * asked by DM (or in the channel) to nominate someone else; when the bot holds it, it nominates
 * the newest member without an intro itself.
 */
export async function batonReturned(
  ctx: BotContext,
  guild: Guild,
  input: { chain: RelayChainView; nomineeId: string | null; excludeUserIds?: string[] },
): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const svc = ctx.services;
  const settings = await svc.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(settings.locale);
  const holderId = input.chain.batonHolderId;
  const exclude = [...(input.excludeUserIds ?? []), ...(input.nomineeId ? [input.nomineeId] : [])];
  const candidates = await svc.know.relay.relayCandidates(guild.id, {
    excludeUserIds: [...exclude, ...(holderId ? [holderId] : [])],
  });
  if (holderId) {
    const prompt = nominatePrompt(tr, {
      guildId: guild.id,
      candidates,
      intro: tr('bot.connect.relay.batonBack', {
        server: guild.name,
        nominee: input.nomineeId ? `<@${input.nomineeId}>` : tr('bot.connect.relay.someone'),
      }),
    });
    const sent = await dmMember(log, guild, holderId, prompt);
    if (!sent) {
      await bestEffort(log, 'ask the holder in the channel', () =>
        postIn(guild, settings.channels.introductions, {
          ...prompt,
          content: `<@${holderId}> ${prompt.content}`,
          allowedMentions: { users: [holderId], parse: [] },
        }),
      );
    }
    return;
  }
  await botNominates(ctx, guild, input.chain.chainId, candidates, log);
}

/** The bot passes the baton to the first candidate still in the guild. */
async function botNominates(
  ctx: BotContext,
  guild: Guild,
  chainId: string,
  candidates: string[],
  log: Logger,
): Promise<void> {
  const svc = ctx.services;
  for (const userId of candidates) {
    const member = await findMember(guild, userId);
    if (!member || member.user.bot) continue;
    try {
      const { link } = await svc.know.relay.nominate({
        guildId: guild.id,
        by: { bot: true, chainId },
        nominee: { userId, isBot: false, isMember: true },
        now: svc.clock.now(),
      });
      await announceNomination(ctx, guild, link);
      return;
    } catch (error) {
      log.info({ err: error, userId }, 'the bot could not nominate this candidate; trying the next');
    }
  }
  log.info('no member without an intro is left: the relay waits for the next newcomer');
}

/** DMs a guild member; false when their DMs are closed or they are gone. */
async function dmMember(
  log: Logger,
  guild: Guild,
  userId: string,
  payload: MessageCreateOptions,
): Promise<boolean> {
  try {
    const member = await findMember(guild, userId);
    if (!member) return false;
    await member.send(payload);
    return true;
  } catch (error) {
    if (isDmClosed(error)) log.info({ userId }, 'DMs closed');
    else log.warn({ err: error, userId }, 'could not send a DM');
    return false;
  }
}

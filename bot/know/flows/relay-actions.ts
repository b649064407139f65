import type { Guild, Message, MessageCreateOptions } from 'discord.js';
import type { BotContext } from '../../context.js';
import { translator } from '../../../shared/i18n/index.js';
import { childLogger, type Logger } from '../../../shared/logger.js';
import type { RelayChainView, RelayLinkView } from '../../../shared/know/relay.service.js';
import { nominationAnnouncement, nomineeDm } from '../presenters/relay.presenter.js';
import { buildNominatePrompt } from './relay-prompt.js';
import { postIn } from '../../core/channels.js';
import { findMember } from '../../core/members.js';
import { isDmClosed } from '../../core/discord-errors.js';
import { scheduleRelayCheck } from './relay-schedule.js';
import { bestEffort } from '../../core/best-effort.js';
import { isDomainError } from '../../../shared/errors.js';
import { escapeMarkdown, neutraliseMentions } from '../../../shared/kernel/welcome-template.js';

/**
 * After a nomination: mention the nominee in the introductions channel with the intro button,
 * DM them (a closed DM is fine: the mention already reached them). The reminder is scheduled first.
 */
export async function announceNomination(ctx: BotContext, guild: Guild, link: RelayLinkView): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id, userId: link.nomineeId ?? undefined });
  const settings = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(settings.locale);
  const nomineeId = link.nomineeId;
  if (!nomineeId) return;
  // The reminder is scheduled before anything is posted: a crash between the posts and the
  // schedule would otherwise leave a nomination that is never reminded nor handed back.
  await scheduleRelayCheck(ctx, link);
  log.info(
    { fromUserId: link.fromUserId ?? undefined },
    link.fromUserId ? 'baton passed to this member' : 'the bot passed the baton to this member',
  );
  const channelId = settings.channels.introductions ?? settings.channels.welcome;
  const named = [nomineeId, link.fromUserId];
  await postAndRecord(
    ctx,
    log,
    guild,
    channelId,
    { kind: 'relayAnnouncement', subjectId: nomineeId },
    named,
    () => nominationAnnouncement(tr, { guildId: guild.id, nomineeId, nominatorId: link.fromUserId }),
  );
  const nominator = link.fromUserId ? await findMember(guild, link.fromUserId).catch(() => null) : null;
  const dm = await dmMember(
    log,
    guild,
    nomineeId,
    nomineeDm(tr, {
      guildId: guild.id,
      serverName: guild.name,
      nominatorName: nominator?.displayName ?? null,
    }),
  );
  // The DM names the nominator to someone else: their erasure removes it too.
  if (dm && link.fromUserId)
    await record(ctx, log, guild.id, dm, { kind: 'relayDm', subjectId: nomineeId }, named);
}

/**
 * An organiser handed on the baton `holderId` had kept past the reminder time: they are told by
 * DM (nothing for them to pick any more). A closed DM is fine: their old prompt says the chain moved on.
 */
export async function tellOverriddenHolder(
  ctx: BotContext,
  guild: Guild,
  holderId: string,
  chainNumber: number,
): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id, userId: holderId });
  const { locale } = await ctx.services.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(locale);
  await dmMember(log, guild, holderId, {
    content: tr('bot.connect.relay.overriddenDm', { server: guild.name, number: chainNumber }),
    allowedMentions: { parse: [] },
  });
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
    await postAndRecord(
      ctx,
      log,
      guild,
      settings.channels.introductions,
      { kind: 'relayReminder' },
      [nomineeId],
      () => ({
        ...dm,
        content: `<@${nomineeId}> ${dm.content}`,
        allowedMentions: { users: [nomineeId], parse: [] },
      }),
    );
  }
}

/**
 * The baton came back (the nominee did not introduce themself, left, or erased their data). A
 * person holding it is asked by DM to nominate someone else (with DMs closed, in the channel,
 * where only they or an organiser may use the prompt); when the bot holds it, it nominates the
 * newest member without an intro itself, or the baton waits for an organiser or the next newcomer.
 * `nomineeId: null` keeps the nominee unnamed (an erased person is never named again).
 */
export async function batonReturned(
  ctx: BotContext,
  guild: Guild,
  input: {
    chain: RelayChainView;
    nomineeId: string | null;
    excludeUserIds?: string[];
    /**
     * Why the baton came back, so the holder is told what is true: the nominee erased their data
     * (never named), left the server, or (default) did not introduce themself in time.
     */
    reason?: 'erased' | 'left' | 'timedOut';
    /**
     * The nominee's name, for one who left: they are no longer a member, so clients cannot
     * resolve a `<@id>` mention of them (it reads "@unknown-user").
     */
    nomineeName?: string;
  },
): Promise<void> {
  const log = childLogger(ctx.logger, { guildId: guild.id });
  const svc = ctx.services;
  const settings = await svc.kernel.settings.getGuildSettings(guild.id);
  const tr = translator(settings.locale);
  const holderId = input.chain.batonHolderId;
  log.info(
    { holderId: holderId ?? undefined, nomineeId: input.nomineeId ?? undefined },
    holderId ? 'baton returned to its holder' : 'baton returned to the bot',
  );
  const exclude = [...(input.excludeUserIds ?? []), ...(input.nomineeId ? [input.nomineeId] : [])];
  if (holderId) {
    const nominee = input.nomineeName
      ? escapeMarkdown(neutraliseMentions(input.nomineeName))
      : input.nomineeId
        ? `<@${input.nomineeId}>`
        : tr('bot.connect.relay.someone');
    const intro =
      input.reason === 'erased'
        ? tr('bot.connect.relay.batonBackErased', { server: guild.name })
        : input.reason === 'left'
          ? tr('bot.connect.relay.batonBackLeft', { server: guild.name, nominee })
          : tr('bot.connect.relay.batonBack', { server: guild.name, nominee });
    const excludeUserIds = [...exclude, holderId];
    const prompt = await buildNominatePrompt(ctx, tr, guild, {
      excludeUserIds,
      intro,
      batonHolderId: holderId,
    });
    const named = [holderId, input.nomineeId];
    const sent = await dmMember(log, guild, holderId, prompt);
    if (sent) return void (await record(ctx, log, guild.id, sent, { kind: 'batonPrompt' }, named));
    const inChannel = await buildNominatePrompt(ctx, tr, guild, {
      excludeUserIds,
      intro,
      holderId,
      batonHolderId: holderId,
    });
    await postAndRecord(
      ctx,
      log,
      guild,
      settings.channels.introductions,
      { kind: 'batonPrompt' },
      named,
      () => ({
        ...inChannel,
        content: `<@${holderId}> ${inChannel.content}`,
        allowedMentions: { users: [holderId], parse: [] },
      }),
    );
    return;
  }
  const candidates = await svc.know.relay.relayCandidates(guild.id, { excludeUserIds: exclude });
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
      // The baton is no longer the bot's (an organiser or a newcomer took it): nobody to try.
      if (isDomainError(error) && error.code === 'RELAY_NOT_HOLDER')
        return void log.info('the baton was taken meanwhile: the bot nominates nobody');
      // A refusal (the candidate has an intro by now…) is expected: its reason, no stack.
      if (isDomainError(error))
        log.debug({ userId, reason: error.code }, 'candidate refused; trying the next');
      else log.warn({ err: error, userId }, 'the bot could not nominate this candidate; trying the next');
    }
  }
  log.info('no member without an intro is left: the baton waits for an organiser or the next newcomer');
}

/** Posts in a channel and records the message as naming `userIds` (so erasure can remove it). */
async function postAndRecord(
  ctx: BotContext,
  log: Logger,
  guild: Guild,
  channelId: string | null,
  what: Recorded,
  userIds: (string | null)[],
  payload: () => MessageCreateOptions,
): Promise<void> {
  await bestEffort(log, `post the ${what.kind}`, async () => {
    const message = await postIn(guild, channelId, payload());
    if (message) await record(ctx, log, guild.id, message, what, userIds);
  });
}

/** What a recorded message is, and whom it is about when it names others too. */
interface Recorded {
  kind: string;
  subjectId?: string;
}

async function record(
  ctx: BotContext,
  log: Logger,
  guildId: string,
  message: Message,
  what: Recorded,
  userIds: (string | null)[],
): Promise<void> {
  await bestEffort(log, `remember the ${what.kind} message`, () =>
    ctx.services.know.postedMessages.record({
      guildId,
      channelId: message.channelId,
      messageId: message.id,
      userIds,
      kind: what.kind,
      subjectId: what.subjectId ?? null,
      postedAt: ctx.services.clock.now(),
    }),
  );
}

/** DMs a guild member; null when their DMs are closed or they are gone. */
async function dmMember(
  log: Logger,
  guild: Guild,
  userId: string,
  payload: MessageCreateOptions,
): Promise<Message | null> {
  try {
    const member = await findMember(guild, userId);
    if (!member) return null;
    return await member.send(payload);
  } catch (error) {
    if (isDmClosed(error)) log.info({ userId }, 'DMs closed');
    else log.warn({ err: error, userId }, 'could not send a DM');
    return null;
  }
}

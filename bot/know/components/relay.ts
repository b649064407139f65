import {
  MessageFlags,
  type GuildMember,
  type MessageComponentInteraction,
  type UserSelectMenuInteraction,
} from 'discord.js';
import { bestEffort } from '../../core/best-effort.js';
import type { ComponentFamily } from '../../core/component.js';
import { interactionTranslator, type BotContext } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { findMember } from '../../core/members.js';
import { isDomainError } from '../../../shared/errors.js';
import { announceNomination } from '../flows/relay-actions.js';
import { buildNominatePrompt } from '../flows/relay-prompt.js';
import { isOrganiser } from '../flows/organiser.js';

/**
 * The nomination prompt, `relay:nominate:<guildId>[:<holderId>]` (a string select of members
 * without an intro) and `relay:page:<guildId>:<offset>[:<holderId>]` (its paging buttons). A
 * prompt posted in a channel names its holder: anyone else gets a private refusal and the prompt
 * stays as it is; an organiser may use it on the holder's behalf. The service still checks the
 * pick (a member may have introduced themself or left since the prompt was shown).
 */
export const relayComponents: ComponentFamily = {
  prefix: 'relay',

  async select(interaction, [action, guildId, holderId], ctx) {
    if (action === 'nominate' && interaction.isUserSelectMenu())
      return freshPrompt(ctx, interaction, guildId);
    if (action !== 'nominate' || !interaction.isStringSelectMenu())
      throw new UserError('bot.error.expiredComponent');
    const { guild, member } = await guildAndMember(interaction, guildId);
    const onBehalf = await actingFor(ctx, interaction, member, holderId);
    const nomineeId = interaction.values[0];
    if (!nomineeId) throw new UserError('bot.error.expiredComponent');
    const nominee = await findMember(guild, nomineeId);
    const svc = ctx.services;
    const tr = await interactionTranslator(ctx, interaction);
    const facts = { userId: nomineeId, isBot: nominee?.user.bot ?? false, isMember: nominee !== null };
    let link;
    try {
      // An organiser passes the holder's baton for them (the link shows it came from the organisers).
      const forOther = onBehalf && onBehalf !== member.id;
      const holderChain = forOther ? await svc.know.relay.batonOf(guild.id, onBehalf) : null;
      if (forOther && !holderChain) throw new UserError('bot.connect.relay.promptStale');
      ({ link } = holderChain
        ? await svc.know.relay.nominate({
            guildId: guild.id,
            // The organiser's explicit action on the holder's behalf: it may take a person's baton.
            by: { bot: true, chainId: holderChain.chainId, override: true },
            nominee: facts,
            now: svc.clock.now(),
          })
        : await svc.know.relay.nominate({
            guildId: guild.id,
            by: { userId: member.id },
            nominee: facts,
            now: svc.clock.now(),
          }));
    } catch (error) {
      // An old prompt of a baton that moved on (a late introducer took it back, say): say so and retire it.
      if (isDomainError(error) && error.code === 'RELAY_NOT_HOLDER') {
        const moved = await svc.know.relay.batonMovedOn(guild.id, onBehalf ?? member.id);
        if (moved)
          return void (await interaction.update({
            content: tr('bot.connect.relay.batonMoved', { number: moved.number }),
            components: [],
          }));
      }
      throw error;
    }
    await interaction.update({
      content: tr('bot.connect.relay.nominated', { nominee: `<@${nomineeId}>` }),
      components: [],
      allowedMentions: { parse: [] },
    });
    // The prompt now names the nominee too ("You passed the baton to <@X>"): their erasure must
    // remove it as well. An ephemeral prompt is nobody else's to see, and cannot be deleted later.
    if (!interaction.message.flags.has(MessageFlags.Ephemeral))
      await bestEffort(ctx.logger, 'remember the baton prompt', () =>
        svc.know.postedMessages.record({
          guildId: guild.id,
          channelId: interaction.message.channelId,
          messageId: interaction.message.id,
          userIds: [nomineeId, onBehalf ?? member.id],
          kind: 'batonPrompt',
          postedAt: svc.clock.now(),
        }),
      );
    await announceNomination(ctx, guild, link);
  },

  async button(interaction, [action, guildId, offset, holderId], ctx) {
    if (action !== 'page') throw new UserError('bot.error.expiredComponent');
    const { guild, member } = await guildAndMember(interaction, guildId);
    const holder = (await actingFor(ctx, interaction, member, holderId)) ?? member.id;
    const tr = await interactionTranslator(ctx, interaction);
    // The holder's chain decides the exclusions (the nominee who passed, left or erased): the same
    // as on the prompt's first page.
    const prompt = await buildNominatePrompt(ctx, tr, guild, {
      excludeUserIds: [holder],
      batonHolderId: holder,
      offset: Number(offset) || 0,
      ...(holderId ? { holderId } : {}),
      intro: tr('bot.connect.relay.ask'),
    });
    await interaction.update({
      ...prompt,
      content: holderId ? `<@${holderId}> ${prompt.content}` : prompt.content,
    });
  },
};

/**
 * A prompt from before the string select (a user select that offered everyone): it is not a dead
 * end. The clicker's own baton gets a fresh prompt in its place; without one, they are told so.
 */
async function freshPrompt(
  ctx: BotContext,
  interaction: UserSelectMenuInteraction,
  guildId: string | undefined,
): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, guildId);
  const tr = await interactionTranslator(ctx, interaction);
  const chain = await ctx.services.know.relay.batonOf(guild.id, member.id);
  if (!chain) throw new UserError('bot.connect.relay.noBatonToPass');
  const prompt = await buildNominatePrompt(ctx, tr, guild, {
    excludeUserIds: [member.id],
    batonHolderId: member.id,
    intro: tr('bot.connect.relay.passPrompt', { number: chain.number }),
  });
  // The old message may be public: the fresh prompt goes to the clicker alone.
  await interaction.reply({ ...prompt, flags: MessageFlags.Ephemeral });
}

/**
 * Who a prompt acts for: undefined for a private prompt (the clicker themself); the holder for a
 * public one, when the clicker is that holder or an organiser. @throws UserError for anyone else.
 */
async function actingFor(
  ctx: BotContext,
  interaction: MessageComponentInteraction,
  member: GuildMember,
  holderId: string | undefined,
): Promise<string | undefined> {
  if (!holderId || holderId === interaction.user.id) return holderId;
  if (await isOrganiser(ctx, member)) return holderId;
  throw new UserError('bot.connect.relay.notYourPrompt', { holder: `<@${holderId}>` });
}

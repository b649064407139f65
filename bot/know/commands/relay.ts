import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator, type BotContext } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { requireOrganiser } from '../../core/preconditions.js';
import { findMember } from '../../core/members.js';
import { candidateChoices, relayStatusEmbed } from '../presenters/relay.presenter.js';
import { buildNominatePrompt, namedCandidates } from '../flows/relay-prompt.js';

/** How many candidates the autocomplete searches (newest members first). */
const AUTOCOMPLETE_POOL = 200;
import { announceNomination, tellOverriddenHolder } from '../flows/relay-actions.js';

/**
 * `/relay status`: the live intro relay chains (自己紹介バトン), who holds the baton, where it broke.
 * `/relay pass`: the holder's own nomination prompt, whenever they need it again.
 * `/relay nominate member [chain]` (organisers): hands a waiting baton — one the bot holds, or a
 * holder's who has not passed it — to a member without an intro, so no chain is left stuck.
 */
export const relay: Command = {
  data: describe(
    new SlashCommandBuilder().setName('relay').setNameLocalizations(localizedName('relay')),
    'bot.command.relay.description',
  )
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) => describe(sub.setName('status'), 'bot.command.relay.status.description'))
    .addSubcommand((sub) => describe(sub.setName('pass'), 'bot.command.relay.pass.description'))
    .addSubcommand((sub) =>
      describe(sub.setName('nominate'), 'bot.command.relay.nominate.description')
        // A string with autocomplete over the candidates, not a user option offering everyone.
        .addStringOption((o) =>
          describe(o.setName('member'), 'bot.command.relay.opt.member')
            .setRequired(true)
            .setAutocomplete(true),
        )
        .addIntegerOption((o) =>
          describe(o.setName('chain'), 'bot.command.relay.opt.chain').setMinValue(1).setMaxValue(1_000_000),
        ),
    ),

  async autocomplete(interaction, ctx) {
    if (!interaction.inCachedGuild()) return void (await interaction.respond([]));
    const candidates = await ctx.services.know.relay.relayCandidates(interaction.guildId, {
      limit: AUTOCOMPLETE_POOL,
    });
    const named = await namedCandidates(interaction.guild, candidates);
    await interaction.respond(candidateChoices(named, interaction.options.getFocused()));
  },

  async execute(interaction, ctx) {
    if (!interaction.inGuild()) throw new UserError('bot.error.guildOnly');
    if (interaction.options.getSubcommand() === 'nominate') return nominateAsOrganiser(interaction, ctx);
    if (interaction.options.getSubcommand() === 'pass') return passOwnBaton(interaction, ctx);
    const tr = await interactionTranslator(ctx, interaction);
    const status = await ctx.services.know.relay.getRelayStatus(interaction.guildId);
    await interaction.reply({ embeds: [relayStatusEmbed(tr, status)], flags: MessageFlags.Ephemeral });
  },
};

/**
 * `/relay pass`: a holder who lost their prompt (an old message, a dismissed reply) gets a fresh
 * one for their baton, privately; nobody is left without a way to pass it on.
 */
async function passOwnBaton(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, interaction.guildId ?? undefined);
  const tr = await interactionTranslator(ctx, interaction);
  const chain = await ctx.services.know.relay.batonOf(guild.id, member.id);
  if (!chain) throw new UserError('bot.connect.relay.noBatonToPass');
  const prompt = await buildNominatePrompt(ctx, tr, guild, {
    excludeUserIds: [member.id],
    batonHolderId: member.id,
    intro: tr('bot.connect.relay.passPrompt', { number: chain.number }),
  });
  await interaction.reply({ ...prompt, flags: MessageFlags.Ephemeral });
}

async function nominateAsOrganiser(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const { guild, member } = await guildAndMember(interaction, interaction.guildId ?? undefined);
  await requireOrganiser(ctx, member);
  // Autocomplete fills in the member's id; a mention or a pasted id works too.
  const typed = interaction.options.getString('member', true).trim();
  const userId = /^<@!?(\d{17,20})>$/.exec(typed)?.[1] ?? (/^\d{17,20}$/.test(typed) ? typed : null);
  if (!userId) throw new UserError('bot.connect.relay.pickFromList');
  const nominee = await findMember(guild, userId);
  const svc = ctx.services;
  const { chain, link, overriddenHolderId } = await svc.know.relay.nominateForOrganiser({
    guildId: guild.id,
    chainNumber: interaction.options.getInteger('chain'),
    nominee: { userId, isBot: nominee?.user.bot ?? false, isMember: nominee !== null },
    now: svc.clock.now(),
  });
  const tr = await interactionTranslator(ctx, interaction);
  await interaction.reply({
    content: tr('bot.connect.relay.organiserNominated', { number: chain.number, nominee: `<@${userId}>` }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
  await announceNomination(ctx, guild, link);
  if (overriddenHolderId) await tellOverriddenHolder(ctx, guild, overriddenHolderId, chain.number);
}

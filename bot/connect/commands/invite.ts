import { ChannelType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { requireOrganiser } from '../../core/preconditions.js';
import { sendableChannel } from '../../core/channels.js';
import { toInviteInfo } from '../flows/invite-tracker.js';
import { createInvite } from '../flows/personal-invite.js';
import { inviteListEmbed } from '../presenters/invite.presenter.js';
import { answerWithPersonalInvite } from '../components/personal-invite.js';

/**
 * `/invite create label:"2025 leavers – Sales"` (organisers), `/invite mine` (everyone's own
 * link) and `/invite list`: cohort invites, personal invites and who brings people in.
 */
export const invite: Command = {
  data: describe(
    new SlashCommandBuilder().setName('invite').setNameLocalizations(localizedName('invite')),
    'bot.command.invite.description',
  )
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      describe(s.setName('create'), 'bot.command.invite.create.description')
        .addStringOption((o) =>
          describe(o.setName('label'), 'bot.command.invite.opt.label').setRequired(true).setMaxLength(100),
        )
        .addChannelOption((o) =>
          describe(o.setName('channel'), 'bot.command.invite.opt.channel').addChannelTypes(
            ChannelType.GuildText,
          ),
        )
        .addIntegerOption((o) =>
          describe(o.setName('max_uses'), 'bot.command.invite.opt.maxUses').setMinValue(0).setMaxValue(100),
        ),
    )
    .addSubcommand((s) => describe(s.setName('mine'), 'bot.command.invite.mine.description'))
    .addSubcommand((s) => describe(s.setName('list'), 'bot.command.invite.list.description')),

  async execute(interaction, ctx) {
    if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
    if (interaction.options.getSubcommand() === 'mine') return answerWithPersonalInvite(interaction, ctx);
    const tr = await interactionTranslator(ctx, interaction);
    const svc = ctx.services;
    const { guild } = interaction;
    if (interaction.options.getSubcommand() === 'list') {
      const [leaderboard, cohorts] = await Promise.all([
        svc.connect.invites.inviteLeaderboard(guild.id),
        svc.connect.invites.cohortStats(guild.id),
      ]);
      await interaction.reply({
        embeds: [inviteListEmbed(tr, leaderboard, cohorts)],
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      return;
    }
    await requireOrganiser(ctx, interaction.member);
    // Checked (and matched to an existing cohort) before Discord creates anything, so a refused
    // label leaves no stray invite behind. Discord's max_length is the client's check, not ours.
    const cohort = await svc.connect.invites.resolveCohortLabel(
      guild.id,
      interaction.options.getString('label', true),
    );
    const label = cohort.label;
    // Several reads and a Discord call follow: acknowledge within Discord's 3 seconds first.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const settings = await svc.kernel.settings.getGuildSettings(guild.id);
    const target =
      interaction.options.getChannel('channel')?.id ?? settings.channels.welcome ?? interaction.channelId;
    const channel = await sendableChannel(guild, target);
    if (!channel || channel.isDMBased() || channel.isThread()) throw new UserError('bot.error.unknownTarget');
    const created = await createInvite(tr, () =>
      guild.invites.create(channel.id, {
        maxAge: 0,
        maxUses: interaction.options.getInteger('max_uses') ?? 0,
        unique: true,
        reason: `Tsunagu cohort invite: ${label}`,
      }),
    );
    const saved = await svc.connect.invites.createCohortInvite({
      guildId: guild.id,
      invite: toInviteInfo(created),
      label,
      createdBy: interaction.user.id,
    });
    const text = saved.merged ? 'bot.connect.invite.createdMerged' : 'bot.connect.invite.created';
    await interaction.editReply({
      content: tr(text, { label: saved.label, url: created.url }),
      allowedMentions: { parse: [] },
    });
  },
};

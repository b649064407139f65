import { ChannelType, InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { naming, requireOrganiser } from '../../core/preconditions.js';
import { sendableChannel } from '../../core/channels.js';
import { toInviteInfo } from '../flows/invite-tracker.js';
import { inviteListEmbed } from '../presenters/invite.presenter.js';

/** `/invite create label:"2025 leavers – Sales"` (organisers) and `/invite list`: cohort invites and who brings people in. */
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
    .addSubcommand((s) => describe(s.setName('list'), 'bot.command.invite.list.description')),

  async execute(interaction, ctx) {
    if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
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
    const label = interaction.options.getString('label', true);
    // Checked before Discord creates anything, so a bad label leaves no stray invite behind.
    if (label.trim() === '') throw new UserError('connect.invite.error.labelEmpty');
    const settings = await svc.kernel.settings.getGuildSettings(guild.id);
    const target =
      interaction.options.getChannel('channel')?.id ?? settings.channels.welcome ?? interaction.channelId;
    const channel = await sendableChannel(guild, target);
    if (!channel || channel.isDMBased() || channel.isThread()) throw new UserError('bot.error.unknownTarget');
    const created = await naming('bot.permission.CreateInstantInvite', tr, () =>
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
    await interaction.reply({
      content: tr('bot.connect.invite.created', { label: saved.label, url: created.url }),
      flags: MessageFlags.Ephemeral,
    });
  },
};

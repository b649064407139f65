import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type GuildMember,
} from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator, type BotContext } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { introEmbed, type Audience } from '../presenters/intro.presenter.js';
import { introModal } from '../presenters/intro-modal.presenter.js';
import { deleteConfirmation, exportMessage, visibilityPrompt } from '../presenters/profile.presenter.js';

/** `/profile view|edit|visibility|export|delete`: a member's own profile and data rights. */
export const profile: Command = {
  data: describe(
    new SlashCommandBuilder().setName('profile').setNameLocalizations(localizedName('profile')),
    'bot.command.profile.description',
  )
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((sub) =>
      describe(sub.setName('view'), 'bot.command.profile.view.description').addUserOption((o) =>
        describe(o.setName('user'), 'bot.command.profile.opt.user'),
      ),
    )
    .addSubcommand((sub) => describe(sub.setName('edit'), 'bot.command.profile.edit.description'))
    .addSubcommand((sub) => describe(sub.setName('visibility'), 'bot.command.profile.visibility.description'))
    .addSubcommand((sub) => describe(sub.setName('export'), 'bot.command.profile.export.description'))
    .addSubcommand((sub) => describe(sub.setName('delete'), 'bot.command.profile.delete.description')),

  async execute(interaction, ctx) {
    if (!interaction.inGuild()) throw new UserError('bot.error.guildOnly');
    const { guild, member } = await guildAndMember(interaction, interaction.guildId);
    const tr = await interactionTranslator(ctx, interaction);
    const svc = ctx.services;
    const sub = interaction.options.getSubcommand();
    const ephemeral = { flags: MessageFlags.Ephemeral } as const;
    if (sub === 'view') return view(interaction, ctx, member);
    if (sub === 'delete')
      return void (await interaction.reply({ ...deleteConfirmation(tr, guild.id), ...ephemeral }));
    if (sub === 'export') {
      const data = await svc.kernel.personalData.exportPersonalData(guild.id, member.id, svc.clock.now());
      return void (await interaction.reply({ ...exportMessage(tr, data), ...ephemeral }));
    }
    const own = await svc.know.profiles.getProfile(guild.id, member.id);
    // Edit doubles as the way in for members who never got the intro button (joined before Tsunagu).
    if (sub === 'edit') {
      const modal = introModal(tr, { guildId: guild.id, profile: own, edit: !!own?.introducedAt });
      return void (await interaction.showModal(modal));
    }
    if (!own?.introducedAt)
      throw new UserError('bot.connect.profile.notIntroduced', { user: `<@${member.id}>` });
    await interaction.reply({ ...visibilityPrompt(tr, guild.id, own), ...ephemeral });
  },
};

/** Shows a profile: all fields to alumni (and to its owner, with the staff-visible ones marked), staff-visible ones to others. */
async function view(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  viewer: GuildMember,
): Promise<void> {
  const tr = await interactionTranslator(ctx, interaction);
  const target = interaction.options.getUser('user') ?? interaction.user;
  const svc = ctx.services;
  const found = await svc.know.profiles.getProfile(viewer.guild.id, target.id);
  if (!found?.introducedAt || found.leftAt)
    throw new UserError('bot.connect.profile.notIntroduced', { user: `<@${target.id}>` });
  const { roles } = await svc.kernel.settings.getGuildSettings(viewer.guild.id);
  const own = target.id === viewer.id;
  const audience: Audience =
    own || !roles.alumni || viewer.roles.cache.has(roles.alumni) ? 'alumni' : 'staff';
  const embed = introEmbed(tr, found, {
    audience,
    markStaffVisible: own,
    avatarUrl: target.displayAvatarURL(),
  });
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

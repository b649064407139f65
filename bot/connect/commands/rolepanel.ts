import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type Role,
} from 'discord.js';
import type { Command } from '../../core/command.js';
import { describe, localizedName } from '../../core/localize.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { naming, requireOrganiser } from '../../core/preconditions.js';
import { rolePanelMessage } from '../presenters/rolepanel.presenter.js';
import { firstElevatedRole } from './rolepanel-elevated.js';

/** Role options on `/rolepanel create` (Discord allows 25 options per command). */
const ROLE_OPTIONS = 10;

/** `/rolepanel create`: posts a persistent self-assign panel of buttons or a select, stored by id. */
export const rolepanel: Command = {
  data: describe(
    new SlashCommandBuilder().setName('rolepanel').setNameLocalizations(localizedName('rolepanel')),
    'bot.command.rolepanel.description',
  )
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageRoles)
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) => {
      describe(s.setName('create'), 'bot.command.rolepanel.create.description')
        .addRoleOption((o) =>
          describe(o.setName('role1'), 'bot.command.rolepanel.opt.role').setRequired(true),
        )
        .addStringOption((o) =>
          describe(o.setName('title'), 'bot.command.rolepanel.opt.title').setMaxLength(200),
        )
        .addStringOption((o) =>
          describe(o.setName('mode'), 'bot.command.rolepanel.opt.mode').addChoices(
            { name: 'buttons', value: 'buttons' },
            { name: 'select', value: 'select' },
          ),
        )
        .addIntegerOption((o) =>
          describe(o.setName('max'), 'bot.command.rolepanel.opt.max').setMinValue(1).setMaxValue(25),
        );
      for (let i = 2; i <= ROLE_OPTIONS; i++)
        s.addRoleOption((o) => describe(o.setName(`role${i}`), 'bot.command.rolepanel.opt.role'));
      return s;
    }),

  async execute(interaction, ctx) {
    if (!interaction.inCachedGuild()) throw new UserError('bot.error.guildOnly');
    await requireOrganiser(ctx, interaction.member);
    const tr = await interactionTranslator(ctx, interaction);
    const { guild } = interaction;
    const roles: Role[] = [];
    for (let i = 1; i <= ROLE_OPTIONS; i++) {
      const role = interaction.options.getRole(`role${i}`);
      if (role && !roles.some((r) => r.id === role.id))
        roles.push(guild.roles.cache.get(role.id) ?? (role as Role));
    }
    const me = guild.members.me ?? (await guild.members.fetchMe());
    const ungrantable = roles.find(
      (r) => r.managed || r.id === guild.id || r.position >= me.roles.highest.position,
    );
    if (ungrantable)
      throw new UserError('bot.connect.rolepanel.cannotGrant', { role: `<@&${ungrantable.id}>` });
    // Anyone may press a panel: a role with staff permissions (or Tsunagu's staff roles, which
    // open the dashboard) would hand them out to everyone.
    const elevated = firstElevatedRole(roles);
    if (elevated)
      throw new UserError('bot.connect.rolepanel.elevated', {
        role: `<@&${elevated.role.id}>`,
        permissions: elevated.permissions.map((p) => tr(`bot.permission.${p}`)).join(', '),
      });
    const { roles: staff } = await ctx.services.kernel.settings.getGuildSettings(guild.id);
    const staffRole = roles.find((r) => r.id === staff.organiser || r.id === staff.moderator);
    if (staffRole) throw new UserError('bot.connect.rolepanel.staffRole', { role: `<@&${staffRole.id}>` });
    const channel = interaction.channel;
    if (!channel?.isSendable()) throw new UserError('bot.error.unknownTarget');

    const svc = ctx.services.connect.rolePanels;
    const panel = await svc.createRolePanel({
      guildId: guild.id,
      channelId: channel.id,
      title: interaction.options.getString('title'),
      mode: interaction.options.getString('mode') === 'select' ? 'select' : 'buttons',
      maxPicks: interaction.options.getInteger('max') ?? roles.length,
      options: roles.map((r) => ({ roleId: r.id, label: r.name.slice(0, 80) })),
    });
    const message = await naming('bot.permission.SendMessages', tr, () =>
      channel.send(rolePanelMessage(tr, panel)),
    );
    await svc.attachPanelMessage(panel.panelId, message.id);
    await interaction.reply({ content: tr('bot.connect.rolepanel.created'), flags: MessageFlags.Ephemeral });
  },
};

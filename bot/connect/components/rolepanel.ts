import { MessageFlags } from 'discord.js';
import type { ComponentFamily } from '../../core/component.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { naming } from '../../core/preconditions.js';
import { roleChangeText } from '../presenters/rolepanel.presenter.js';
import { firstElevatedRole } from '../commands/rolepanel-elevated.js';
import type { SelectionOutcome, ToggleOutcome } from '../../../shared/connect/role-panel.service.js';

/**
 * Role panel clicks, `rolepanel:toggle:<panelId>:<roleId>` and `rolepanel:select:<panelId>`. The
 * panel is loaded from the database by the id in the custom id (nothing cached, so it works after
 * a restart); the service decides what to add and remove; only roles the member lacks are added.
 * Clicking twice is harmless: the second click computes from the member's roles after the first.
 */
export const rolePanelComponents: ComponentFamily = {
  prefix: 'rolepanel',

  async button(interaction, [action, panelId, roleId], ctx) {
    if (action !== 'toggle' || !panelId || !roleId) throw new UserError('bot.error.expiredComponent');
    const { member } = await guildAndMember(interaction, interaction.guildId ?? undefined);
    const outcome = await ctx.services.connect.rolePanels.togglePanelRole({
      panelId,
      memberRoleIds: [...member.roles.cache.keys()],
      clickedRoleId: roleId,
    });
    await apply(interaction, ctx, member, outcome);
  },

  async select(interaction, [action, panelId], ctx) {
    if (action !== 'select' || !panelId || !interaction.isStringSelectMenu())
      throw new UserError('bot.error.expiredComponent');
    const { member } = await guildAndMember(interaction, interaction.guildId ?? undefined);
    const outcome = await ctx.services.connect.rolePanels.selectPanelRoles({
      panelId,
      memberRoleIds: [...member.roles.cache.keys()],
      selectedRoleIds: interaction.values,
    });
    await apply(interaction, ctx, member, outcome);
  },
};

type PanelInteraction =
  | Parameters<NonNullable<ComponentFamily['button']>>[0]
  | Parameters<NonNullable<ComponentFamily['select']>>[0];

async function apply(
  interaction: PanelInteraction,
  ctx: Parameters<NonNullable<ComponentFamily['button']>>[2],
  member: Awaited<ReturnType<typeof guildAndMember>>['member'],
  outcome: ToggleOutcome | SelectionOutcome,
): Promise<void> {
  const tr = await interactionTranslator(ctx, interaction);
  if (outcome.kind === 'limitReached')
    throw new UserError('connect.rolePanel.limitReached', { max: outcome.maxPicks });
  if (outcome.kind === 'notOnPanel') throw new UserError('bot.error.expiredComponent');
  // Checked on every press, not only at /rolepanel create: a role may have gained staff
  // permissions, or become Tsunagu's organiser or moderator role, since the panel was posted.
  if (outcome.add.length) {
    const roles = outcome.add.flatMap((id) => member.guild.roles.cache.get(id) ?? []);
    const { roles: staff } = await ctx.services.kernel.settings.getGuildSettings(member.guild.id);
    const refused =
      firstElevatedRole(roles)?.role.id ??
      outcome.add.find((id) => id === staff.organiser || id === staff.moderator);
    if (refused) throw new UserError('bot.connect.rolepanel.refusedOnPress', { role: `<@&${refused}>` });
  }
  await naming('bot.permission.ManageRoles', tr, async () => {
    if (outcome.remove.length) await member.roles.remove(outcome.remove, 'Tsunagu role panel');
    if (outcome.add.length) await member.roles.add(outcome.add, 'Tsunagu role panel');
  });
  await interaction.reply({
    content: roleChangeText(tr, outcome.add, outcome.remove),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

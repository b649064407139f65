import type { ComponentFamily } from '../../core/component.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { eraseMember } from '../flows/erase-member.js';
import { once } from '../../core/once.js';
import { erasureConfirmation, visibilitySaved } from '../presenters/profile.presenter.js';
import { ASKED_VISIBILITY_FIELDS } from '../../../shared/kernel/profile-attributes.js';

/**
 * `/profile` components, `profile:<action>:<guildId>`: visibility (the fields staff may see),
 * delete (erase every trace of the member's personal data and remove the intro post), cancel.
 */
export const profileComponents: ComponentFamily = {
  prefix: 'profile',

  async select(interaction, [action, guildId], ctx) {
    if (action !== 'visibility' || !interaction.isStringSelectMenu())
      throw new UserError('bot.error.expiredComponent');
    const { guild, member } = await guildAndMember(interaction, guildId);
    const chosen = new Set(interaction.values);
    // Only the offered fields are set; anything else (never asked) keeps its stored level.
    const visibility = Object.fromEntries(
      ASKED_VISIBILITY_FIELDS.map((f) => [f, chosen.has(f) ? 'staff' : 'alumni']),
    );
    const saved = await ctx.services.know.profiles.setVisibility({
      guildId: guild.id,
      userId: member.id,
      visibility,
    });
    const tr = await interactionTranslator(ctx, interaction);
    await interaction.update({ content: visibilitySaved(tr, saved), components: [] });
  },

  async button(interaction, [action, guildId], ctx) {
    const tr = await interactionTranslator(ctx, interaction);
    if (action === 'cancel')
      return void (await interaction.update({
        content: tr('bot.connect.profile.deleteCancelled'),
        components: [],
      }));
    if (action !== 'delete') throw new UserError('bot.error.expiredComponent');
    const guild = guildId ? interaction.client.guilds.cache.get(guildId) : undefined;
    if (!guild) throw new UserError('bot.error.expiredComponent');
    const userId = interaction.user.id;
    // Erasure works for members who already left too: it is their right either way.
    const ran = await once(ctx, `erase:${guild.id}:${userId}`, async () => {
      // Removing messages one by one can outlast Discord's 3 seconds: acknowledge first.
      await interaction.deferUpdate();
      const outcome = await eraseMember(ctx, guild, userId);
      await interaction.editReply({ content: erasureConfirmation(tr, guild.id, outcome), components: [] });
    });
    if (!ran) await interaction.reply({ content: tr('bot.connect.intro.inProgress'), flags: 64 });
  },
};

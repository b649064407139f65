import type { ComponentFamily } from '../../core/component.js';
import { interactionTranslator } from '../../context.js';
import { UserError } from '../../core/user-error.js';
import { guildAndMember } from '../../core/guild-of.js';
import { deleteIntroMessage } from '../flows/intro-publish.js';
import { once } from '../../core/once.js';
import { visibilitySaved } from '../presenters/profile.presenter.js';
import { VISIBILITY_FIELDS } from '../../../shared/kernel/profile-attributes.js';

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
    const visibility = Object.fromEntries(
      VISIBILITY_FIELDS.map((f) => [f, chosen.has(f) ? 'staff' : 'alumni']),
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
      const svc = ctx.services;
      const report = await svc.kernel.personalData.erasePersonalData(guild.id, userId, svc.clock.now());
      for (const { channelId, messageId } of report.messagesToRemove) {
        await deleteIntroMessage(guild, channelId, messageId).catch((error: unknown) =>
          ctx.logger.warn(
            { err: error, guildId: guild.id },
            'could not delete the intro post of an erased profile',
          ),
        );
      }
      await interaction.update({ content: tr('bot.connect.profile.deleted'), components: [] });
    });
    if (!ran) await interaction.reply({ content: tr('bot.connect.intro.inProgress'), flags: 64 });
  },
};

void guildAndMember;

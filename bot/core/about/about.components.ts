import type { ComponentFamily } from '../component.js';
import { UserError } from '../user-error.js';
import { interactionTranslator } from '../../context.js';
import { aboutFacts } from './about.command.js';
import { aboutMessage } from './about.presenter.js';

/** Buttons on the /about message: `about:refresh` re-reads the facts and updates the message in place. */
export const aboutComponents: ComponentFamily = {
  prefix: 'about',
  async button(interaction, [action], ctx) {
    if (action !== 'refresh') throw new UserError('bot.error.expiredComponent');
    const tr = await interactionTranslator(ctx, interaction);
    await interaction.update(aboutMessage(tr, aboutFacts(interaction.client, ctx)));
  },
};

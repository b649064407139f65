import type { AnySelectMenuInteraction, ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { UserError } from './user-error.js';
import { parseCustomId, SEPARATOR } from './custom-id.js';
import type { ComponentFamily, ComponentRegistry } from './component.js';

/** Indexes families by prefix; a duplicate or malformed prefix stops start-up. */
export function buildComponentRegistry(families: readonly ComponentFamily[]): ComponentRegistry {
  const registry = new Map<string, ComponentFamily>();
  for (const family of families) {
    if (!family.prefix || family.prefix.includes(SEPARATOR)) {
      throw new Error(`invalid component prefix: "${family.prefix}"`);
    }
    if (registry.has(family.prefix)) throw new Error(`duplicate component prefix: ${family.prefix}`);
    registry.set(family.prefix, family);
  }
  return registry;
}

export type RoutableInteraction = ButtonInteraction | AnySelectMenuInteraction | ModalSubmitInteraction;

/**
 * Sends a button, select or modal submission to its family's handler. Unknown prefixes (a
 * family removed since the message was posted) get a clear "no longer active" answer.
 */
export async function routeComponent(interaction: RoutableInteraction, ctx: BotContext): Promise<void> {
  const { prefix, args } = parseCustomId(interaction.customId);
  const family = ctx.components.get(prefix);
  if (interaction.isButton() && family?.button) return family.button(interaction, args, ctx);
  if (interaction.isAnySelectMenu() && family?.select) return family.select(interaction, args, ctx);
  if (interaction.isModalSubmit() && family?.modal) return family.modal(interaction, args, ctx);
  throw new UserError('bot.error.expiredComponent');
}

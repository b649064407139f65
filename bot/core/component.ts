import type { AnySelectMenuInteraction, ButtonInteraction, ModalSubmitInteraction } from 'discord.js';
import type { BotContext } from '../context.js';

/**
 * One family of message components and modals sharing a custom id prefix (`prefix:args…`).
 * Implement only the kinds the family uses; a kind without a handler answers "no longer active".
 */
export interface ComponentFamily {
  prefix: string;
  button?(interaction: ButtonInteraction, args: string[], ctx: BotContext): Promise<void>;
  select?(interaction: AnySelectMenuInteraction, args: string[], ctx: BotContext): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, args: string[], ctx: BotContext): Promise<void>;
}

/** Component families by prefix. */
export type ComponentRegistry = ReadonlyMap<string, ComponentFamily>;

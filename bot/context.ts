import type { Agenda } from 'agenda';
import type { Clock } from '../shared/clock.js';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { HealthService } from '../shared/health/index.js';
import type { KernelServices } from '../shared/kernel/services.js';
import { pickLocale, t, translator, type Locale, type Translator } from '../shared/i18n/index.js';
import type {
  AnySelectMenuInteraction,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { KeyedQueue } from '../shared/keyed-queue.js';

/**
 * The services handlers call, built once by the composition root (bot/start-bot.ts) from the
 * slices' descriptors. Each slice adds its own entry by declaration merging in its index.ts
 * (`declare module '../context.js' { interface BotServices { know: KnowServices } }`).
 */
export interface BotServices {
  health: HealthService;
  clock: Clock;
  kernel: KernelServices;
}

/** One slash command: its definition (a SlashCommandBuilder) and its handler. */
export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** Commands by name, built from the slices' commands. */
export type CommandRegistry = ReadonlyMap<string, Command>;

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

/** Per-guild answers the core needs from the slices (locale from the settings, roles to grant). */
export interface GuildHooks {
  /** The guild's configured locale ("ja" | "en"), if any. */
  locale(guildId: string): Promise<string | undefined>;
  /** Role ids the bot must be able to grant in this guild (checked against the role hierarchy). */
  rolesToGrant(guildId: string): Promise<string[]>;
}

// Command and ComponentFamily live here with the container they receive, so the handler types
// and the context do not import each other (bot/core/command.ts and component.ts re-export them).

/**
 * The typed container every handler receives (Sapphire's "container", without globals): tests
 * build one with fakes, production builds it in the composition root.
 */
export interface BotContext {
  logger: Logger;
  config: Config;
  /** Package version shown by /about. */
  version: string;
  services: BotServices;
  guilds: GuildHooks;
  i18n: { t: typeof t; pickLocale: typeof pickLocale; translator: typeof translator };
  commands: CommandRegistry;
  components: ComponentRegistry;
  /** Present once the scheduler is wired (worker process). */
  agenda?: Agenda;
  /** This bot's in-process state: per-guild queues and the actions in flight (double clicks). */
  runtime: { joins: KeyedQueue; inFlight: Set<string> };
}

export const i18n: BotContext['i18n'] = { t, pickLocale, translator };

/**
 * The locale to answer an interaction in: the user's Discord locale when we support it, else the
 * guild's configured locale, else the guild's Discord locale, else the configured default.
 */
export async function interactionLocale(
  ctx: BotContext,
  interaction: { locale?: string | null; guildLocale?: string | null; guildId: string | null },
): Promise<Locale> {
  const configured = interaction.guildId
    ? await ctx.guilds.locale(interaction.guildId).catch(() => undefined)
    : undefined;
  return pickLocale(interaction.locale, configured ?? interaction.guildLocale ?? ctx.config.defaultLocale);
}

/** A translator for an interaction's locale (see interactionLocale). */
export async function interactionTranslator(
  ctx: BotContext,
  interaction: Parameters<typeof interactionLocale>[1],
): Promise<Translator> {
  return translator(await interactionLocale(ctx, interaction));
}

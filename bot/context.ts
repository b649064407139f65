import type { Agenda } from 'agenda';
import type { Config } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import type { HealthService } from '../shared/health/index.js';
import { pickLocale, t, translator, type Locale, type Translator } from '../shared/i18n/index.js';
import type { CommandRegistry } from './commands/types.js';
import type { ComponentRegistry } from './components/types.js';
import type { ConnectServices } from './features/connect/services.js';

/**
 * Domain services the handlers call. Start-up wiring (bot/start-bot.ts) fills it; features add
 * their service here (e.g. `profiles`, `guildSettings`) and in the composition root.
 */
export interface BotServices {
  health: HealthService;
  /** Connect & Know (welcome, intros, relay, invites, role panels); default: the shipped services. */
  connect?: ConnectServices;
}

/** Hooks the guild-settings feature provides; defaults make the skeleton work without it. */
export interface GuildHooks {
  /** The guild's configured locale ("ja" | "en"), if any. */
  locale(guildId: string): Promise<string | undefined>;
  /** Role ids the bot must be able to grant in this guild (checked against the role hierarchy). */
  rolesToGrant(guildId: string): Promise<string[]>;
}

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
}

/** Default hooks: no per-guild settings yet. */
export const defaultGuildHooks: GuildHooks = {
  locale: async () => undefined,
  rolesToGrant: async () => [],
};

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

import type { Agenda } from 'agenda';
import type { Client } from 'discord.js';
import type { GuildSettingsView } from '../../shared/kernel/guild-settings.service.js';
import type { PersonalDataPart } from '../../shared/kernel/personal-data.service.js';
import type { ServiceDeps } from '../../shared/kernel/services.js';
import type { BotContext, BotServices } from '../context.js';
import type { Command } from './command.js';
import type { ComponentFamily } from './component.js';
import type { AnyBotEvent } from './event.js';

/**
 * A bot slice's contract (one per product step): what it registers and what it needs. The
 * composition root (bot/start-bot.ts) iterates bot/features.ts; nothing else lists slices.
 */
export interface BotFeature {
  /** The product step: core, connect, know, deepen, insights. */
  name: string;
  commands?: readonly Command[];
  components?: readonly ComponentFamily[];
  events?: readonly AnyBotEvent[];
  /** Builds this slice's services; merged into `ctx.services` (typed by declaration merging). */
  services?(deps: ServiceDeps): Partial<BotServices>;
  /** What this slice stores about a person, for `/profile export` and `/profile delete`. */
  personalData?: readonly PersonalDataPart[];
  /** Role ids this slice grants in a guild (the start-up checks verify the bot can). */
  rolesToGrant?(settings: GuildSettingsView): readonly (string | null | undefined)[];
  /** Defines the slice's agenda jobs; called before the worker starts agenda. */
  defineJobs?(agenda: Agenda, ctx: BotContext, client: Client): void;
  /**
   * Runs when the bot stops, after the scheduler has stopped and its running jobs finished (or
   * their bound passed) and after the client is destroyed (no more gateway events), before the
   * database stops: e.g. the last write of buffered counters.
   */
  stop?(ctx: BotContext): Promise<void>;
}

/**
 * One slice's descriptor built from its parts (a large slice such as deepen keeps mixers and
 * events in their own folders, each with a part): lists concatenate, services merge, every
 * part's jobs are defined.
 */
export function combineFeatures(name: string, parts: readonly BotFeature[]): BotFeature {
  return {
    name,
    commands: parts.flatMap((p) => p.commands ?? []),
    components: parts.flatMap((p) => p.components ?? []),
    events: parts.flatMap((p) => p.events ?? []),
    services: (deps) =>
      Object.assign({}, ...parts.map((p) => p.services?.(deps) ?? {})) as Partial<BotServices>,
    personalData: parts.flatMap((p) => p.personalData ?? []),
    rolesToGrant: (settings) => parts.flatMap((p) => p.rolesToGrant?.(settings) ?? []),
    defineJobs: (agenda, ctx, client) => {
      for (const part of parts) part.defineJobs?.(agenda, ctx, client);
    },
    stop: async (ctx) => {
      for (const part of parts) await part.stop?.(ctx);
    },
  };
}

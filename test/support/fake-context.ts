import { createMixerServices } from '../../shared/deepen/mixer/services.js';
import { createEventsServices } from '../../shared/deepen/events/services.js';
import { loadConfig } from '../../shared/config.js';
import { silentLogger, type Logger } from '../../shared/logger.js';
import type { HealthProblem, HealthService } from '../../shared/health/index.js';
import { i18n, type BotContext, type GuildHooks } from '../../bot/context.js';
import { KeyedQueue } from '../../shared/keyed-queue.js';
import { systemClock } from '../../shared/clock.js';
import { createKernelServices } from '../../shared/kernel/services.js';
import { createConnectServices } from '../../shared/connect/services.js';
import { createKnowServices } from '../../shared/know/services.js';
import { createInsightsServices } from '../../shared/insights/services.js';
import { buildCommandRegistry } from '../../bot/core/command-registry.js';
import { buildComponentRegistry } from '../../bot/core/component-router.js';
import type { Command } from '../../bot/core/command.js';
import type { ComponentFamily } from '../../bot/core/component.js';

export interface HealthCall {
  scope: string;
  problems: HealthProblem[];
}

/** A health service that remembers what was recorded, for unit tests without a database. */
export function recordingHealth(): HealthService & { calls: HealthCall[] } {
  const calls: HealthCall[] = [];
  const report = (scope: string, problems: HealthProblem[]) => ({
    scope,
    ok: problems.length === 0,
    problems,
    checkedAt: new Date(),
  });
  return {
    calls,
    recordGuildHealth: async (guildId, problems) => (
      calls.push({ scope: guildId, problems }),
      report(guildId, problems)
    ),
    recordGlobalHealth: async (problems) => (
      calls.push({ scope: 'global', problems }),
      report('global', problems)
    ),
    getGuildHealth: async () => ({}),
    clearGuildHealth: async () => undefined,
  };
}

/** A BotContext with fakes: silent logger, test config, recording health service. */
export function fakeContext(
  overrides: {
    logger?: Logger;
    commands?: Command[];
    components?: ComponentFamily[];
    guilds?: Partial<GuildHooks>;
    health?: HealthService;
  } = {},
): BotContext {
  const logger = overrides.logger ?? silentLogger();
  const deps = { clock: systemClock, logger };
  return {
    logger,
    config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
    version: '1.2.3',
    services: {
      health: overrides.health ?? recordingHealth(),
      clock: systemClock,
      kernel: createKernelServices(deps),
      connect: createConnectServices(deps),
      know: createKnowServices(deps),
      insights: createInsightsServices(deps),
      mixer: createMixerServices(deps),
      deepenEvents: createEventsServices(deps),
    },
    guilds: { locale: async () => undefined, rolesToGrant: async () => [], ...overrides.guilds },
    i18n,
    commands: buildCommandRegistry(overrides.commands ?? []),
    components: buildComponentRegistry(overrides.components ?? []),
    runtime: { joins: new KeyedQueue(), inFlight: new Set() },
  };
}

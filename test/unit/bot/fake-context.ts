import { loadConfig } from '../../../shared/config.js';
import { silentLogger, type Logger } from '../../../shared/logger.js';
import type { HealthProblem, HealthService } from '../../../shared/health/index.js';
import { defaultGuildHooks, i18n, type BotContext, type GuildHooks } from '../../../bot/context.js';
import { buildCommandRegistry } from '../../../bot/commands/registry.js';
import { buildComponentRegistry } from '../../../bot/components/router.js';
import type { Command } from '../../../bot/commands/types.js';
import type { ComponentFamily } from '../../../bot/components/types.js';

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
  return {
    logger: overrides.logger ?? silentLogger(),
    config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
    version: '1.2.3',
    services: { health: overrides.health ?? recordingHealth() },
    guilds: { ...defaultGuildHooks, ...overrides.guilds },
    i18n,
    commands: buildCommandRegistry(overrides.commands ?? []),
    components: buildComponentRegistry(overrides.components ?? []),
  };
}

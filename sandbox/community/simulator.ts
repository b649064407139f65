/**
 * Simulated alumni acting as people do, through the emulator's drivers only (exactly what a
 * real member's Discord client would send): they join through cohort invites; the bot under
 * test does the rest. A first wave arrives quickly so the dashboard has data, then one
 * newcomer every `intervalMs`.
 */
import type { Logger } from '../../shared/logger.js';
import type { DiscordEmulator } from '../discord/index.js';
import { driversFor } from '../discord/drivers.js';
import type { DemoCommunity } from './seed.js';

export interface SimulationOptions {
  emulator: DiscordEmulator;
  demo: DemoCommunity;
  logger: Logger;
  /** How many alumni arrive in the first wave (default: 60% of them). */
  firstWave?: number;
  /** Pause between arrivals in the first wave / afterwards. */
  firstWaveIntervalMs?: number;
  intervalMs?: number;
}

export interface RunningSimulation {
  stop(): void;
}

/** Starts the simulation; `stop()` ends it after the current step. */
export function startCommunitySimulation(options: SimulationOptions): RunningSimulation {
  const { emulator, demo, logger } = options;
  const drivers = driversFor(emulator);
  const firstWave = options.firstWave ?? Math.floor(demo.alumni.length * 0.6);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let next = 0;

  const step = async (): Promise<void> => {
    const person = demo.alumni[next];
    if (!person || stopped) return;
    const invite = demo.invites[next % demo.invites.length];
    next += 1;
    try {
      drivers.memberJoin(demo.guildId, person.user.id, invite ? { inviteCode: invite.code } : {});
      logger.debug({ userId: person.user.id, invite: invite?.label }, 'simulated alumnus joined');
    } catch (error) {
      logger.warn({ err: error, userId: person.user.id }, 'simulated join failed');
    }
  };

  const schedule = (): void => {
    if (stopped || next >= demo.alumni.length) return;
    const delay = next < firstWave ? (options.firstWaveIntervalMs ?? 150) : (options.intervalMs ?? 20_000);
    timer = setTimeout(() => {
      void step().finally(schedule);
    }, delay);
  };
  schedule();

  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

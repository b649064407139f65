/**
 * The sandbox's simulated community, acting only through the emulator's drivers (exactly what
 * real Discord clients would send): the organiser runs /setup and creates cohort invites with
 * /invite create; alumni join through those invites or through the personal invites of a few
 * well-connected alumni (invites.ts), most introduce themselves through the
 * bot's DM button, modal and survey, and nominate the next person for the intro relay. The bot
 * under test does everything else. A first wave arrives quickly so the dashboard has data, then
 * one newcomer every `intervalMs`.
 */
import type { Logger } from '../../shared/logger.js';
import type { DiscordEmulator } from '../discord/index.js';
import { driversFor, type Drivers } from '../discord/drivers.js';
import { prng } from './alumni-generator.js';
import { introduce, nominateNext } from './introducer.js';
import { inviteNetwork, type InviteNetworkOptions } from './invites.js';
import type { DemoCommunity } from './seed.js';

export interface SimulationOptions {
  emulator: DiscordEmulator;
  demo: DemoCommunity;
  logger: Logger;
  /** How many alumni arrive in the first wave (default: 60% of them). */
  firstWave?: number;
  /** Pause between arrivals in the first wave, and afterwards. */
  firstWaveIntervalMs?: number;
  intervalMs?: number;
  /** Share of alumni who introduce themselves (default 0.75). */
  introRate?: number;
  /** Word of mouth: how many arrivals come through connectors' personal invites (sandbox/community/invites.ts). */
  invites?: InviteNetworkOptions;
}

export interface RunningSimulation {
  /** Resolves once the organiser's set-up (settings, cohort invites) is done. */
  ready: Promise<void>;
  stop(): void;
}

/** The organiser configures Tsunagu and creates the cohort invites, as a person would with slash commands. */
export async function organiserSetup(
  emulator: DiscordEmulator,
  drivers: Drivers,
  demo: DemoCommunity,
): Promise<void> {
  const { guildId, organiser, channels, roles } = demo;
  const run = (name: string, options: Record<string, string>) =>
    drivers
      .runSlashCommand(guildId, channels.general, organiser.id, name, options, { locale: 'ja' })
      .waitForReply();
  await run('setup channels', {
    welcome: channels.welcome,
    introductions: channels.introductions,
    events: channels.events,
  });
  await run('setup roles', {
    alumni: roles.alumni.id,
    introduced: roles.introduced.id,
    newcomer: roles.newcomer.id,
    organiser: roles.organiser.id,
    moderator: roles.moderator.id,
  });
  for (const cohort of demo.cohorts) {
    // A restarted sandbox already has the invites its first run created.
    if (cohort.code) continue;
    const before = new Set(emulator.state.invites.list(guildId).map((i) => i.code));
    await run('invite create', { label: cohort.label });
    const created = emulator.state.invites.list(guildId).find((i) => !before.has(i.code));
    if (!created) throw new Error(`/invite create made no invite for ${cohort.label}`);
    cohort.code = created.code;
  }
}

/** Starts the simulation; `stop()` ends it after the current step. */
export function startCommunitySimulation(options: SimulationOptions): RunningSimulation {
  const { emulator, demo, logger } = options;
  const drivers = driversFor(emulator);
  const random = prng(7);
  const firstWave = options.firstWave ?? Math.floor(demo.alumni.length * 0.6);
  const introRate = options.introRate ?? 0.75;
  // After a restart: those who arrived and introduced themselves before it are not driven again.
  const introduced = new Set<string>(
    demo.alumni
      .slice(0, demo.arrived)
      .filter((a) =>
        emulator.state.members.find(demo.guildId, a.user.id)?.roles.includes(demo.roles.introduced.id),
      )
      .map((a) => a.user.id),
  );
  const nominated = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const network = inviteNetwork({ drivers, demo, logger, active: () => !stopped, options: options.invites });
  let next = demo.arrived;

  // Among the members the bot offers (those without an intro), someone not already introducing
  // themself or nominated by another simulated holder; else any offered one.
  const pickNominee = (offered: string[], exclude: string): string | undefined => {
    const fresh = offered.filter((id) => id !== exclude && !introduced.has(id) && !nominated.has(id));
    const pool = fresh.length > 0 ? fresh : offered.filter((id) => id !== exclude);
    return pool[Math.floor(random() * pool.length)];
  };

  const introduceSafely = async (index: number): Promise<void> => {
    const person = demo.alumni[index];
    if (!person || introduced.has(person.user.id) || stopped) return;
    introduced.add(person.user.id);
    try {
      const outcome = await introduce(drivers, demo.guildId, person.user.id, person.profile, random);
      const picked = outcome.nominationPrompt
        ? await nominateNext(
            drivers,
            outcome.nominationPrompt,
            demo.guildId,
            person.user.id,
            (offered) => pickNominee(offered, person.user.id),
            person.profile.locale,
          )
        : undefined;
      const nominee = picked?.nomineeId;
      if (nominee) {
        nominated.add(nominee);
        // Most nominees answer the baton within a short while; some let it lapse (the reminder job's case).
        const nomineeIndex = demo.alumni.findIndex((a) => a.user.id === nominee);
        if (random() < 0.7)
          setTimeout(() => void introduceSafely(nomineeIndex), 2_000 + random() * 8_000).unref();
      }
      logger.debug({ userId: person.user.id, nominee }, 'simulated alumnus introduced themself');
    } catch (error) {
      logger.warn({ err: error, userId: person.user.id }, 'simulated intro did not complete');
    }
  };

  const arrive = (): void => {
    const index = next;
    const person = demo.alumni[index];
    if (!person || stopped) return;
    const cohort = demo.cohorts[index % demo.cohorts.length];
    next += 1;
    try {
      const code = network.codeFor(index) ?? cohort?.code;
      drivers.memberJoin(demo.guildId, person.user.id, code ? { inviteCode: code } : {});
      network.arrived(index);
    } catch (error) {
      logger.warn({ err: error, userId: person.user.id }, 'simulated join failed');
      return;
    }
    if (random() < introRate) setTimeout(() => void introduceSafely(index), 300 + random() * 1_500).unref();
  };

  const schedule = (): void => {
    if (stopped || next >= demo.alumni.length) return;
    const delay = next < firstWave ? (options.firstWaveIntervalMs ?? 1_000) : (options.intervalMs ?? 20_000);
    timer = setTimeout(() => {
      arrive();
      schedule();
    }, delay);
  };

  // Every cohort invite exists once the set-up has run (a restarted sandbox): nothing to set up again.
  const setUp = demo.cohorts.every((c) => c.code)
    ? Promise.resolve()
    : organiserSetup(emulator, drivers, demo);
  const ready = setUp.then(
    () => {
      logger.info(
        { cohorts: demo.cohorts.map((c) => c.label) },
        'organiser set up Tsunagu; alumni start arriving',
      );
      schedule();
    },
    (error: unknown) => {
      logger.error({ err: error }, 'the organiser set-up failed; the simulation does not run');
      throw error;
    },
  );

  return {
    ready,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

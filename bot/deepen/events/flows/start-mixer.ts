/**
 * THE one place where an event starts its mixer, through the mixer part's start service
 * (bot/deepen/mixer/flows/start.ts): at once, without the preview an organiser sees for
 * `/mixer start`. The start is claimed once per occurrence (shared/deepen/events/lifecycle.service.ts);
 * a refusal (too few people, a missing permission) is recorded as the occurrence's mixer outcome.
 */
import type { Client, Guild } from 'discord.js';
import type { BotContext } from '../../../context.js';
import { childLogger } from '../../../../shared/logger.js';
import type { OccurrenceView } from '../../../../shared/deepen/events/event-view.js';
import { mixerStarter } from '../../mixer/flows/start.js';
import { DomainError } from '../../../../shared/errors.js';

/** Starts the mixer when this many are in the lobby at or after the start… */
export const mixerThreshold = (groupSize: number): number => groupSize * 2;
/** …or this long after the start, whoever has come. */
export const MIXER_GRACE_MS = 5 * 60_000;

/** What the mixer slice's start service takes (its `startMixer`). */
export interface StartMixerRequest {
  guildId: string;
  lobbyChannelId: string;
  organiserId: string;
  groupSize: number;
  rounds: number;
  minutesPerRound: number;
  strategies: string[];
  theme: string;
  exclude: string[];
  eventId?: string;
}
export type MixerStarter = (request: StartMixerRequest) => Promise<{ mixerId: string }>;

/** The mixer's start service, for this worker's client. */
export function mixerStarterOf(ctx: BotContext, client: Client): MixerStarter {
  return mixerStarter(ctx, client);
}

/** Starts (claims, then asks the mixer to start) the mixer of an active occurrence, once. */
export async function startEventMixer(ctx: BotContext, guild: Guild, occurrenceId: string): Promise<void> {
  const svc = ctx.services.deepenEvents.lifecycle;
  const occ: OccurrenceView | null = await svc.claimMixerStart(occurrenceId);
  if (!occ?.mixer) return;
  const log = childLogger(ctx.logger, { guildId: guild.id, occurrenceId });
  const start = mixerStarterOf(ctx, guild.client);
  try {
    const { mixerId } = await start({
      guildId: guild.id,
      lobbyChannelId: occ.lobbyChannelId,
      organiserId: occ.organiserId,
      groupSize: occ.mixer.groupSize,
      rounds: occ.mixer.rounds,
      minutesPerRound: occ.mixer.minutesPerRound,
      strategies: occ.mixer.strategies,
      theme: occ.theme,
      exclude: [],
      eventId: occurrenceId,
    });
    await svc.recordMixerOutcome(occurrenceId, { state: 'started', mixerId });
  } catch (error) {
    if (error instanceof DomainError) {
      // The mixer refused (too few people, a missing permission): an answer, not a fault.
      log.info({ reason: error.code }, 'the event mixer did not start');
      await svc.recordMixerOutcome(occurrenceId, {
        state: 'notRun',
        detail: error.i18nKey,
        detailVars: plainVars(error.vars),
      });
      return;
    }
    log.warn({ err: error }, 'the event mixer did not start');
    await svc.recordMixerOutcome(occurrenceId, {
      state: 'failed',
      detail: error instanceof Error ? error.message.slice(0, 200) : 'unknown',
    });
  }
}

/** The refusal's variables that can be stored and shown again (strings and numbers). */
function plainVars(vars: object): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(vars).filter(([, v]) => typeof v === 'string' || typeof v === 'number'),
  ) as Record<string, string | number>;
}

/** Steps of a mixer as an organiser takes them through the emulator (start, confirm, wait for a phase). */
import type { APIMessage } from 'discord-api-types/v10';
import { MixerRun } from '../../shared/deepen/mixer/mixer-run.model.js';
import type { MixerWorld } from './mixer-world.js';

/** Every custom id on a message (rows, nested components). */
export function customIdsOf(message: APIMessage): string[] {
  const ids: string[] = [];
  const walk = (list: unknown[]) => {
    for (const raw of list) {
      const c = raw as Record<string, unknown>;
      if (typeof c.custom_id === 'string') ids.push(c.custom_id);
      if (Array.isArray(c.components)) walk(c.components);
    }
  };
  walk(message.components ?? []);
  return ids;
}

/** `/mixer start` by the organiser, then the confirm button; resolves with the run id. */
export async function startAndConfirm(
  w: MixerWorld,
  options: Record<string, string | number | boolean>,
): Promise<{ runId: string; preview: APIMessage }> {
  const preview = await w.drivers
    .runSlashCommand(w.guildId, w.lobbyId, w.organiserId, 'mixer start', options, { locale: 'en-US' })
    .waitForReply(15_000);
  const confirm = customIdsOf(preview).find((id) => id.startsWith('mixer:confirm:'));
  if (!confirm) throw new Error(`no confirm button: ${JSON.stringify(preview)}`);
  await w.drivers.clickButton(preview.id, confirm, w.organiserId, { locale: 'en-US' }).waitForReply();
  return { runId: confirm.split(':')[2]!, preview };
}

/** Waits until the run is in `phase` at round `round` (0-based). */
export async function untilPhase(
  w: MixerWorld,
  runId: string,
  phase: string,
  round?: number,
  timeoutMs = 30_000,
) {
  return w.until(
    async () => {
      // Jobs due by the test clock are pulled on every probe, not once: a step still finishing
      // (a warning's drive) may save a round's job again with its test-clock time, which is far
      // ahead of the real clock agenda runs on, after `passTime` pulled it forward.
      await w.runDueMixerJobs();
      const run = await MixerRun.findOne({ runId }).lean();
      const state = run?.state as { currentRound: number } | undefined;
      return run && run.phase === phase && (round === undefined || state?.currentRound === round)
        ? run
        : null;
    },
    `run ${runId} in ${phase}${round === undefined ? '' : ` round ${round}`}`,
    timeoutMs,
  );
}

/** Moves the clock past the round's end (or its warning) and lets agenda run the due jobs. */
export async function passTime(w: MixerWorld, ms: number): Promise<void> {
  w.clock.advanceMs(ms);
  await w.runDueMixerJobs();
}

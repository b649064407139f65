/**
 * Steps and checks of the mixer crash tests (test/support/mixer-process.ts): an organiser's start
 * and confirm, waiting for a phase, and the clean finish a crash must not spoil (no channel
 * left, everyone in the lobby, pair history and attendance counted once).
 */
import { expect } from 'chai';
import { GatewayDispatchEvents, type APIMessage } from 'discord-api-types/v10';
import { MixerAttendance } from '../../shared/deepen/mixer/mixer-attendance.model.js';
import { MixerRun } from '../../shared/deepen/mixer/mixer-run.model.js';
import { PairHistory } from '../../shared/deepen/mixer/pair-history.model.js';
import { customIdsOf } from './mixer-steps.js';
import type { MixerProcessWorld, MixerWorkerProcess } from './mixer-process.js';

export type StoredRun = NonNullable<Awaited<ReturnType<typeof storedRun>>>;

export function storedRun(runId: string) {
  return MixerRun.findOne({ runId }).lean();
}

/** `/mixer start` by the organiser, then the confirm button; resolves with the run id. */
export async function startAndConfirm(
  w: MixerProcessWorld,
  options: Record<string, string | number | boolean>,
): Promise<string> {
  const preview: APIMessage = await w.drivers
    .runSlashCommand(w.guildId, w.lobbyId, w.organiserId, 'mixer start', options, { locale: 'en-US' })
    .waitForReply(30_000);
  const confirm = customIdsOf(preview).find((id) => id.startsWith('mixer:confirm:'));
  if (!confirm) throw new Error(`no confirm button: ${JSON.stringify(preview)}`);
  await w.drivers.clickButton(preview.id, confirm, w.organiserId, { locale: 'en-US' }).waitForReply(30_000);
  return confirm.split(':')[2]!;
}

/** Waits until the run is in `phase` (at round `round`, 0-based, when given). */
export function untilPhase(
  w: MixerProcessWorld,
  runId: string,
  phase: string,
  round?: number,
  timeoutMs = 60_000,
): Promise<StoredRun> {
  return w.until(
    async () => {
      // Jobs due by the test clock are pulled on every probe, not once: a step still finishing
      // (a warning's drive) may save a round's job again with its test-clock time, which is far
      // ahead of the real clock agenda runs on, after `passTime` pulled it forward.
      await w.runDueMixerJobs();
      const run = await storedRun(runId);
      const state = run?.state as { currentRound: number } | undefined;
      return run && run.phase === phase && (round === undefined || state?.currentRound === round)
        ? run
        : null;
    },
    `run ${runId} in ${phase}${round === undefined ? '' : ` round ${round}`}`,
    timeoutMs,
  );
}

/**
 * Kill point: the `n`th feedback DM (a DM carrying the feedback controls) as the emulator creates
 * it, so the message exists in Discord while the worker never learns it went out.
 */
export function nthFeedbackDm(n: number) {
  let seen = 0;
  return (event: GatewayDispatchEvents, data: Record<string, unknown>): boolean =>
    event === GatewayDispatchEvents.MessageCreate &&
    !data.guild_id &&
    JSON.stringify(data.components ?? []).includes('"mixfb:rate:') &&
    ++seen === n;
}

/** Moves the clock on and lets agenda run the mixer jobs due by then. */
export async function passTime(w: MixerProcessWorld, ms: number): Promise<void> {
  w.advanceMs(ms);
  await w.runDueMixerJobs();
}

/**
 * Passes each round's time until the run is done (a resumed worker may still be moving people:
 * the clock moves on only once a round talks).
 */
export async function playToTheEnd(
  w: MixerProcessWorld,
  runId: string,
  dead: readonly MixerWorkerProcess[],
  timeoutMs = 120_000,
): Promise<StoredRun> {
  const deadIds = new Set(dead.map((d) => d.workerId));
  return w.until(
    async () => {
      const run = await storedRun(runId);
      if (run?.phase === 'done') return run;
      if (run?.phase === 'talking' && run.roundEndsAt) {
        const ahead = run.roundEndsAt.getTime() - w.now().getTime();
        if (ahead > -1000) w.advanceMs(ahead + 1000);
      }
      // A dead worker's lease runs out (a live one's is renewed), and the resume set for then comes due.
      const lease = run?.lease;
      if (lease?.owner && deadIds.has(lease.owner) && lease.until && lease.until > w.now())
        w.advanceMs(lease.until.getTime() - w.now().getTime() + 1000);
      await w.runDueMixerJobs();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return null;
    },
    `run ${runId} done`,
    timeoutMs,
  );
}

/**
 * The clean finish: done; no channel the mixer made is left (the guild has exactly the channels
 * it had before); everyone is in the lobby; each pair of the rounds played counted once, by this
 * run; one attendance row per participant; no mixer job left for the run.
 */
export async function expectCleanFinish(
  w: MixerProcessWorld,
  runId: string,
  channelsBefore: readonly string[],
  options: { away?: readonly string[] } = {},
): Promise<StoredRun> {
  // The end's outbox (summary, feedback DMs) is sent after the done step: wait for it settled,
  // which removes the run's feedback job.
  const run = await w.until(async () => {
    const stored = await storedRun(runId);
    return stored && (stored.status !== 'done' || stored.feedbackAsked) ? stored : null;
  }, `run ${runId} done with its feedback settled`);
  expect(run.status).to.equal('done');
  const channelsNow = w.emu.state.channels.list(w.guildId).map((c) => c.id);
  expect([...channelsNow].sort(), 'no orphan channel').to.deep.equal([...channelsBefore].sort());
  const away = new Set(options.away ?? []);
  for (const id of [w.organiserId, ...w.alumni])
    expect(w.voiceOf(id), `member ${id}`).to.equal(away.has(id) ? null : w.lobbyId);
  // The mixer's role (made at setup, deleted last) is gone, and nobody holds it any more.
  const roles = w.emu.state.roles.list(w.guildId);
  expect(
    roles.filter((r) => r.name.endsWith(runId)).map((r) => r.name),
    'no mixer role left',
  ).to.deep.equal([]);
  const roleIds = new Set(roles.map((r) => r.id));
  for (const id of [w.organiserId, ...w.alumni]) {
    const held = w.emu.state.members.get(w.guildId, id)?.roles ?? [];
    expect(
      held.filter((r) => !roleIds.has(r)),
      `member ${id} holds no deleted role`,
    ).to.deep.equal([]);
  }

  const rounds = (run.state as { rounds: string[][][] }).rounds.slice(0, run.roundsPlayed);
  expect(run.roundsPlayed).to.be.greaterThan(0);
  const pairs = new Set<string>();
  const people = new Set<string>();
  for (const groups of rounds)
    for (const g of groups)
      for (const a of g) {
        people.add(a);
        for (const b of g) if (a < b) pairs.add(`${a}|${b}`);
      }
  const history = await PairHistory.find({ guildId: w.guildId }).lean();
  expect(history.map((h) => `${h.a}|${h.b}`).sort(), 'pairs').to.deep.equal([...pairs].sort());
  for (const h of history) {
    expect(h.count, `pair ${h.a}|${h.b}`).to.equal(1);
    expect(h.runIds).to.deep.equal([runId]);
  }
  const attendance = await MixerAttendance.find({ runId }).lean();
  expect(attendance.map((a) => a.userId).sort(), 'attendance').to.deep.equal([...people].sort());
  const jobs = await w.db().collection('agendaJobs').countDocuments({ 'data.runId': runId });
  expect(jobs, 'mixer jobs left').to.equal(0);
  return run;
}

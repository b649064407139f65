/**
 * A timer's or the organiser's action while another worker holds the run's lease for longer than
 * the action waits (a voice change whose move waits out a long Retry-After), a change marked for
 * a lease holder that died, and a drive taken by a worker that does not hold the guild. Two
 * workers on one store and one emulator, as in two-workers-voice.test.ts: A drives and runs the
 * jobs; B receives the voice changes (A's index answers none).
 */
import { expect } from 'chai';
import type { Agenda } from 'agenda';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { capturingLogger, type LogLine } from '../../core/bot-world.js';
import { createAgenda } from '../../../../shared/db/agenda.js';
import { loadConfig } from '../../../../shared/config.js';
import { translator, type Locale } from '../../../../shared/i18n/index.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { startBot, type RunningBot } from '../../../../bot/start-bot.js';
import { mixerMemberLeave, mixerVoice } from '../../../../bot/deepen/mixer/events/mixer-voice.js';
import {
  mixerIndexOnAvailable,
  mixerIndexOnChannelCreate,
  mixerIndexOnGuild,
  mixerIndexOnReady,
  mixerIndexOnRoleCreate,
} from '../../../../bot/deepen/mixer/events/mixer-index.js';
import { drive } from '../../../../bot/deepen/mixer/flows/driver.js';
import { MIXER_RESUME_JOB, MIXER_TICK_JOB } from '../../../../bot/deepen/mixer/flows/jobs.js';

const MINUTE = 60_000;
const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';
/** Longer than the 5 s an action waits for the lease (driver.ts ACTION_LEASE_WAIT_MS). */
const HOLD_MS = 9_000;
const EN = { locale: 'en-US' } as const;

interface StoredRun {
  phase: string;
  locale: string;
  rooms: string[];
  roomOfGroup: number[][];
  warnedRound: number;
  roundEndsAt: Date | null;
  nextRequestedRound?: number;
  controlMessageId: string | null;
  lease: { owner: string | null; until: Date | null };
  state: { rounds: string[][][]; participants: { id: string }[]; currentRound: number };
}

const stored = async (runId: string) =>
  (await MixerRun.findOne({ runId }).lean()) as unknown as StoredRun | null;
const participantsOf = (run: StoredRun) => run.state.participants.map((p) => p.id);

function roomOf(run: StoredRun, userId: string): string | undefined {
  const r = run.state.currentRound;
  const g = run.state.rounds[r]!.findIndex((group) => group.includes(userId));
  return g < 0 ? undefined : run.rooms[run.roomOfGroup[r]![g]!];
}

/** Waits without pulling jobs due by the test clock (w.until does): only what runs by itself counts. */
async function poll<T>(probe: () => Promise<T | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Deepen: mixer actions and voice changes while the lease is held or the guild is elsewhere', function () {
  this.timeout(120_000);
  useMongoose('mixer_lease_actions');
  let w: MixerWorld;
  let b: RunningBot;
  let bLogs: LogLine[];

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 13 });
    const indexA = w.bot.ctx.services.mixerChannels!;
    indexA.concerned = async () => [];
    indexA.runIds = async () => [];
    // B runs no jobs (its agenda is not started): A alone runs the mixer's timers and resumes.
    const agendaB: Agenda = createAgenda({ db: w.db(), processEveryMs: 50, name: 'worker-b' });
    const captured = capturingLogger();
    bLogs = captured.lines;
    b = await startBot({
      token: w.emu.botToken,
      restApi: w.emu.restBase,
      config: loadConfig({ NODE_ENV: 'test', DEFAULT_LOCALE: 'ja' }),
      logger: captured.logger,
      agenda: agendaB,
      clock: { now: () => w.clock.now },
      commands: [],
      components: [],
      events: [
        mixerVoice,
        mixerMemberLeave,
        mixerIndexOnReady,
        mixerIndexOnGuild,
        mixerIndexOnAvailable,
        mixerIndexOnChannelCreate,
        mixerIndexOnRoleCreate,
      ],
    });
    await w.until(
      () =>
        (b.client.guilds.cache.get(w.guildId)?.voiceStates.cache.filter((v) => v.channelId === w.lobbyId)
          .size ?? 0) >=
        w.alumni.length + 1,
      'the lobby voice states at worker B',
    );
  });
  afterEach(async () => {
    await b.stop();
    await w.stop();
  });

  async function startAtA(rounds: number): Promise<{ runId: string; run: StoredRun }> {
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds, minutes: 5 });
    await untilPhase(w, runId, 'talking', 0);
    const run = await w.until(async () => {
      const doc = await stored(runId);
      return doc?.lease.owner === null ? doc : null;
    }, "A's driver idle");
    await w.until(
      async () => (await b.ctx.services.mixerChannels!.runIds(w.guildId)).includes(runId),
      'worker B knowing the run',
    );
    return { runId, run };
  }

  /** A latecomer arrives at B, whose move waits out a Retry-After of HOLD_MS: B holds the lease. */
  async function bHoldsTheLease(runId: string): Promise<string> {
    const servedBefore = w.emu.rateLimits.served.length;
    w.emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: HOLD_MS });
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await poll(async () => w.emu.rateLimits.served.length > servedBefore, "the 429 on B's move");
    expect((await stored(runId))!.lease.owner).to.equal(b.ctx.services.mixer.workerId);
    return joiner;
  }

  const tickJobs = (runId: string) =>
    w.db().collection('agendaJobs').find({ name: MIXER_TICK_JOB, 'data.runId': runId }).toArray();

  it('"Next round" pressed while B holds the lease for longer than it waits still ends the round', async () => {
    const { runId, run } = await startAtA(2);
    const joiner = await bHoldsTheLease(runId);
    const next = await w.drivers
      .clickButton(run.controlMessageId!, `mixer:next:${runId}`, w.organiserId, EN)
      .waitForReply();
    expect(next.content).to.include('next groups');
    expect((await stored(runId))!.nextRequestedRound, 'the request is stored').to.equal(0);

    // The round's end is minutes away by the clock: only the stored request can end it.
    expect(w.clock.now.getTime()).to.be.lessThan(run.roundEndsAt!.getTime() - MINUTE);
    await untilPhase(w, runId, 'talking', 1, 45_000);
    // The scenario did happen: A's drive gave up on the lease (a resume for after B's term).
    const gaveUp = await w
      .db()
      .collection('agendaJobs')
      .findOne({ name: MIXER_RESUME_JOB, 'data.runId': runId });
    expect(gaveUp, "A's drive gave up waiting for the lease").to.not.equal(null);
    const seated = await w.until(async () => {
      const doc = await stored(runId);
      return doc && participantsOf(doc).includes(joiner) && w.voiceOf(joiner) === roomOf(doc, joiner)
        ? doc
        : null;
    }, 'the latecomer seated in round 2');
    expect(participantsOf(seated).filter((id) => id === joiner)).to.have.length(1);
    expect(bLogs.filter((l) => l.level >= 50)).to.deep.equal([]);
  });

  it('posts the one-minute warning once when its tick could not take the lease', async () => {
    const { runId } = await startAtA(2);
    // The warning minute first (the lease's term is by the same clock), then B takes the lease.
    w.clock.advanceMs(4 * MINUTE);
    await bHoldsTheLease(runId);
    // The warning's tick at A: it waits for the lease, gives up, and the tick is used up.
    await drive(w.bot.ctx, w.bot.client, runId, { kind: 'warn', round: 0 });
    const after = (await stored(runId))!;
    expect(after.warnedRound, 'not warned while B holds the lease').to.equal(-1);
    // Without the tick (nothing pulls it forward here), B's drive when it lets go warns.
    for (const job of await tickJobs(runId))
      await w.db().collection('agendaJobs').deleteOne({ _id: job._id });
    const warned = await poll(async () => {
      const doc = await stored(runId);
      return doc && doc.warnedRound === 0 && doc.lease.owner === null ? doc : null;
    }, 'the warning stored and the lease let go');
    const text = translator(warned.locale as Locale)('deepen.mixer.room.oneMinute');
    for (const room of warned.rooms.filter((_, i) => warned.roomOfGroup[0]!.includes(i)))
      await poll(
        async () => w.drivers.messagesIn(room).some((m) => m.content === text),
        `warning in ${room}`,
      );
    for (const room of warned.rooms)
      expect(w.drivers.messagesIn(room).filter((m) => m.content === text).length).to.be.at.most(1);
  });

  it('seats a latecomer after a dead worker’s lease runs out (a resume is saved for it)', async () => {
    const { runId } = await startAtA(1);
    const until = new Date(w.clock.now.getTime() + 60_000);
    await MixerRun.updateOne({ runId }, { $set: { 'lease.owner': 'dead-worker', 'lease.until': until } });
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    const resume = await poll(
      async () => w.db().collection('agendaJobs').findOne({ name: MIXER_RESUME_JOB, 'data.runId': runId }),
      'a resume saved by B',
    );
    expect((resume.nextRunAt as Date).getTime()).to.equal(until.getTime() + 1000);
    expect(participantsOf((await stored(runId))!)).to.not.include(joiner);

    w.clock.advanceMs(62_000);
    const seated = await w.until(async () => {
      const doc = await stored(runId);
      return doc && participantsOf(doc).includes(joiner) && w.voiceOf(joiner) === roomOf(doc, joiner)
        ? doc
        : null;
    }, 'the latecomer seated and moved once the dead lease ran out');
    expect(participantsOf(seated).filter((id) => id === joiner)).to.have.length(1);
  });

  it('hands a drive on when the worker taking it does not hold the guild, a bounded number of times', async () => {
    const { runId } = await startAtA(2);
    // The round's end tick went to B, whose shard does not hold the guild.
    for (const job of await tickJobs(runId))
      await w.db().collection('agendaJobs').deleteOne({ _id: job._id });
    b.client.guilds.cache.delete(w.guildId);
    w.clock.advanceMs(5 * MINUTE);
    await drive(b.ctx, b.client, runId, { kind: 'end-round', round: 0 });
    const resume = await w
      .db()
      .collection('agendaJobs')
      .findOne({ name: MIXER_RESUME_JOB, 'data.runId': runId });
    expect(resume?.data).to.deep.equal({ runId, hops: 1 });
    expect((resume!.nextRunAt as Date).getTime()).to.equal(w.clock.now.getTime() + 10_000);
    expect((await stored(runId))!.phase, 'the tick is not used up at B').to.equal('talking');
    expect(bLogs.some((l) => l.level === 40 && /handing the drive on/.test(l.msg ?? ''))).to.equal(true);

    // At the bound, B saves nothing more and says so.
    await drive(b.ctx, b.client, runId, undefined, 12);
    const last = await w
      .db()
      .collection('agendaJobs')
      .findOne({ name: MIXER_RESUME_JOB, 'data.runId': runId });
    expect(last?.data).to.deep.equal({ runId, hops: 1 });
    expect(bLogs.some((l) => l.level === 50 && /not held by any worker/.test(l.msg ?? ''))).to.equal(true);

    // A, which holds the guild, takes the resume and ends the round.
    w.clock.advanceMs(11_000);
    await untilPhase(w, runId, 'talking', 1, 45_000);
  });
});

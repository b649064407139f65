/**
 * Two workers on one store and one emulator: worker A (the mixer world's bot) starts and drives
 * the mixer; worker B, started before the mixer existed, is the only one acting on voice changes
 * (A's index answers none, as if the guild's gateway events reached B's shard only). B learns of
 * the run from the gateway (the mixer's channel and role creates), and a voice change it receives
 * is applied under the run's lease: by B when the lease is free, else by A once its step lets go.
 * A keeps the guild in its cache here; a drive taken by a worker without the guild (another
 * shard's) is in lease-actions.test.ts.
 */
import { expect } from 'chai';
import type { Agenda } from 'agenda';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { capturingLogger, type LogLine } from '../../core/bot-world.js';
import { createAgenda } from '../../../../shared/db/agenda.js';
import { loadConfig } from '../../../../shared/config.js';
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

const MINUTE = 60_000;
const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';

interface StoredRun {
  rooms: string[];
  roomOfGroup: number[][];
  driveWanted?: boolean;
  lease: { owner: string | null };
  state: { rounds: string[][][]; participants: { id: string }[]; currentRound: number };
}

const stored = async (runId: string) =>
  (await MixerRun.findOne({ runId }).lean()) as unknown as StoredRun | null;
const participantsOf = (run: StoredRun) => run.state.participants.map((p) => p.id);

/** The room of `userId`'s group in the round in progress. */
function roomOf(run: StoredRun, userId: string): string | undefined {
  const r = run.state.currentRound;
  const g = run.state.rounds[r]!.findIndex((group) => group.includes(userId));
  return g < 0 ? undefined : run.rooms[run.roomOfGroup[r]![g]!];
}

/** Everyone grouped in the round in progress is in their group's room. */
const everyoneInTheirRoom = (w: MixerWorld, run: StoredRun) =>
  run.state.rounds[run.state.currentRound]!.every((group) =>
    group.every((id) => w.voiceOf(id) === roomOf(run, id)),
  );

describe('Deepen: a mixer acts on voice changes whichever worker receives them', function () {
  this.timeout(120_000);
  useMongoose('mixer_two_workers_voice');
  let w: MixerWorld;
  let b: RunningBot;
  let bLogs: LogLine[];
  /** Every voice channel each member was put in (the emulator's VOICE_STATE_UPDATEs), in order. */
  let paths: Map<string, (string | null)[]>;

  beforeEach(async () => {
    w = await startMixerWorld({ alumni: 13 });
    const indexA = w.bot.ctx.services.mixerChannels!;
    indexA.concerned = async () => [];
    indexA.runIds = async () => [];
    // B runs no jobs (its agenda is not started): A alone drives the mixer from its timers.
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
      // B answers no interaction (A does); it has the mixer's voice and index handlers only.
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
    paths = new Map();
    w.emu.state.onDispatch((event, data) => {
      const d = data as { user_id?: string; channel_id?: string | null };
      if (event !== GatewayDispatchEvents.VoiceStateUpdate || !d.user_id) return;
      paths.set(d.user_id, [...(paths.get(d.user_id) ?? []), d.channel_id ?? null]);
    });
  });
  afterEach(async () => {
    await b.stop();
    await w.stop();
  });

  /** Starts a mixer at A and waits until its first round talks and A's driver is idle. */
  async function startAtA(rounds: number): Promise<{ runId: string; run: StoredRun }> {
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds, minutes: 5 });
    await untilPhase(w, runId, 'talking', 0);
    const run = await w.until(async () => {
      const doc = await stored(runId);
      return doc?.lease.owner === null ? doc : null;
    }, "A's driver idle");
    // B knew of no mixer at its start: it learnt of this one from the rooms' and role's creates.
    await w.until(
      async () => (await b.ctx.services.mixerChannels!.runIds(w.guildId)).includes(runId),
      'worker B knowing the run',
    );
    return { runId, run };
  }

  it('moves a late joiner into a room and rebalances a leaver’s group, once each, from worker B', async () => {
    const { runId } = await startAtA(1);
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    const seated = await w.until(async () => {
      const run = await stored(runId);
      return run && participantsOf(run).includes(joiner) && w.voiceOf(joiner) === roomOf(run, joiner)
        ? run
        : null;
    }, 'the late joiner seated and in their room');
    expect(participantsOf(seated).filter((id) => id === joiner)).to.have.length(1);
    expect(paths.get(joiner), 'the joiner connects, then is moved once').to.deep.equal([
      w.lobbyId,
      roomOf(seated, joiner),
    ]);

    // A member of a group of 3 disconnects: the 2 left are placed in other groups.
    await w.until(async () => (await stored(runId))?.lease.owner === null, "B's lease let go");
    const groups = seated.state.rounds[0]!;
    const small = groups.find((g) => g.length === 3)!;
    const leaver = small[0]!;
    paths.clear();
    w.drivers.voiceLeave(w.guildId, leaver);
    const left = await w.until(async () => {
      const run = await stored(runId);
      return run && !participantsOf(run).includes(leaver) && everyoneInTheirRoom(w, run) ? run : null;
    }, 'the leaver out and everyone in their rebalanced group');
    for (const group of left.state.rounds[0]!.filter((g) => g.length > 0))
      expect(group.length).to.be.at.least(3);
    expect(left.state.rounds[0]!.flat()).to.not.include(leaver);
    // Whoever changed group was moved once, straight to the new room; nobody else moved.
    const changed = participantsOf(left).filter((id) => roomOf(left, id) !== roomOf(seated, id));
    expect(changed, 'the rebalance moved someone').to.not.deep.equal([]);
    for (const id of changed) expect(paths.get(id), `${id} moved once`).to.deep.equal([roomOf(left, id)]);
    expect([...paths.keys()]).to.have.members([leaver, ...changed]);
    expect(paths.get(leaver)).to.deep.equal([null]);
    await w.until(async () => (await stored(runId))?.lease.owner === null, "B's lease let go");
    expect((await stored(runId))!.driveWanted).to.equal(false);
    expect(bLogs.filter((l) => l.level >= 50)).to.deep.equal([]);
  });

  it('hands a voice change to A while A holds the lease mid-transition; A applies it once when its step ends', async () => {
    const { runId } = await startAtA(2);
    // The next round's first move waits out a Retry-After: A holds the lease meanwhile.
    const servedBefore = w.emu.rateLimits.served.length;
    w.emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: 10_000 });
    await passTime(w, 5 * MINUTE);
    await w.until(() => w.emu.rateLimits.served.length > servedBefore, 'the 429 on a move of round 2');
    const moving = (await stored(runId))!;
    expect(moving.lease.owner).to.equal(w.bot.ctx.services.mixer.workerId);

    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    // B could not take the lease: it marked the run for A instead of writing to it.
    const marked = await w.until(async () => {
      const run = await stored(runId);
      return run?.driveWanted ? run : null;
    }, 'the run marked by B');
    expect(marked.lease.owner).to.equal(w.bot.ctx.services.mixer.workerId);
    expect(participantsOf(marked)).to.not.include(joiner);

    const seated = await w.until(
      async () => {
        const run = await stored(runId);
        return run &&
          run.state.currentRound === 1 &&
          participantsOf(run).includes(joiner) &&
          w.voiceOf(joiner) === roomOf(run, joiner) &&
          run.lease.owner === null
          ? run
          : null;
      },
      'the joiner seated in round 2 and moved, the lease let go',
      30_000,
    );
    expect(participantsOf(seated).filter((id) => id === joiner)).to.have.length(1);
    expect(paths.get(joiner), 'the joiner connects, then is moved once').to.deep.equal([
      w.lobbyId,
      roomOf(seated, joiner),
    ]);
    expect(seated.driveWanted).to.equal(false);
    for (const group of seated.state.rounds[1]!.filter((g) => g.length > 0))
      expect(group.length).to.be.at.least(3);
    expect(everyoneInTheirRoom(w, seated)).to.equal(true);
    expect(bLogs.filter((l) => l.level >= 50)).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { ChannelType, GatewayDispatchEvents } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { customIdsOf, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import type { MixerServices } from '../../../../shared/deepen/mixer/services.js';

const EN = { locale: 'en-US' } as const;

interface StoredRun {
  rooms: string[];
  roomOfGroup: number[][];
  state: { rounds: string[][][]; participants: { id: string }[]; currentRound: number };
}

const participantsOf = (run: StoredRun) => run.state.participants.map((p) => p.id);

/** The room of `userId`'s group in the round in progress. */
function roomOf(run: StoredRun, userId: string): string | undefined {
  const r = run.state.currentRound;
  const g = run.state.rounds[r]!.findIndex((group) => group.includes(userId));
  return g < 0 ? undefined : run.rooms[run.roomOfGroup[r]![g]!];
}

/**
 * Counts every call the bot makes to the mixer run services (each one a database read or write)
 * by wrapping them; `restore` puts the real ones back.
 */
function spyOnRuns(w: MixerWorld): { calls: () => number; restore: () => void } {
  const svc = w.bot.ctx.services.mixer;
  const real = svc.runs;
  let calls = 0;
  const wrapped = Object.fromEntries(
    Object.entries(real).map(([name, value]) => [
      name,
      typeof value === 'function'
        ? (...args: unknown[]) => {
            calls += 1;
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value,
    ]),
  );
  svc.runs = wrapped as unknown as MixerServices['runs'];
  return {
    calls: () => calls,
    restore: () => {
      svc.runs = real;
    },
  };
}

describe('Deepen: who is in a mixer, who walked out, who came late', function () {
  this.timeout(120_000);
  useMongoose('mixer_membership');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('answers unrelated voice changes from memory, takes a walk-out as a leave and a walk-back as a rejoin', async () => {
    w = await startMixerWorld({ alumni: 13 });
    const quiet = w.seeded.channels['Quiet room']!.id;
    const other = w.emu.state.channels.create(w.guildId, {
      name: 'Other talk',
      type: ChannelType.GuildVoice,
    });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 5 });
    const round0 = (await untilPhase(w, runId, 'talking', 0)) as unknown as StoredRun;
    // The driver is idle once it has let go of the lease: from here on only voice changes call the services.
    await w.until(
      async () => (await MixerRun.findOne({ runId }).lean())?.lease!.owner === null,
      'the driver idle',
    );
    const groups = round0.state.rounds[0]!;
    const small = groups.findIndex((g) => g.length === 3);
    const walker = groups[small]![0]!;
    const outsider = w.drivers.memberJoin(w.guildId, { username: 'passer-by', globalName: 'Passer-by' }).user!
      .id;
    const spy = spyOnRuns(w);
    // What the in-memory index answered, per voice change (recorded once its answer resolved).
    const index = w.bot.ctx.services.mixerChannels!;
    const original = index.concerned;
    const asked: { userId: string; runs: string[] }[] = [];
    index.concerned = async (guildId, userId, from, to) => {
      const runs = await original.call(index, guildId, userId, from, to);
      asked.push({ userId, runs });
      return runs;
    };
    try {
      const before = spy.calls();
      // Voice changes that touch no mixer channel, by someone who is not in the mixer, each one
      // answered before the next (the handler reads the member's voice state as it is by then).
      const answered = () => asked.filter((a) => a.userId === outsider);
      const changes = [
        () => w!.drivers.voiceJoin(w!.guildId, outsider, quiet),
        () => w!.drivers.voiceMove(w!.guildId, outsider, other.id),
        () => w!.drivers.voiceLeave(w!.guildId, outsider),
      ];
      for (const [i, change] of changes.entries()) {
        change();
        await w.until(() => answered().length === i + 1, `change ${i + 1} answered`);
      }
      expect(answered().map((a) => a.runs)).to.deep.equal([[], [], []]);
      // Polled after the answers resolved: a read they led to would have been called by now.
      expect(spy.calls(), 'mixer run service calls').to.equal(before);

      w.drivers.voiceMove(w.guildId, walker, quiet);
      // Walking out to a channel outside the mixer is leaving: out of the groups, and the group
      // of 3 it left is rebalanced (nobody is left in a group of 2).
      const left = (await w.until(async () => {
        const run = (await MixerRun.findOne({ runId }).lean()) as unknown as StoredRun | null;
        return run && !participantsOf(run).includes(walker) ? run : null;
      }, 'the walker out of the groups')) as StoredRun;
      expect(asked.find((a) => a.userId === walker)?.runs).to.deep.equal([runId]);
      expect(spy.calls()).to.be.above(before);
      for (const group of left.state.rounds[0]!) expect(group.length).to.be.at.least(3);
      await w.until(
        () =>
          left.state.rounds[0]!.every((group) => group.every((id) => w!.voiceOf(id) === roomOf(left, id))),
        'everyone in their rebalanced group',
      );

      // Coming back to the lobby is rejoining: seated in a group again and moved to its room.
      w.drivers.voiceMove(w.guildId, walker, w.lobbyId);
      const back = (await w.until(async () => {
        const run = (await MixerRun.findOne({ runId }).lean()) as unknown as StoredRun | null;
        return run && participantsOf(run).includes(walker) ? run : null;
      }, 'the walker back in the groups')) as StoredRun;
      await w.until(() => w!.voiceOf(walker) === roomOf(back, walker), 'the walker moved into their room');
    } finally {
      index.concerned = original;
      spy.restore();
    }
  });

  it('drops a planned participant who left voice before the confirm, and does not pull them in from another channel', async () => {
    w = await startMixerWorld({ alumni: 9 });
    const quiet = w.seeded.channels['Quiet room']!.id;
    const late = w.alumni[4]!;
    const preview = await w.drivers
      .runSlashCommand(
        w.guildId,
        w.lobbyId,
        w.organiserId,
        'mixer start',
        { group_size: 3, rounds: 1, minutes: 5 },
        EN,
      )
      .waitForReply(15_000);
    const confirm = customIdsOf(preview).find((id) => id.startsWith('mixer:confirm:'))!;
    const runId = confirm.split(':')[2]!;
    // Planned from the lobby, then gone from voice before the confirm: they left the mixer.
    w.drivers.voiceLeave(w.guildId, late);
    await w.until(
      () => !w!.bot.client.guilds.cache.get(w!.guildId)!.voiceStates.cache.get(late)?.channelId,
      'the bot seeing them gone',
    );
    await w.drivers.clickButton(preview.id, confirm, w.organiserId, EN).waitForReply();
    const run = (await untilPhase(w, runId, 'talking', 0)) as unknown as StoredRun;
    expect(participantsOf(run)).to.not.include(late);
    // A dissolved group stays as an empty slot (the rooms keep their groups' indexes).
    for (const g of run.state.rounds[0]!.filter((g) => g.length > 0)) expect(g).to.have.length.of.at.least(3);
    expect(
      w.drivers.dmsTo(late).filter((m) => (m.content ?? '').includes('not connected to voice')),
    ).to.deep.equal([]);

    // They connect later to a channel outside the mixer: they stay there.
    const path: (string | null)[] = [];
    w.emu.state.onDispatch((event, data) => {
      const d = data as { user_id?: string; channel_id?: string | null };
      if (event === GatewayDispatchEvents.VoiceStateUpdate && d.user_id === late)
        path.push(d.channel_id ?? null);
    });
    w.drivers.voiceJoin(w.guildId, late, quiet);
    await w.until(
      () => w!.bot.client.guilds.cache.get(w!.guildId)!.voiceStates.cache.get(late)?.channelId === quiet,
      'the bot seeing them in the Quiet room',
    );
    // Into the lobby instead: seated as a late joiner and moved into their group's room.
    w.drivers.voiceMove(w.guildId, late, w.lobbyId);
    const seated = (await w.until(async () => {
      const doc = (await MixerRun.findOne({ runId }).lean()) as unknown as StoredRun;
      return participantsOf(doc).includes(late) ? doc : null;
    }, 'the late joiner seated')) as StoredRun;
    const room = roomOf(seated, late)!;
    await w.until(() => w!.voiceOf(late) === room, 'the late joiner moved into their room');
    // Nothing pulled them out of the Quiet room: their only move is the one from the lobby.
    expect(path, 'their voice path').to.deep.equal([quiet, w.lobbyId, room]);
    expect(
      w.drivers.dmsTo(late).filter((m) => (m.content ?? '').includes('not connected to voice')),
    ).to.deep.equal([]);
  });
});

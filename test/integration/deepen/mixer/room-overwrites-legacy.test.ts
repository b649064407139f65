/**
 * Rooms of mixers in flight when the room access was first stored: a run document without
 * `roomAccess`, whose role and category carry the whole run id in their names, is treated as
 * opened to its role. And a late joiner the full rooms refuse is told when the driver's
 * reconcile finds them (the voice event missed), once.
 */
import { expect } from 'chai';
import { PermissionFlagsBits, type APIOverwrite } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';

const MINUTE = 60_000;

describe('Deepen: mixer rooms of runs stored before their access was, and full rooms found by the reconcile', function () {
  this.timeout(120_000);
  useMongoose('mixer_room_overwrites_legacy');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('GIVEN a run without roomAccess and names with the whole run id THEN a late joiner gets the old role, and the end deletes the role and the unstored category', async () => {
    w = await startMixerWorld({ alumni: 13 });
    w.bot.ctx.services.mixerRooms = { bodyOverwriteCap: 10 };
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 3 });
    const run = await untilPhase(w, runId, 'talking', 0);
    expect(run.roomAccess).to.equal('role');
    // As the code before stored it: no access, the category's id unsaved, names with the run id.
    const role = w.emu.state.roles.list(w.guildId).find((r) => r.name.startsWith('Mixer '))!;
    w.emu.state.roles.update(w.guildId, role.id, { name: `Mixer ${runId}` });
    w.emu.state.channels.update(run.categoryId!, { name: `Mixer rooms ${runId}` });
    await MixerRun.updateOne({ runId }, { $unset: { roomAccess: 1 }, $set: { categoryId: null } });
    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    await w.until(
      () =>
        guild.roles.cache.get(role.id)?.name === `Mixer ${runId}` &&
        guild.channels.cache.get(run.categoryId!)?.name === `Mixer rooms ${runId}`,
      'the old names at the bot',
    );
    w.bot.ctx.services.mixerRooms = {};

    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      const state = doc?.state as { rounds: string[][][] } | undefined;
      return state?.rounds[0]!.some((g) => g.includes(joiner)) ?? false;
    }, 'the late joiner seated');
    await w.until(
      () => w!.emu.state.members.get(w!.guildId, joiner).roles.includes(role.id),
      'the old role granted to the joiner',
    );
    for (const roomId of run.rooms)
      expect(
        (w.emu.state.permissions.inChannel(roomId, joiner) & PermissionFlagsBits.Connect) !== 0n,
        `Connect in ${roomId}`,
      ).to.equal(true);
    const roleCount = w.emu.state.roles.list(w.guildId).length;

    await passTime(w, 3 * MINUTE + 1000);
    await untilPhase(w, runId, 'done');
    expect(w.emu.state.roles.list(w.guildId).find((r) => r.id === role.id)).to.equal(undefined);
    expect(w.emu.state.roles.list(w.guildId)).to.have.length(roleCount - 1);
    for (const id of [...run.rooms, run.categoryId!])
      expect(w.emu.state.channels.find(id)).to.equal(undefined);
  });

  it('GIVEN rooms full of overwrites and a joiner the voice handler missed THEN the reconcile tells them once and leaves them unseated', async () => {
    w = await startMixerWorld({ alumni: 6 });
    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 3 });
    const run = await untilPhase(w, runId, 'talking', 0);
    const room = run.rooms[1]!;
    const held = w.emu.state.channels.find(room)!.permissionOverwrites;
    const filler: APIOverwrite[] = Array.from({ length: 1000 - held.length }, (_, i) => ({
      id: String(3_000_000_000_000_000n + BigInt(i)),
      type: 1,
      allow: '0',
      deny: '0',
    }));
    w.emu.state.channels.update(room, { permissionOverwrites: [...held, ...filler] });
    // The joiner arrives while no worker runs: only the reconcile of the next one finds them.
    await w.bot.client.destroy();
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await w.restartWorker();
    const told = () =>
      w!.drivers.dmsTo(joiner).filter((m) => (m.content ?? '').includes('cannot let anyone else in'));
    await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      return told().length === 1 && (doc?.moves?.notified ?? []).includes(joiner);
    }, 'the refusal by DM, stored');
    // Later drives reconcile again: no second DM.
    await passTime(w, 3 * MINUTE + 1000);
    const done = await untilPhase(w, runId, 'done');
    const participants = (done.state as { participants: { id: string }[] }).participants.map((p) => p.id);
    expect(participants).to.not.include(joiner);
    expect(told()).to.have.length(1);
  });
});

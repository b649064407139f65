/**
 * Who may enter a mixer's rooms: a typical mixer names each person in the rooms' create call (no
 * role, no request per person); more people than one create body takes (100 overwrites) go
 * through the temporary role. The access is stored on the run before the rooms are made.
 */
import { runCode } from '../../../../bot/deepen/mixer/flows/room-role.js';
import { expect } from 'chai';
import { PermissionFlagsBits, type APIOverwrite } from 'discord-api-types/v10';
import { RESTEvents } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';

const MINUTE = 60_000;
const ROLE_GRANT = /^\/guilds\/\d+\/members\/\d+\/roles\/\d+$/;
const OVERWRITE_EDIT = /^\/channels\/(\d+)\/permissions\/(\d+)$/;

/** The bot's REST requests as discord.js answered them (method and path), from now on. */
function watchRequests(w: MixerWorld) {
  const seen: { method: string; path: string }[] = [];
  w.bot.client.rest.on(RESTEvents.Response, (request) => {
    seen.push({ method: request.method.toUpperCase(), path: request.path });
  });
  return {
    roleGrants: () => seen.filter((r) => r.method === 'PUT' && ROLE_GRANT.test(r.path)).length,
    overwriteEdits: () =>
      seen.flatMap((r) => {
        const m = r.method === 'PUT' ? OVERWRITE_EDIT.exec(r.path) : null;
        return m ? [{ channelId: m[1]!, userId: m[2]! }] : [];
      }),
  };
}

describe('Deepen: mixer rooms name their people while they fit in one create body, else open to a role', function () {
  this.timeout(120_000);
  useMongoose('mixer_room_overwrites');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  const mixerRole = (runId: string) =>
    w!.emu.state.roles.list(w!.guildId).find((r) => r.name === `Mixer ${runCode(runId)}`);
  const can = (channelId: string, userId: string, bit: bigint) =>
    (w!.emu.state.permissions.inChannel(channelId, userId) & bit) !== 0n;

  it('GIVEN 13 people THEN no role is made or granted, each room lists them in its overwrites, and a late joiner is let into every room', async () => {
    w = await startMixerWorld({ alumni: 13 });
    const requests = watchRequests(w);
    const rolesBefore = w.emu.state.roles.list(w.guildId).length;
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 3 });
    const run = await untilPhase(w, runId, 'talking', 0);

    expect(run.roomAccess).to.equal('members');
    expect(mixerRole(runId)).to.equal(undefined);
    expect(w.emu.state.roles.list(w.guildId)).to.have.length(rolesBefore);
    expect(requests.roleGrants(), 'role grants').to.equal(0);
    // Everyone was named in the create bodies: no overwrite was added one by one.
    expect(requests.overwriteEdits(), 'overwrite edits at setup').to.deep.equal([]);
    expect(run.rooms).to.have.length(4);
    for (const roomId of run.rooms) {
      const overwrites: APIOverwrite[] = w.emu.state.channels.find(roomId)!.permissionOverwrites;
      expect(overwrites.map((o) => o.id)).to.have.members([
        w.guildId,
        w.emu.botUser.id,
        w.organiserId,
        ...w.alumni,
      ]);
      for (const id of [w.organiserId, ...w.alumni]) {
        expect(can(roomId, id, PermissionFlagsBits.Connect), `Connect of ${id}`).to.equal(true);
        expect(can(roomId, id, PermissionFlagsBits.SendMessages), `Send of ${id}`).to.equal(true);
      }
    }
    const groups = (run.state as { rounds: string[][][] }).rounds[0]!;
    groups.forEach((members, g) => {
      for (const id of members) expect(w!.voiceOf(id)).to.equal(run.rooms[run.roomOfGroup[0]![g]!]);
    });

    // Someone new: not let in by anything yet, then let into every room when they join the lobby.
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    const outsider = w.drivers.memberJoin(w.guildId, { username: 'other', globalName: 'Other' }).user!.id;
    expect(can(run.rooms[0]!, joiner, PermissionFlagsBits.ViewChannel)).to.equal(false);
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    const seated = await w.until(async () => {
      const at = w!.voiceOf(joiner);
      return at && run.rooms.includes(at) ? at : null;
    }, 'the late joiner moved into a room');
    const stored = await w.until(async () => {
      const doc = await w!.latestRun();
      const state = doc?.state as { rounds: string[][][] } | undefined;
      return state?.rounds[0]!.some((g) => g.includes(joiner)) ? doc : null;
    }, 'the late joiner seated in a group');
    expect(stored!.roomAccess).to.equal('members');
    // One overwrite per room (a later round may seat them in any room), no role.
    const edits = requests.overwriteEdits();
    expect(edits.map((e) => e.userId)).to.deep.equal(run.rooms.map(() => joiner));
    expect(edits.map((e) => e.channelId)).to.have.members(run.rooms);
    expect(requests.roleGrants()).to.equal(0);
    for (const roomId of run.rooms) {
      expect(can(roomId, joiner, PermissionFlagsBits.ViewChannel), `View in ${roomId}`).to.equal(true);
      expect(can(roomId, joiner, PermissionFlagsBits.SendMessages), `Send in ${roomId}`).to.equal(true);
    }
    // They connect to the rooms themselves: another room, then their own again. Someone outside
    // the mixer cannot (the emulator checks View Channel and Connect, as Discord does).
    const other = run.rooms.find((id) => id !== seated)!;
    w.drivers.voiceJoin(w.guildId, joiner, other);
    expect(w.voiceOf(joiner)).to.equal(other);
    w.drivers.voiceJoin(w.guildId, joiner, seated);
    expect(w.voiceOf(joiner)).to.equal(seated);
    expect(() => w!.drivers.voiceJoin(w!.guildId, outsider, seated)).to.throw(/lacks Connect/);

    await passTime(w, 3 * MINUTE + 1000);
    await untilPhase(w, runId, 'talking', 1);
    await passTime(w, 3 * MINUTE + 1000);
    const done = await untilPhase(w, runId, 'done');
    for (const id of [...done.rooms, done.categoryId!])
      expect(w.emu.state.channels.find(id)).to.equal(undefined);
    for (const id of [w.organiserId, ...w.alumni, joiner]) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    expect(w.emu.state.roles.list(w.guildId)).to.have.length(rolesBefore);
    expect(requests.roleGrants()).to.equal(0);
  });

  it('GIVEN more people than the create body takes THEN the rooms open to the role, granted to everyone, deleted after a restart past the end', async () => {
    w = await startMixerWorld({ alumni: 13 });
    // 14 people and the two base overwrites do not fit a body of 10 (Discord's is 100).
    w.bot.ctx.services.mixerRooms = { bodyOverwriteCap: 10 };
    const requests = watchRequests(w);
    const { runId, preview } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 3 });
    // The preview plans with the same cap as setup (10 less the base two): it announces the role.
    expect(preview.embeds?.[0]?.description ?? '').to.include('More than 8 people with the organiser');
    const run = await untilPhase(w, runId, 'talking', 0);

    expect(run.roomAccess).to.equal('role');
    const role = mixerRole(runId);
    expect(role, 'the mixer role').to.not.equal(undefined);
    expect(requests.roleGrants(), 'one grant per person').to.equal(14);
    for (const id of [w.organiserId, ...w.alumni])
      expect(w.emu.state.members.get(w.guildId, id).roles, `role of ${id}`).to.include(role!.id);
    for (const roomId of run.rooms)
      expect(w.emu.state.channels.find(roomId)!.permissionOverwrites.map((o) => o.id)).to.have.members([
        w.guildId,
        w.emu.botUser.id,
        role!.id,
      ]);

    // A fresh worker has Discord's cap (it would name these 14): it follows the stored access.
    await w.bot.client.destroy();
    w.clock.advanceMs(10 * MINUTE);
    await w.restartWorker();
    const done = await untilPhase(w, runId, 'done');
    expect(done.roomAccess).to.equal('role');
    expect(mixerRole(runId)).to.equal(undefined);
    for (const id of [...done.rooms, done.categoryId!])
      expect(w.emu.state.channels.find(id)).to.equal(undefined);
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
  });

  it('GIVEN rooms already holding 1000 overwrites THEN a late joiner is told and stays in the lobby, with no request spent', async () => {
    w = await startMixerWorld({ alumni: 6 });
    const requests = watchRequests(w);
    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 3 });
    const run = await untilPhase(w, runId, 'talking', 0);
    // As if 993 more people had been let in one by one (the emulator's state, not the API).
    const room = run.rooms[1]!;
    const held = w.emu.state.channels.find(room)!.permissionOverwrites;
    const filler: APIOverwrite[] = Array.from({ length: 1000 - held.length }, (_, i) => ({
      id: String(3_000_000_000_000_000n + BigInt(i)),
      type: 1,
      allow: '0',
      deny: '0',
    }));
    w.emu.state.channels.update(room, { permissionOverwrites: [...held, ...filler] });
    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    await w.until(() => {
      const seen = guild.channels.cache.get(room);
      return seen && 'permissionOverwrites' in seen && seen.permissionOverwrites.cache.size === 1000;
    }, 'the full room at the bot');

    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await w.until(
      () => w!.drivers.dmsTo(joiner).some((m) => (m.content ?? '').includes('cannot let anyone else in')),
      'the refusal by DM',
    );
    const after = await w.latestRun();
    const participants = (after!.state as { participants: { id: string }[] }).participants.map((p) => p.id);
    expect(participants).to.not.include(joiner);
    expect(w.voiceOf(joiner)).to.equal(w.lobbyId);
    expect(requests.overwriteEdits()).to.deep.equal([]);
    expect(w.emu.state.channels.find(room)!.permissionOverwrites).to.have.length(1000);
  });
});

import { runCode } from '../../../../bot/deepen/mixer/flows/room-role.js';
import { expect } from 'chai';
import { ChannelType, OverwriteType, PermissionFlagsBits, type APIOverwrite } from 'discord-api-types/v10';
import { DiscordAPIError } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';

const MINUTE = 60_000;

/**
 * Waits until the bot answers a command within Discord's 3 s interaction window: a lobby of 100
 * joining at start-up leaves the bot (and its database) a backlog of voice handlers first.
 */
async function untilResponsive(w: MixerWorld): Promise<void> {
  await w.until(
    () =>
      w.drivers
        .runSlashCommand(w.guildId, w.lobbyId, w.organiserId, 'mixer status', {}, { locale: 'en-US' })
        .waitForReply(5_000)
        .then(
          () => true,
          () => false,
        ),
    'the bot answering in time',
    90_000,
  );
}

describe('Deepen: mixer rooms open to one temporary role, at any size', function () {
  this.timeout(180_000);
  useMongoose('mixer_membership_rooms');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  it('runs a lobby of 100 (more than the 98 people overwrites could name) with private rooms of three overwrites, lets a late joiner into the room chat, and deletes the role at the end', async () => {
    w = await startMixerWorld({ alumni: 99 });
    await untilResponsive(w);
    const { runId } = await startAndConfirm(w, { group_size: 6, rounds: 1, minutes: 5 });
    const run = await untilPhase(w, runId, 'talking', 0, 120_000);
    const emu = w.emu;
    const role = emu.state.roles.list(w.guildId).find((r) => r.name === `Mixer ${runCode(runId)}`);
    expect(role, 'the mixer role').to.not.equal(undefined);
    for (const id of [w.organiserId, ...w.alumni])
      expect(emu.state.members.get(w.guildId, id).roles, `role of ${id}`).to.include(role!.id);
    for (const roomId of run.rooms) {
      const overwrites = emu.state.channels.find(roomId)!.permissionOverwrites;
      expect(overwrites.map((o) => o.id)).to.have.members([w.guildId, emu.botUser.id, role!.id]);
    }
    const groups = (run.state as { rounds: string[][][] }).rounds[0]!;
    expect(run.rooms).to.have.length(groups.length);
    groups.forEach((members, g) => {
      for (const id of members) expect(w!.voiceOf(id)).to.equal(run.rooms[run.roomOfGroup[0]![g]!]);
    });
    const room = run.rooms[0]!;
    const can = (userId: string, bit: bigint) => (emu.state.permissions.inChannel(room, userId) & bit) !== 0n;
    expect(can(w.alumni[0]!, PermissionFlagsBits.SendMessages)).to.equal(true);

    // Someone outside the mixer does not see the rooms; a late joiner (the 101st) gets the role,
    // and with it the room's text chat.
    const joiner = w.drivers.memberJoin(w.guildId, { username: 'late', globalName: 'Late' }).user!.id;
    expect(can(joiner, PermissionFlagsBits.ViewChannel)).to.equal(false);
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    const seated = await w.until(() => {
      const at = w!.voiceOf(joiner);
      return at && run.rooms.includes(at) ? at : null;
    }, 'the late joiner moved into a room');
    await w.until(
      () => emu.state.members.get(w!.guildId, joiner).roles.includes(role!.id),
      'the late joiner holding the role',
    );
    const inSeat = emu.state.permissions.inChannel(seated, joiner);
    expect(inSeat & PermissionFlagsBits.ViewChannel).to.not.equal(0n);
    expect(inSeat & PermissionFlagsBits.SendMessages).to.not.equal(0n);

    await passTime(w, 5 * MINUTE + 1000);
    const done = await untilPhase(w, runId, 'done', undefined, 120_000);
    for (const id of [...run.rooms, done.categoryId!])
      expect(emu.state.channels.find(id)).to.equal(undefined);
    expect(emu.state.roles.list(w.guildId).some((r) => r.id === role!.id)).to.equal(false);
    for (const id of [w.organiserId, ...w.alumni, joiner]) {
      expect(w.voiceOf(id)).to.equal(w.lobbyId);
      expect(emu.state.members.get(w.guildId, id).roles).to.not.include(role!.id);
    }
  });

  it('a worker restarted past the end finds the role by its name and deletes it with the rooms', async () => {
    w = await startMixerWorld({ alumni: 6 });
    // Seven people would be named on the rooms: a lower body cap sends them through the role (the
    // restarted worker has Discord's cap, so it follows the access stored on the run).
    w.bot.ctx.services.mixerRooms = { bodyOverwriteCap: 3 };
    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 3 });
    const run = await untilPhase(w, runId, 'talking', 0);
    const role = w.emu.state.roles.list(w.guildId).find((r) => r.name === `Mixer ${runCode(runId)}`)!;
    expect(w.emu.state.members.get(w.guildId, w.alumni[0]!).roles).to.include(role.id);
    await w.bot.client.destroy();
    w.clock.advanceMs(10 * MINUTE);
    await w.restartWorker();
    await untilPhase(w, runId, 'done');
    // The run stores no role id: the new worker knew it only by name, from GUILD_CREATE.
    expect(w.emu.state.roles.list(w.guildId).some((r) => r.id === role.id)).to.equal(false);
    for (const id of run.rooms) expect(w.emu.state.channels.find(id)).to.equal(undefined);
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
  });

  it('the emulator caps overwrites as Discord does: 100 per body (50035), 1000 per channel (30060)', async () => {
    w = await startMixerWorld({ alumni: 3 });
    const guild = w.bot.client.guilds.cache.get(w.guildId)!;
    const tooMany = Array.from({ length: 101 }, (_, i) => ({
      id: String(1_000_000_000_000_000n + BigInt(i)),
      type: OverwriteType.Member,
      deny: [PermissionFlagsBits.ViewChannel],
    }));
    const body = await guild.channels
      .create({ name: 'crowded', type: ChannelType.GuildVoice, permissionOverwrites: tooMany })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(body).to.be.instanceOf(DiscordAPIError);
    expect((body as DiscordAPIError).code).to.equal(50035);
    expect(JSON.stringify((body as DiscordAPIError).rawError)).to.include('Must be 100 or fewer in length.');

    const channel = w.emu.state.channels.create(w.guildId, { name: 'full', type: ChannelType.GuildVoice });
    const member = w.alumni[0]!;
    const full: APIOverwrite[] = [
      { id: member, type: 1, allow: '0', deny: '0' },
      ...Array.from({ length: 999 }, (_, i) => ({
        id: String(2_000_000_000_000_000n + BigInt(i)),
        type: 1 as const,
        allow: '0',
        deny: '0',
      })),
    ];
    w.emu.state.channels.update(channel.id, { permissionOverwrites: full });
    const seen = await w.until(() => guild.channels.cache.get(channel.id), 'the channel at the bot');
    if (!('permissionOverwrites' in seen)) throw new Error('not a guild channel');
    // Changing one of the 1000 is fine; a 1001st is refused with 30060.
    const asMember = { type: OverwriteType.Member };
    await seen.permissionOverwrites.edit(member, { Connect: true }, asMember);
    const refused = await seen.permissionOverwrites.edit(w.alumni[1]!, { Connect: true }, asMember).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).to.be.instanceOf(DiscordAPIError);
    expect((refused as DiscordAPIError).code).to.equal(30060);
    expect(w.emu.state.channels.find(channel.id)!.permissionOverwrites).to.have.length(1000);
  });
});

import { expect } from 'chai';
import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { useMongoose } from '../../../support/database.js';
import { startMixerWorld, type MixerWorld } from '../../../support/mixer-world.js';
import { customIdsOf, passTime, startAndConfirm, untilPhase } from '../../../support/mixer-steps.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';
import { DEFAULT_BOT_PERMISSIONS } from '../../../../sandbox/discord/state/seed.js';

const EN = { locale: 'en-US' } as const;
const MOVE_ROUTE = 'PATCH /guilds/:guildId/members/:userId';

describe('Deepen: mixer faults and bad input get clear answers and leave nothing behind', function () {
  this.timeout(90_000);
  useMongoose('mixer_faults');
  let w: MixerWorld | undefined;

  afterEach(async () => {
    await w?.stop();
    w = undefined;
  });

  const slash = (world: MixerWorld, name: string, options: Record<string, string | number> = {}) =>
    world.drivers
      .runSlashCommand(world.guildId, world.lobbyId, world.organiserId, name, options, EN)
      .waitForReply(15_000);

  it('refuses fewer than 3 people, a second mixer in the same lobby and a non-organiser', async () => {
    w = await startMixerWorld({ alumni: 2 });
    const few = (await slash(w, 'mixer start')).content;
    expect(few).to.include('at least 3 people in the lobby (found 2)');
    const member = w.drivers.runSlashCommand(w.guildId, w.lobbyId, w.alumni[0]!, 'mixer start', {}, EN);
    expect((await member.waitForReply()).content).to.match(/organiser/i);
    for (let i = 0; i < 3; i++) {
      const id = w.drivers.memberJoin(w.guildId, { username: `late-${i}`, globalName: `Late ${i}` }).user!.id;
      w.drivers.voiceJoin(w.guildId, id, w.lobbyId);
    }
    await w.until(
      () => w!.bot.client.guilds.cache.get(w!.guildId)!.voiceStates.cache.size >= 6,
      'voice states',
    );
    const { runId } = await startAndConfirm(w, { minutes: 5, rounds: 1 });
    await untilPhase(w, runId, 'talking', 0);
    const again = await slash(w, 'mixer start', { lobby: w.lobbyId });
    expect(again.content).to.include('already running');
  });

  it('names the missing permissions before creating anything', async () => {
    w = await startMixerWorld({ alumni: 5 });
    const botRole = w.seeded.botRole!;
    w.emu.state.roles.update(w.guildId, botRole.id, {
      permissions:
        DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.MoveMembers & ~PermissionFlagsBits.ManageChannels,
    });
    await w.until(
      () => !w!.bot.client.guilds.cache.get(w!.guildId)!.members.me!.permissions.has('MoveMembers'),
      'role update',
    );
    const answer = await slash(w, 'mixer start');
    expect(answer.content).to.include('Manage Channels');
    expect(answer.content).to.include('Move Members');
    expect(await MixerRun.countDocuments({})).to.equal(0);
  });

  it('names a permission the room overwrites would grant but the bot lacks in the server', async () => {
    w = await startMixerWorld({ alumni: 5 });
    const lacking = PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.Connect;
    w.emu.state.roles.update(w.guildId, w.seeded.botRole!.id, {
      permissions: DEFAULT_BOT_PERMISSIONS & ~lacking,
    });
    // @everyone grants both by default; the bot must lack them in the whole server.
    const everyone = w.emu.state.roles.get(w.guildId, w.guildId);
    w.emu.state.roles.update(w.guildId, w.guildId, { permissions: BigInt(everyone.permissions) & ~lacking });
    await w.until(
      () => !w!.bot.client.guilds.cache.get(w!.guildId)!.members.me!.permissions.has('EmbedLinks'),
      'role update',
    );
    const answer = await slash(w, 'mixer start');
    expect(answer.content).to.include('Embed Links');
    expect(answer.content).to.include('Connect');
    expect(answer.content).to.not.include('Manage Channels');
    expect(await MixerRun.countDocuments({})).to.equal(0);
  });

  it('stops cleanly at the channel cap, deleting what it created', async () => {
    w = await startMixerWorld({ alumni: 8 });
    const fill = (upTo: number) => {
      for (let i = w!.emu.state.channels.list(w!.guildId).length; i < upTo; i++)
        w!.emu.state.channels.create(w!.guildId, { name: `filler-${i}`, type: ChannelType.GuildText });
    };
    // The plan needs 3 channels (2 rooms + the category): with 2 free it is refused up front.
    fill(498);
    await w.until(
      () => w!.bot.client.guilds.cache.get(w!.guildId)!.channels.cache.size >= 498,
      'the channels at the bot',
    );
    const refused = await slash(w, 'mixer start', { minutes: 5 });
    expect(refused.content).to.include('room for only 2 more channels; the mixer needs 3');
    expect(await MixerRun.countDocuments({})).to.equal(0);
    // Channels made by someone else between the plan and the confirm: the cap is hit mid-setup.
    for (const c of w.emu.state.channels
      .list(w.guildId)
      .filter((c) => (c.name ?? '').startsWith('filler-'))
      .slice(0, 2))
      w.emu.state.channels.delete(c.id);
    await w.until(
      () => w!.bot.client.guilds.cache.get(w!.guildId)!.channels.cache.size <= 496,
      'the freed channels at the bot',
    );
    const preview = await slash(w, 'mixer start', { minutes: 5 });
    const confirm = customIdsOf(preview).find((id) => id.startsWith('mixer:confirm:'))!;
    const runId = confirm.split(':')[2]!;
    fill(498);
    await w.drivers.clickButton(preview.id, confirm, w.organiserId, EN).waitForReply();
    const run = await w.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      return doc?.status === 'cancelled' ? doc : null;
    }, 'the mixer cancelled');
    expect(w.emu.state.channels.list(w.guildId)).to.have.length(498);
    expect(run.categoryId ? w.emu.state.channels.find(run.categoryId) : undefined).to.equal(undefined);
    for (const id of w.alumni) expect(w.voiceOf(id)).to.equal(w.lobbyId);
    await w.until(
      () =>
        w!.drivers
          .messagesIn(w!.lobbyId)
          .some((m) => (m.content ?? '').includes('refused to create more channels')),
      'the organiser told',
    );
  });

  /** Starts a mixer, runs `meanwhile` before the confirm, and waits for the run to be cancelled. */
  async function refusedAtSetup(world: MixerWorld, meanwhile: () => Promise<void>) {
    const channelsBefore = world.emu.state.channels.list(world.guildId).length;
    const preview = await slash(world, 'mixer start', { minutes: 5 });
    const confirm = customIdsOf(preview).find((id) => id.startsWith('mixer:confirm:'))!;
    const runId = confirm.split(':')[2]!;
    await meanwhile();
    await world.drivers.clickButton(preview.id, confirm, world.organiserId, EN).waitForReply();
    const run = await world.until(async () => {
      const doc = await MixerRun.findOne({ runId }).lean();
      return doc?.status === 'cancelled' ? doc : null;
    }, 'the mixer cancelled');
    expect(world.emu.state.channels.list(world.guildId), 'no channel left').to.have.length(channelsBefore);
    expect(world.emu.state.roles.list(world.guildId).filter((r) => r.name.endsWith(runId))).to.deep.equal([]);
    for (const id of world.alumni) expect(world.voiceOf(id)).to.equal(world.lobbyId);
    return run;
  }

  it("stops cleanly at Discord's 250-role cap (30005), with a clear answer", async () => {
    w = await startMixerWorld({ alumni: 6 });
    // The role path (seven people would be named on the rooms under Discord's body cap of 100).
    w.bot.ctx.services.mixerRooms = { bodyOverwriteCap: 3 };
    await refusedAtSetup(w, async () => {
      for (let i = w!.emu.state.roles.list(w!.guildId).length; i < 250; i++)
        w!.emu.state.roles.create(w!.guildId, { name: `filler-${i}` });
      // The 251st is refused as Discord refuses it.
      expect(() => w!.emu.state.roles.create(w!.guildId, { name: 'one too many' }))
        .to.throw()
        .with.property('code', 30005);
    });
    await w.until(
      () =>
        w!.drivers.messagesIn(w!.lobbyId).some((m) => (m.content ?? '').includes('already has 250 roles')),
      'the organiser told',
    );
  });

  it('stops cleanly when Manage Roles was taken from the bot before the confirm, naming it', async () => {
    w = await startMixerWorld({ alumni: 6 });
    // The role path: rooms naming their people are created without Manage Roles (Discord checks
    // only the permissions the overwrites allow), so only the role needs it at setup.
    w.bot.ctx.services.mixerRooms = { bodyOverwriteCap: 3 };
    await refusedAtSetup(w, async () => {
      w!.emu.state.roles.update(w!.guildId, w!.seeded.botRole!.id, {
        permissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.ManageRoles,
      });
      await w!.until(
        () => !w!.bot.client.guilds.cache.get(w!.guildId)!.members.me!.permissions.has('ManageRoles'),
        'role update',
      );
    });
    await w.until(
      () =>
        w!.drivers
          .messagesIn(w!.lobbyId)
          .some((m) => (m.content ?? '').includes('I lack the Manage Roles permission')),
      'the organiser told',
    );
  });

  it('seats a late joiner, rebalances after a leaver and tells the channel when the organiser leaves', async () => {
    w = await startMixerWorld({ alumni: 13 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 2, minutes: 5 });
    const round0 = await untilPhase(w, runId, 'talking', 0);
    const groups = (round0.state as { rounds: string[][][] }).rounds[0]!;
    const small = groups.findIndex((g) => g.length === 3);
    const leaver = groups[small]![0]!;
    const smallRoom = round0.rooms[round0.roomOfGroup[0]![small]!]!;
    w.drivers.voiceLeave(w.guildId, leaver);
    await w.until(
      () =>
        w!.emu.state.voice.inChannel(smallRoom).length === 3 &&
        !w!.emu.state.voice.inChannel(smallRoom).some((v) => v.userId === leaver),
      'the small group back to 3',
    );

    const joiner = w.drivers.memberJoin(w.guildId, { username: 'newcomer', globalName: 'Newcomer' }).user!.id;
    w.drivers.voiceJoin(w.guildId, joiner, w.lobbyId);
    await w.until(() => round0.rooms.includes(w!.voiceOf(joiner) ?? ''), 'the joiner moved into a room');
    const after = await MixerRun.findOne({ runId }).lean();
    const ids = (after!.state as { participants: { id: string }[] }).participants.map((p) => p.id);
    expect(ids).to.include(joiner);
    expect(ids).to.not.include(leaver);

    w.drivers.voiceLeave(w.guildId, w.organiserId);
    await w.until(
      () =>
        w!.drivers.messagesIn(w!.lobbyId).some((m) => (m.content ?? '').includes('The organiser left voice')),
      'organiser-left notice',
    );
  });

  it('completes every move through a 429 storm, under the realistic rate-limit profile', async () => {
    w = await startMixerWorld({ alumni: 12 });
    w.emu.rateLimits.useProfile('realistic');
    w.emu.rateLimits.forceNext(20, { route: MOVE_ROUTE, retryAfterMs: 30 });
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 5 });
    const run = await untilPhase(w, runId, 'talking', 0, 60_000);
    const groups = (run.state as { rounds: string[][][] }).rounds[0]!;
    groups.forEach((members, g) => {
      for (const id of members) expect(w!.voiceOf(id)).to.equal(run.rooms[run.roomOfGroup[0]![g]!]);
    });
    expect(w.emu.rateLimits.served.filter((s) => s.route === MOVE_ROUTE).length).to.be.at.least(20);
    expect(run.moves!.done).to.equal(12);
  });

  it('GIVEN DMs are closed WHEN a member leaves voice before their move THEN the lobby chat tells them where their room is', async () => {
    w = await startMixerWorld({ alumni: 9 });
    const leaver = w.alumni[4]!;
    w.drivers.closeDms(leaver);
    const served = () => w!.emu.rateLimits.served.filter((s) => s.route === MOVE_ROUTE).length;
    // The first move meets a 429 with a 2 s Retry-After: every move waits behind it.
    w.emu.rateLimits.forceNext(1, { route: MOVE_ROUTE, retryAfterMs: 2000 });
    const { runId } = await startAndConfirm(w, { group_size: 3, rounds: 1, minutes: 5 });
    await w.until(() => served() >= 1, 'the first move held back');
    const planned = (await MixerRun.findOne({ runId }).lean())!;
    const g = (planned.state as { rounds: string[][][] }).rounds[0]!.findIndex((m) => m.includes(leaver));
    const room = planned.rooms[planned.roomOfGroup[0]![g]!]!;
    w.drivers.voiceLeave(w.guildId, leaver);
    const told = await w.until(
      () =>
        w!.drivers
          .messagesIn(w!.lobbyId)
          .find(
            (m) =>
              (m.content ?? '').startsWith(`<@${leaver}> `) && m.content.includes('not connected to voice'),
          ),
      'the room link in the lobby chat',
      30_000,
    );
    expect(told.content).to.include(`https://discord.com/channels/${w.guildId}/${room}`);
    expect(w.drivers.dmsTo(leaver)).to.deep.equal([]);
    await untilPhase(w, runId, 'talking', 0, 30_000);
  });

  it('tells a member who left voice mid-move where their room is, shows progress, and falls back when DMs are closed', async () => {
    w = await startMixerWorld({ alumni: 13 });
    w.emu.rateLimits.useProfile('realistic');
    const { runId } = await startAndConfirm(w, { group_size: 4, rounds: 1, minutes: 1 });
    // The guild bucket lets 10 moves through, then makes the rest wait about 10 s.
    const mid = await w.until(
      async () => {
        const doc = await MixerRun.findOne({ runId }).lean();
        return doc && doc.moves!.done >= 8 && doc.moves!.done < 13 ? doc : null;
        // Setup first grants the room role to 14 people through its own bucket (10, then ~10 s).
      },
      'moves under way',
      30_000,
    );
    const waiting = w.alumni.filter((id) => w!.voiceOf(id) === w!.lobbyId);
    expect(waiting.length).to.be.at.least(1);
    const gone = waiting[0]!;
    w.drivers.voiceLeave(w.guildId, gone);
    await w.until(
      () => w!.drivers.dmsTo(gone).some((m) => (m.content ?? '').includes('not connected to voice')),
      'the room link by DM',
      20_000,
    );
    await w.until(() => {
      const control = w!.drivers.messagesIn(w!.lobbyId).find((m) => m.id === mid.controlMessageId);
      return /\d+\/13 moved, about \d+ s left/.test(control?.embeds?.[0]?.description ?? '');
    }, 'the progress line');
    await untilPhase(w, runId, 'talking', 0, 30_000);

    const closed = w.alumni.find((id) => id !== gone)!;
    w.drivers.closeDms(closed);
    await passTime(w, 61_000);
    await untilPhase(w, runId, 'done', undefined, 40_000);
    const fallback = await w.until(
      () =>
        w!.drivers
          .messagesIn(w!.lobbyId)
          .find((m) => (m.content ?? '').includes(`<@${closed}>`) && customIdsOf(m).length > 0),
      'feedback fallback in the lobby',
      20_000,
    );
    const open = await w.drivers.clickButton(fallback.id, `mixfb:open:${runId}`, closed, EN).waitForReply();
    expect(customIdsOf(open)).to.include(`mixfb:rate:${runId}:5`);
  });
});

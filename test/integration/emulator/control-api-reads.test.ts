/**
 * The control API's reads: what people would see in Discord — a guild's members and channels,
 * its roles and invites, the commands a member can use, users, and the ephemeral replies that
 * only one person sees.
 */
import { expect } from 'chai';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { driversFor } from '../../../sandbox/discord/drivers.js';
import { startViewWorld, type ViewWorld } from './view-world.js';

describe('emulator control API: reading what people see', () => {
  let w: ViewWorld;

  before(async () => {
    w = await startViewWorld();
  });

  after(async () => {
    await w?.emu.stop();
  });

  it('lists a guild’s members with names, roles highest first, voice channel and DM channel', async () => {
    const [first] = w.seeded.members;
    const { Alumni, Organiser } = w.seeded.roles;
    w.emu.state.members.update(w.guildId, first!.id, {
      nick: 'はなちゃん',
      roles: [Alumni!.id, Organiser!.id],
    });
    w.emu.state.voice.join(w.guildId, first!.id, w.channel('Lounge'));
    const dm = w.emu.state.channels.openDm(first!.id);

    const { status, body } = await w.control('GET', `/guilds/${w.guildId}/members`);
    expect(status).to.equal(200);
    const row = body.find((m: { id: string }) => m.id === first!.id);
    expect(row).to.include({
      username: 'member-001',
      globalName: 'Member 001',
      nick: 'はなちゃん',
      displayName: 'はなちゃん',
      bot: false,
      voiceChannelId: w.channel('Lounge'),
      dmChannelId: dm.id,
    });
    expect(row.roles).to.deep.equal([Organiser!.id, Alumni!.id]);
    expect(body.find((m: { bot: boolean }) => m.bot).id).to.equal(w.emu.botUser.id);
    w.emu.state.voice.leave(w.guildId, first!.id);
  });

  it('lists channels by position with who is connected to each voice channel', async () => {
    const [, second] = w.seeded.members;
    w.emu.state.voice.join(w.guildId, second!.id, w.channel('Room 1'));
    const { body } = await w.control('GET', `/guilds/${w.guildId}/channels`);
    const names = body.map((c: { name: string }) => c.name);
    expect(names).to.include.members(['general', 'introductions', 'Lounge', 'Room 1', 'Text Channels']);
    const room = body.find((c: { name: string }) => c.name === 'Room 1');
    expect(room).to.include({ type: 2, parentId: w.seeded.channels['Voice Channels']!.id });
    expect(room.voiceMembers).to.deep.equal([second!.id]);
    expect(body.find((c: { name: string }) => c.name === 'general')).to.not.have.property('voiceMembers');
    w.emu.state.voice.leave(w.guildId, second!.id);
  });

  it('lists only the channels a member may view when asked as that member', async () => {
    const [member] = w.seeded.members;
    const hidden = w.emu.state.channels.create(w.guildId, {
      name: 'staff-only',
      permissionOverwrites: [
        { id: w.guildId, type: 0, allow: '0', deny: String(PermissionFlagsBits.ViewChannel) },
      ],
    });
    const asMember = await w.control('GET', `/guilds/${w.guildId}/channels?as=${member!.id}`);
    const asOwner = await w.control('GET', `/guilds/${w.guildId}/channels?as=${w.seeded.owner.id}`);
    expect(asMember.body.map((c: { id: string }) => c.id)).to.not.include(hidden.id);
    expect(asOwner.body.map((c: { id: string }) => c.id)).to.include(hidden.id);
  });

  it('lists roles highest first with their colours, and the live invites with their uses', async () => {
    const invite = w.emu.state.invites.create(w.channel('general'), {
      inviterId: w.seeded.owner.id,
      maxUses: 5,
    });
    const roles = await w.control('GET', `/guilds/${w.guildId}/roles`);
    const alumni = roles.body.find((r: { name: string }) => r.name === 'Alumni');
    expect(alumni).to.include({ color: 0x5865f2, hoist: false });
    expect(roles.body.at(-1).id).to.equal(w.guildId); // @everyone is the lowest
    const invites = await w.control('GET', `/guilds/${w.guildId}/invites`);
    expect(invites.body).to.deep.include({
      code: invite.code,
      channelId: w.channel('general'),
      inviterId: w.seeded.owner.id,
      uses: 0,
      maxUses: 5,
      maxAge: invite.maxAge,
      temporary: false,
      createdAt: invite.createdAt,
    });
  });

  it('returns one snapshot of a guild: roles, channels, members and invites', async () => {
    const { status, body } = await w.control('GET', `/guilds/${w.guildId}`);
    expect(status).to.equal(200);
    expect(body).to.include({ id: w.guildId, name: 'Acme アルムナイ', ownerId: w.seeded.owner.id });
    expect(body).to.have.keys([
      'id',
      'name',
      'ownerId',
      'preferredLocale',
      'systemChannelId',
      'roles',
      'channels',
      'members',
      'invites',
    ]);
    expect((await w.control('GET', '/guilds/123')).status).to.equal(404);
  });

  it('lists the commands with their localizations, hiding those a member lacks permissions for', async () => {
    await w.asBot('POST', `/applications/${w.emu.application.id}/guilds/${w.guildId}/commands`, {
      name: 'admin',
      description: 'Organisers only',
      default_member_permissions: String(PermissionFlagsBits.ManageGuild),
    });
    const [member] = w.seeded.members;
    const asMember = await w.control('GET', `/guilds/${w.guildId}/commands?as=${member!.id}`);
    const asOwner = await w.control('GET', `/guilds/${w.guildId}/commands?as=${w.seeded.owner.id}`);
    expect(asMember.body.map((c: { name: string }) => c.name)).to.deep.equal(['profile', 'setup']);
    expect(asOwner.body.map((c: { name: string }) => c.name)).to.deep.equal(['admin', 'profile', 'setup']);
    expect(asMember.body[1].name_localizations).to.deep.equal({ ja: 'セットアップ' });
    expect((await w.control('GET', '/commands')).body).to.deep.equal([]);
  });

  it('lists every user with their DM channel and guilds', async () => {
    const { body } = await w.control('GET', '/users');
    const owner = body.find((u: { id: string }) => u.id === w.seeded.owner.id);
    expect(owner).to.include({ username: 'owner', displayName: 'Owner', bot: false, dmsClosed: false });
    expect(owner.guildIds).to.deep.equal([w.guildId]);
    expect(body.find((u: { bot: boolean }) => u.bot).id).to.equal(w.emu.botUser.id);
  });

  it('keeps the newest messages with ?limit, oldest first', async () => {
    const general = w.channel('general');
    for (const n of [1, 2, 3]) driversFor(w.emu).sendMessage(general, w.seeded.owner.id, `message ${n}`);
    const { body } = await w.control('GET', `/channels/${general}/messages?limit=2`);
    expect(body.map((m: { content: string }) => m.content)).to.deep.equal(['message 2', 'message 3']);
  });

  it('shows an ephemeral reply to the member who got it and to nobody else', async () => {
    const [asker, other] = w.seeded.members;
    const general = w.channel('general');
    const next = w.nextInteraction();
    await w.control('POST', '/interactions/slash', {
      guildId: w.guildId,
      channelId: general,
      userId: asker!.id,
      name: 'profile',
      options: { field: 'industry' },
    });
    const interaction = await next;
    const answered = await w.answer(interaction, { type: 4, data: { content: 'Only for you', flags: 64 } });
    expect(answered.status).to.equal(204);

    const mine = await w.control('GET', `/users/${asker!.id}/ephemeral?channelId=${general}`);
    expect(mine.body.map((m: { content: string }) => m.content)).to.deep.equal(['Only for you']);
    expect(mine.body[0].flags & 64).to.equal(64);
    expect((await w.control('GET', `/users/${other!.id}/ephemeral`)).body).to.deep.equal([]);
    expect(
      (await w.control('GET', `/users/${asker!.id}/ephemeral?channelId=${w.channel('welcome')}`)).body,
    ).to.deep.equal([]);
    const inChannel = await w.control('GET', `/channels/${general}/messages`);
    expect(inChannel.body.map((m: { content: string }) => m.content)).to.not.include('Only for you');
  });
});

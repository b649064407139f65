/**
 * The control API makes a second guild with its own owner, so cross-guild authorization can be
 * tested: someone who owns one guild is a stranger in the other.
 */
import { expect } from 'chai';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { startViewWorld, type ViewWorld } from './view-world.js';

describe('emulator control API: a second guild with its owner', () => {
  let w: ViewWorld;

  before(async () => {
    w = await startViewWorld();
  });

  after(async () => {
    await w?.emu.stop();
  });

  it('creates a guild owned by a new person, with the bot in it (the bot gets GUILD_CREATE)', async () => {
    const announced: string[] = [];
    const off = w.emu.state.onDispatch((event, data) => {
      if (event === GatewayDispatchEvents.GuildCreate) announced.push((data as { id: string }).id);
    });
    const { status, body } = await w.control('POST', '/guilds', {
      name: 'Beta Alumni',
      owner: { username: 'beta.owner', globalName: 'Beta Owner', locale: 'ja' },
      textChannels: ['general', 'introductions'],
      voiceChannels: ['Lobby'],
    });
    off();
    expect(status).to.equal(200);
    expect(body.name).to.equal('Beta Alumni');
    expect(Object.keys(body.channels)).to.include.members(['general', 'introductions', 'Lobby']);
    expect(body.roles).to.have.keys(['Alumni', 'Organiser']);
    expect(announced).to.deep.equal([body.id]);
    const owner = w.emu.state.users.get(body.ownerId);
    expect(owner).to.include({ username: 'beta.owner', global_name: 'Beta Owner', locale: 'ja' });
    const members = await w.control('GET', `/guilds/${body.id}/members`);
    expect(members.body.map((m: { id: string }) => m.id)).to.have.members([body.ownerId, w.emu.botUser.id]);
  });

  it('makes each owner a stranger in the other guild', async () => {
    const beta = await w.control('POST', '/guilds', { name: 'Gamma', owner: { username: 'gamma.owner' } });
    const users = (await w.control('GET', '/users')).body as { id: string; guildIds: string[] }[];
    expect(users.find((u) => u.id === beta.body.ownerId)!.guildIds).to.deep.equal([beta.body.id]);
    expect(users.find((u) => u.id === w.seeded.owner.id)!.guildIds).to.deep.equal([w.guildId]);
    expect(w.emu.state.guilds.get(beta.body.id).ownerId).to.not.equal(w.seeded.owner.id);
  });

  it('gives an existing person a guild of their own, and leaves the bot out on request', async () => {
    const [member] = w.seeded.members;
    const { body } = await w.control('POST', '/guilds', {
      name: 'Side project',
      ownerId: member!.id,
      withBot: false,
    });
    expect(body.ownerId).to.equal(member!.id);
    expect(w.emu.state.members.find(body.id, w.emu.botUser.id)).to.equal(undefined);
    expect(w.emu.state.members.find(body.id, member!.id)).to.not.equal(undefined);
  });

  it('answers 400 without an owner, and 404 for an owner nobody knows', async () => {
    const missing = await w.control('POST', '/guilds', { name: 'Nobody’s' });
    expect(missing.status).to.equal(400);
    expect(missing.body.error).to.match(/ownerId/);
    expect((await w.control('POST', '/guilds', { name: 'x', ownerId: '1' })).status).to.equal(404);
    expect((await w.control('POST', '/guilds', { owner: { username: 'no.name' } })).status).to.equal(400);
    expect(
      (await w.control('POST', '/guilds', { name: 'x', ownerId: w.seeded.owner.id, textChannels: [1] }))
        .status,
    ).to.equal(400);
  });
});

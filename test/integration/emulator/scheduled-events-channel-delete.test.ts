/**
 * Deleting a voice channel deletes its scheduled events with it, with no
 * GUILD_SCHEDULED_EVENT_DELETE of their own (discord-api-docs#4581): only CHANNEL_DELETE.
 */
import { expect } from 'chai';
import { ChannelType, DiscordAPIError } from 'discord.js';
import { startCoreWorld, type CoreWorld } from './core-helpers.js';

describe('scheduled events: their channel deleted', () => {
  let world: CoreWorld;
  const guild = () => world.client.guilds.cache.get(world.seeded.guild.id)!;

  beforeEach(async () => {
    world = await startCoreWorld({ seed: { memberCount: 2 } });
  });

  afterEach(async () => {
    await world.stop();
  });

  it('removes the events of a deleted voice channel silently and keeps the others', async () => {
    const { emu, seeded } = world;
    const gid = seeded.guild.id;
    const doomed = emu.state.channels.create(gid, { name: 'Doomed', type: ChannelType.GuildVoice });
    const kept = emu.state.channels.create(gid, { name: 'Kept', type: ChannelType.GuildVoice });
    const start = new Date(emu.state.clock.now() + 86_400_000).toISOString();
    const inDoomed = emu.state.scheduledEvents.create(gid, {
      name: 'Goes',
      channelId: doomed.id,
      scheduledStartTime: start,
      entityType: 2,
    });
    const inKept = emu.state.scheduledEvents.create(gid, {
      name: 'Stays',
      channelId: kept.id,
      scheduledStartTime: start,
      entityType: 2,
    });
    const order: string[] = [];
    emu.state.onDispatch((event) => order.push(event));
    await guild().channels.delete(doomed.id);
    expect(order).to.deep.equal(['CHANNEL_DELETE']);
    expect(emu.state.scheduledEvents.list(gid).map((e) => e.id)).to.deep.equal([inKept.id]);
    const error = await guild()
      .scheduledEvents.fetch({ guildScheduledEvent: inDoomed.id, force: true })
      .catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).to.equal(10070);
  });
});

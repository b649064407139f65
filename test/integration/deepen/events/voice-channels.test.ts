/**
 * The worker keeps the guild's voice channels stored for the dashboard's lobby select (the web
 * process holds no gateway Client): at start-up, and as channels are created, renamed, deleted.
 */
import { expect } from 'chai';
import { ChannelType } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { GatewayDispatchEvents } from 'discord-api-types/v10';
import { listVoiceChannels } from '../../../../shared/deepen/events/lobby-channels.js';
import { MixerRun } from '../../../../shared/deepen/mixer/mixer-run.model.js';

describe('Events: the voice channels the dashboard offers as lobbies (emulator)', () => {
  useMongoose('events_voice_channels');
  let w: EventsWorld;
  afterEach(async () => {
    await w.stop();
  });

  const names = async () => (await listVoiceChannels(w.guildId))?.map((c) => c.name) ?? null;

  it('lists the voice channels at start-up, then follows creates, renames and deletes (text channels never)', async () => {
    w = await startEventsWorld();
    await w.until(async () => (await names())?.join('|') === 'Lounge|Room 1', 'the channels at start-up');
    const garden = w.emu.state.channels.create(w.guildId, { name: 'Garden', type: ChannelType.GuildVoice });
    w.emu.state.channels.create(w.guildId, { name: 'notes', type: ChannelType.GuildText });
    await w.until(async () => (await names())?.includes('Garden'), 'the new voice channel');
    w.emu.state.channels.update(garden.id, { name: 'Rose garden' });
    await w.until(async () => (await names())?.includes('Rose garden'), 'the rename');
    w.emu.state.channels.delete(w.channels.room);
    await w.until(async () => !(await names())?.includes('Room 1'), 'the deleted channel gone');
    expect((await names())!.sort()).to.deep.equal(['Lounge', 'Rose garden']);
  });

  it('never offers a mixer’s breakout rooms, while voice channels elsewhere still update the list', async () => {
    w = await startEventsWorld();
    await w.until(async () => (await names())?.join('|') === 'Lounge|Room 1', 'the channels at start-up');
    const category = w.emu.state.channels.create(w.guildId, {
      name: 'Mixer',
      type: ChannelType.GuildCategory,
    });
    // The mixer stores its category before it makes the rooms (bot/deepen/mixer/flows/rooms.ts);
    // written raw, as only the category matters here.
    await MixerRun.collection.insertOne({ guildId: w.guildId, status: 'running', categoryId: category.id });
    const room = w.emu.state.channels.create(w.guildId, {
      name: 'Room 3 · mixer',
      type: ChannelType.GuildVoice,
      parentId: category.id,
    });
    w.emu.state.channels.create(w.guildId, { name: 'Garden', type: ChannelType.GuildVoice });
    await w.until(async () => (await names())?.includes('Garden'), 'the new voice channel');
    expect(await names()).to.not.include('Room 3 · mixer');
    w.emu.state.channels.delete(room.id);
    w.emu.state.channels.update(w.channels.room, { name: 'Room One' });
    await w.until(async () => (await names())?.includes('Room One'), 'the rename after the room went');
    expect((await names())!.sort()).to.deep.equal(['Garden', 'Lounge', 'Room One']);
  });

  it('refreshes the list when a guild comes back from an outage, and forgets it when the bot leaves', async () => {
    w = await startEventsWorld();
    await w.until(async () => (await names())?.join('|') === 'Lounge|Room 1', 'the channels at start-up');
    w.emu.state.guilds.outage(w.guildId);
    // Missed while the guild was unavailable (nothing of it reaches the bot).
    w.emu.state.channels.create(w.guildId, { name: 'Hidden', type: ChannelType.GuildVoice });
    await new Promise((r) => setTimeout(r, 200));
    expect(await names()).to.not.include('Hidden');
    w.emu.state.guilds.recover(w.guildId);
    await w.until(async () => (await names())?.includes('Hidden'), 'the list refreshed on GuildAvailable');
    // Discord's GUILD_DELETE without `unavailable`: the bot was removed (discord-api-docs, Guild Delete).
    w.emu.state.emit(GatewayDispatchEvents.GuildDelete, { id: w.guildId }, w.guildId);
    await w.until(async () => (await listVoiceChannels(w.guildId)) === null, 'the list forgotten');
  });
});

/**
 * The worker keeps the guild's voice channels stored for the dashboard's lobby select (the web
 * process holds no gateway Client): at start-up, and as channels are created, renamed, deleted.
 */
import { expect } from 'chai';
import { ChannelType } from 'discord.js';
import { useMongoose } from '../../../support/database.js';
import { startEventsWorld, type EventsWorld } from '../../../support/events-world.js';
import { listVoiceChannels } from '../../../../shared/deepen/events/lobby-channels.js';

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
});

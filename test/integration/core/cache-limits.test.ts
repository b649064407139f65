import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { MEMBER_CACHE_SIZE } from '../../../bot/client.js';
import { startWorld, type BotWorld } from './bot-world.js';

describe('bot cache limits in a large guild (real discord.js Client)', () => {
  useMongoose('bot_cache');
  let world: BotWorld | undefined;
  let inVoice = '';

  afterEach(async () => {
    await world?.stop();
    world = undefined;
  });

  it('keeps at most the member limit after a GUILD_CREATE carrying every member', async () => {
    world = await startWorld({
      emulator: { guildCreateMembers: 'all' },
      seed: { memberCount: MEMBER_CACHE_SIZE * 3 },
    });
    const guild = world.bot.client.guilds.cache.get(world.seeded.guild.id)!;
    expect(guild.memberCount).to.equal(MEMBER_CACHE_SIZE * 3 + 2);
    expect(guild.members.cache.size).to.be.at.most(MEMBER_CACHE_SIZE);
  });

  it('always keeps the bot itself and members in voice', async () => {
    world = await startWorld({
      emulator: { guildCreateMembers: 'all' },
      seed: { memberCount: MEMBER_CACHE_SIZE * 3 },
      beforeStart: (emu, seeded) => {
        inVoice = seeded.members[0]!.id;
        emu.state.voice.join(seeded.guild.id, inVoice, seeded.channels.Lounge!.id);
      },
    });
    const guild = world.bot.client.guilds.cache.get(world.seeded.guild.id)!;
    expect(guild.members.cache.has(world.emu.botUser.id)).to.equal(true);
    expect(guild.members.me?.partial).to.equal(false);
    expect(guild.voiceStates.cache.get(inVoice)?.channelId).to.equal(world.seeded.channels.Lounge!.id);
    expect(guild.members.cache.has(inVoice)).to.equal(true);
  });
});

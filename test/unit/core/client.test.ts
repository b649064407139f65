import { expect } from 'chai';
import { GatewayIntentBits, IntentsBitField, Partials } from 'discord.js';
import { createClient, INTENTS, normalizeRestApi } from '../../../bot/client.js';

describe('client factory', () => {
  it('asks for the seven intents Tsunagu uses', () => {
    const client = createClient();
    expect(client.options.intents.toArray().sort()).to.deep.equal(
      [
        'Guilds',
        'GuildMembers',
        'GuildVoiceStates',
        'GuildMessages',
        'GuildInvites',
        'GuildScheduledEvents',
        'DirectMessages',
      ].sort(),
    );
    void client.destroy();
  });

  it('never asks for MessageContent or presences', () => {
    const bits = new IntentsBitField([...INTENTS]);
    expect(bits.has(GatewayIntentBits.MessageContent)).to.equal(false);
    expect(bits.has(GatewayIntentBits.GuildPresences)).to.equal(false);
  });

  it('receives DMs through the Channel partial', () => {
    const client = createClient();
    expect(client.options.partials).to.include(Partials.Channel);
    void client.destroy();
  });

  it('receives Interested add/remove for events discord.js has not cached (the GuildScheduledEvent partial)', () => {
    const client = createClient();
    expect(client.options.partials).to.include(Partials.GuildScheduledEvent);
    void client.destroy();
  });

  it('points REST at the injected base', () => {
    const client = createClient({ restApi: 'http://127.0.0.1:4010/api' });
    expect(client.rest.options.api).to.equal('http://127.0.0.1:4010/api');
    void client.destroy();
  });

  it('limits the member cache and sweeps members and messages', () => {
    const client = createClient();
    expect(client.options.sweepers).to.have.keys('threads', 'messages', 'guildMembers', 'users');
    void client.destroy();
  });

  it('GIVEN defaultCaches THEN keeps discord.js defaults (the benchmark baseline)', () => {
    const client = createClient({ defaultCaches: true });
    expect(client.options.sweepers).to.have.keys('threads');
    void client.destroy();
  });

  it('GIVEN a base with /v10 or a trailing slash THEN strips them (discord.js adds the version)', () => {
    expect(normalizeRestApi('http://127.0.0.1:1/api/v10/')).to.equal('http://127.0.0.1:1/api');
    expect(normalizeRestApi('https://discord.com/api')).to.equal('https://discord.com/api');
  });
});

import { expect } from 'chai';
import { GatewayIntentBits, IntentsBitField } from 'discord.js';
import { createClient, INTENTS } from '../../../bot/client.js';

describe('insights privacy: the bot never asks for message content', () => {
  it('GIVEN the intents Tsunagu requests THEN MessageContent is not among them', () => {
    expect(INTENTS).to.not.include(GatewayIntentBits.MessageContent);
    expect(INTENTS).to.include(GatewayIntentBits.GuildMessages); // counting needs MESSAGE_CREATE, not its text
  });

  it('GIVEN the client the worker builds THEN its identify intents lack MessageContent', async () => {
    const client = createClient();
    try {
      const intents = new IntentsBitField(client.options.intents);
      expect(intents.has(GatewayIntentBits.MessageContent)).to.equal(false);
    } finally {
      await client.destroy();
    }
  });
});

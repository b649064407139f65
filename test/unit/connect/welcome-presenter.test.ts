import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import {
  dmClosedFallback,
  welcomeChannelMessage,
  welcomeDm,
} from '../../../bot/connect/presenters/welcome.presenter.js';

const en = translator('en');
const ids = (message: { components: { toJSON(): unknown }[] }) =>
  JSON.stringify(message.components.map((c) => c.toJSON()));

describe('welcome presenter', () => {
  it('GIVEN a template naming @everyone THEN only the new member can be pinged', () => {
    const message = welcomeChannelMessage(en, {
      guildId: '1',
      userId: '42',
      content: 'Hi <@42> @everyone',
      returning: false,
      askIntro: true,
    });
    expect(message.allowedMentions).to.deep.equal({ users: ['42'], roles: [], parse: [] });
    expect(ids(message)).to.include('intro:start:1');
  });

  it('GIVEN a returning member who already introduced themself THEN "welcome back" and no intro button', () => {
    const message = welcomeChannelMessage(en, {
      guildId: '1',
      userId: '42',
      content: 'ignored',
      returning: true,
      askIntro: false,
    });
    expect(message.content).to.equal(en('bot.connect.welcome.back', { user: '<@42>' }));
    expect(message.components).to.deep.equal([]);
  });

  it('GIVEN a server name with markdown THEN the DM shows it as typed, with the intro button for that server', () => {
    const dm = welcomeDm(en, { guildId: '7', serverName: 'Acme_*alumni*' });
    expect(dm.content).to.include('Acme\\_\\*alumni\\*');
    expect(ids(dm)).to.include('intro:start:7');
  });

  it('GIVEN closed DMs THEN the fallback mentions the member in the channel with the intro button', () => {
    const message = dmClosedFallback(en, { guildId: '7', userId: '42' });
    expect(message.content).to.include('<@42>');
    expect(ids(message)).to.include('intro:start:7');
  });
});

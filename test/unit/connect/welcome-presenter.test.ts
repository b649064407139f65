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

  it('GIVEN closed DMs THEN the one welcome post says so and carries one intro button, within 2000 characters', () => {
    const message = welcomeChannelMessage(en, {
      guildId: '7',
      userId: '42',
      content: 'x'.repeat(2000),
      returning: false,
      askIntro: true,
      dmClosed: true,
    });
    expect(message.content.endsWith(en('bot.connect.welcome.dmClosed', { user: '<@42>' }))).to.equal(true);
    expect(message.content.length).to.be.at.most(2000);
    expect(ids(message).match(/intro:start:7/g)).to.have.length(1);
  });

  it('GIVEN a long greeting of emoji THEN the cut before the note never splits a surrogate pair', () => {
    const note = en('bot.connect.welcome.dmClosed', { user: '<@42>' });
    for (const pad of [0, 1]) {
      const message = welcomeChannelMessage(en, {
        guildId: '7',
        userId: '42',
        content: 'x'.repeat(pad) + '🎉'.repeat(1000),
        returning: false,
        askIntro: true,
        dmClosed: true,
      });
      const greeting = message.content.slice(0, -(note.length + 2));
      expect(greeting).to.not.match(/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/);
      expect(greeting.endsWith('🎉…')).to.equal(true);
      expect(message.content.length).to.be.at.most(2000);
    }
  });
});

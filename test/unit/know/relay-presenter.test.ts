import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import {
  nominatePrompt,
  nominationAnnouncement,
  relayStatusEmbed,
} from '../../../bot/know/presenters/relay.presenter.js';
import type { RelayStatus } from '../../../shared/know/relay.service.js';

const en = translator('en');
const at = new Date('2026-01-01T00:00:00Z');

describe('relay presenter', () => {
  it('GIVEN no chain yet THEN /relay status says how a relay starts', () => {
    const embed = relayStatusEmbed(en, {
      chains: [],
      activeChains: 0,
      longestLength: 0,
      totalIntroductions: 0,
    });
    expect(embed.data.description).to.equal(en('bot.connect.relay.status.none'));
  });

  it('GIVEN a chain waiting for a nominee THEN it shows the people so far and who is awaited', () => {
    const link = {
      linkId: 'l1',
      chainId: 'c1',
      guildId: 'g',
      position: 1,
      attempt: 1,
      replacesLinkId: null,
      fromUserId: '11',
      nominatedByBot: false,
      nomineeId: '22',
      status: 'pending' as const,
      nominatedAt: at,
      reminderDueAt: at,
      remindedAt: null,
      passDueAt: null,
      passedAt: null,
      completedAt: null,
      closedAt: null,
    };
    const status: RelayStatus = {
      activeChains: 1,
      longestLength: 1,
      totalIntroductions: 1,
      chains: [
        {
          chainId: 'c1',
          guildId: 'g',
          number: 3,
          status: 'active',
          length: 1,
          startedBy: '11',
          startedAt: at,
          lastActivityAt: at,
          batonHolderId: null,
          batonWithBot: false,
          breaks: [],
          links: [link],
          openLink: link,
        },
      ],
    };
    const field = relayStatusEmbed(en, status).data.fields![0]!;
    expect(field.name).to.equal(en('bot.connect.relay.status.chain', { number: 3, length: 1 }));
    expect(field.value)
      .to.include('<@11>')
      .and.include(en('bot.connect.relay.status.waiting', { nominee: '<@22>', nominator: '<@11>' }));
  });

  it('GIVEN 30 candidates THEN the prompt names only the first 10 and pings nobody', () => {
    const prompt = nominatePrompt(en, {
      guildId: '1',
      candidates: Array.from({ length: 30 }, (_, i) => String(100 + i)),
    });
    expect(prompt.content.match(/<@\d+>/g)).to.have.length(10);
    expect(prompt.allowedMentions.parse).to.deep.equal([]);
  });

  it('GIVEN a nomination THEN only the nominee is pinged in the announcement', () => {
    const message = nominationAnnouncement(en, { guildId: '1', nomineeId: '22', nominatorId: '11' });
    expect(message.allowedMentions.users).to.deep.equal(['22']);
    expect(message.content).to.include('<@22>').and.include('<@11>');
  });
});

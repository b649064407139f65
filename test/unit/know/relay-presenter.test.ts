import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import {
  candidateChoices,
  nominatePrompt,
  nominationAnnouncement,
  relayStatusEmbed,
} from '../../../bot/know/presenters/relay.presenter.js';
import type { RelayStatus } from '../../../shared/know/relay.service.js';

const en = translator('en');
const at = new Date('2026-01-01T00:00:00Z');

describe('relay presenter', () => {
  it('GIVEN candidates THEN the /relay nominate autocomplete offers those matching what was typed, 25 at most', () => {
    const candidates = Array.from({ length: 30 }, (_, i) => ({
      userId: `1000000000000000${String(i).padStart(2, '0')}`,
      label: i === 3 ? 'Ken Sato (@ken.s)' : `Newbie ${i} (@newbie${i})`,
    }));
    expect(candidateChoices(candidates, '')).to.have.length(25);
    expect(candidateChoices(candidates, '  KEN ')).to.deep.equal([
      { name: 'Ken Sato (@ken.s)', value: '100000000000000003' },
    ]);
    expect(candidateChoices(candidates, 'nobody')).to.deep.equal([]);
    const long = candidateChoices([{ userId: '1', label: 'x'.repeat(150) }], '');
    expect(long[0]!.name.length).to.be.at.most(100);
  });

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
          nominationRequest: null,
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

  const candidates = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ userId: String(100 + from + i), label: `Member ${from + i}` }));
  const optionsOf = (prompt: ReturnType<typeof nominatePrompt>) =>
    prompt.components
      .flatMap((row) => row.toJSON().components)
      .flatMap((c) => ('options' in c ? c.options : []));
  const customIdsOf = (prompt: ReturnType<typeof nominatePrompt>) =>
    prompt.components
      .flatMap((row) => row.toJSON().components)
      .flatMap((c) => ('custom_id' in c ? [c.custom_id] : []));

  it('GIVEN 25 candidates THEN a string select offers exactly them, with no paging and no ping', () => {
    const prompt = nominatePrompt(en, { guildId: '1', candidates: candidates(25), total: 25, offset: 0 });
    expect(optionsOf(prompt).map((o) => o.value)).to.deep.equal(candidates(25).map((c) => c.userId));
    expect(customIdsOf(prompt)).to.deep.equal(['relay:nominate:1']);
    expect(prompt.allowedMentions.parse).to.deep.equal([]);
  });

  it('GIVEN 60 candidates on the second page THEN Previous and More page by 25, and the page is named', () => {
    const prompt = nominatePrompt(en, {
      guildId: '1',
      candidates: candidates(25, 25),
      total: 60,
      offset: 25,
    });
    expect(customIdsOf(prompt)).to.deep.equal(['relay:nominate:1', 'relay:page:1:0', 'relay:page:1:50']);
    expect(prompt.content).to.include('26–50 of 60');
  });

  it('GIVEN a prompt posted publicly THEN every custom id names the holder', () => {
    const prompt = nominatePrompt(en, {
      guildId: '1',
      candidates: candidates(25),
      total: 30,
      offset: 0,
      holderId: '77',
    });
    expect(customIdsOf(prompt)).to.deep.equal([
      'relay:nominate:1:77',
      'relay:page:1:0:77',
      'relay:page:1:25:77',
    ]);
  });

  it('GIVEN a very long display name THEN the option label is cut to Discord’s 100 characters', () => {
    const prompt = nominatePrompt(en, {
      guildId: '1',
      candidates: [{ userId: '5', label: 'x'.repeat(150) }],
      total: 1,
      offset: 0,
    });
    expect(optionsOf(prompt)[0]!.label.length).to.equal(100);
  });

  it('GIVEN no candidate THEN there is no select, only a refresh, and the text says the baton waits for a newcomer', () => {
    const prompt = nominatePrompt(en, { guildId: '1', candidates: [], total: 0, offset: 0 });
    expect(customIdsOf(prompt)).to.deep.equal(['relay:page:1:0']);
    expect(prompt.content).to.include('/relay nominate');
  });

  it('GIVEN a nomination THEN only the nominee is pinged in the announcement', () => {
    const message = nominationAnnouncement(en, { guildId: '1', nomineeId: '22', nominatorId: '11' });
    expect(message.allowedMentions.users).to.deep.equal(['22']);
    expect(message.content).to.include('<@22>').and.include('<@11>');
  });
});

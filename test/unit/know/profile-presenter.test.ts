import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import { ASKED_VISIBILITY_FIELDS } from '../../../shared/kernel/profile-attributes.js';
import { erasureConfirmation, visibilityPrompt } from '../../../bot/know/presenters/profile.presenter.js';
import { introModal } from '../../../bot/know/presenters/intro-modal.presenter.js';
import { profileFixture } from './profile-fixture.js';

const en = translator('en');
const ja = translator('ja');

describe('profile presenters', () => {
  it('GIVEN /profile visibility THEN only fields the intro and the survey ask are offered', () => {
    const select = visibilityPrompt(en, '1', profileFixture()).components[0]!.toJSON().components[0]!;
    const values = 'options' in select ? select.options.map((o) => o.value) : [];
    expect(values).to.deep.equal([...ASKED_VISIBILITY_FIELDS]);
    expect(values).to.not.include.members(['skills']);
    expect(values).to.not.include('needs');
    expect(values).to.not.include('ageBand');
  });

  it('GIVEN messages that could not be removed THEN the confirmation lists them with links, in both languages', () => {
    const outcome = {
      unremoved: [{ channelId: '2', messageId: '3', kind: 'relayAnnouncement' }],
      roleRemoved: false,
    };
    const text = erasureConfirmation(en, '1', outcome);
    expect(text).to.include('could not remove 1 of my messages');
    expect(text).to.include('a relay announcement: https://discord.com/channels/1/2/3');
    expect(text).to.include('Introduced role');
    expect(text).to.include('try again when you run /profile delete');
    expect(text).to.include('older versions of Tsunagu');
    expect(erasureConfirmation(ja, '1', outcome)).to.include('1 件は削除できませんでした');
  });

  it('GIVEN a DM and a welcome fallback that could not be removed THEN DM links use @me and the welcome is named', () => {
    const text = erasureConfirmation(en, '1', {
      unremoved: [
        { channelId: '5', messageId: '6', kind: 'batonPrompt', inDm: true },
        { channelId: '7', messageId: '8', kind: 'relayDm' },
        { channelId: '2', messageId: '9', kind: 'welcomeFallback' },
      ],
      roleRemoved: true,
    });
    expect(text).to.include('a relay baton prompt: https://discord.com/channels/@me/5/6');
    expect(text).to.include('a relay DM to someone else: https://discord.com/channels/@me/7/8');
    expect(text).to.include('the welcome post: https://discord.com/channels/1/2/9');
    expect(text).to.not.include('a message:');
    expect(
      erasureConfirmation(ja, '1', {
        unremoved: [{ channelId: '2', messageId: '9', kind: 'welcomeFallback' }],
        roleRemoved: true,
      }),
    ).to.include('ウェルカム投稿');
  });

  it('GIVEN everything removed THEN the confirmation is the plain one', () => {
    expect(erasureConfirmation(en, '1', { unremoved: [], roleRemoved: true })).to.equal(
      [en('bot.connect.profile.deleted'), en('bot.connect.profile.olderUntracked')].join('\n'),
    );
  });

  it('GIVEN a personal invite Discord would not revoke THEN the confirmation names it, in both languages', () => {
    const outcome = { unremoved: [], roleRemoved: true, invitesKept: ['abc123'] };
    expect(erasureConfirmation(en, '1', outcome)).to.include('personal invite link (abc123)');
    expect(erasureConfirmation(ja, '1', outcome)).to.include('abc123');
  });

  it('GIVEN a refused draft THEN the modal is filled with it, a too-long text whole (the limit grows to hold it)', () => {
    const greeting = 'g'.repeat(1200);
    const modal = introModal(en, {
      guildId: '1',
      profile: profileFixture({ greeting: 'stored' }),
      edit: true,
      draft: { career: 'typed career', greeting },
    }).toJSON();
    const inputs = JSON.stringify(modal);
    expect(inputs).to.include('"value":"typed career"');
    expect(inputs).to.include(`"value":"${greeting}"`);
    expect(inputs).to.include('"max_length":1200');
    expect(inputs).to.not.include('stored');
  });
});

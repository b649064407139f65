import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import {
  personalInviteButtonId,
  personalInviteRow,
  personalInviteText,
} from '../../../bot/connect/presenters/personal-invite.presenter.js';

describe('personal invite presenter', () => {
  it('GIVEN either language THEN the "Invite a friend" button carries the guild in the same stored id', () => {
    for (const locale of ['en', 'ja'] as const) {
      const row = personalInviteRow(translator(locale), '42').toJSON();
      expect(JSON.stringify(row)).to.include('"custom_id":"myinvite:get:42"');
    }
    expect(personalInviteButtonId('42')).to.equal('myinvite:get:42');
    expect(JSON.stringify(personalInviteRow(translator('ja'), '42').toJSON())).to.include('友だちを招待');
  });

  it('GIVEN a renewed link THEN says the old one is gone; otherwise that it stays the same', () => {
    const en = translator('en');
    const url = 'https://discord.gg/abc';
    expect(personalInviteText(en, { url, code: 'abc', renewed: true })).to.include('no longer exists');
    expect(personalInviteText(en, { url, code: 'abc', renewed: false }))
      .to.include(url)
      .and.include('stays the same');
  });
});

import { expect } from 'chai';
import { checkGuildSettingsPatch } from '../../../shared/kernel/guild-settings.service.js';

describe('guild settings validation', () => {
  it('accepts a valid patch', () => {
    expect(
      checkGuildSettingsPatch({
        locale: 'en',
        timeZone: 'Europe/London',
        channels: { welcome: '123456789012345678' },
        welcomeTemplate: 'Hi {user}',
        relayReminderDays: 5,
      }),
    ).to.deep.equal([]);
  });

  it('rejects an unknown time zone, a bad id, an unknown placeholder and out-of-range days together', () => {
    const issues = checkGuildSettingsPatch({
      timeZone: 'Mars/Olympus',
      roles: { alumni: 'not-an-id' },
      welcomeTemplate: 'Hi {nickname}',
      relayReminderDays: 0,
    });
    expect(issues.map((i) => i.i18nKey)).to.deep.equal([
      'connect.error.timeZoneInvalid',
      'connect.error.idInvalid',
      'connect.error.templateUnknownPlaceholder',
      'connect.error.reminderDaysInvalid',
    ]);
  });

  it('rejects an unsupported locale', () => {
    expect(checkGuildSettingsPatch({ locale: 'fr' }).map((i) => i.field)).to.deep.equal(['locale']);
  });
});

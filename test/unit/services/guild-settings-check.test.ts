import { expect } from 'chai';
import { checkGuildSettingsPatch } from '../../../shared/services/guild-settings.service.js';

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

describe('local day of an event', () => {
  it('GIVEN 00:30 in Tokyo (15:30 UTC the day before) THEN counts it on the Tokyo day', async () => {
    const { localDay } = await import('../../../shared/services/clock.js');
    expect(localDay(new Date('2026-03-31T15:30:00Z'), 'Asia/Tokyo')).to.equal('2026-04-01');
    expect(localDay(new Date('2026-03-31T15:30:00Z'), 'Europe/London')).to.equal('2026-03-31');
  });
});

import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import { problemText, setupEmbed } from '../../../bot/connect/presenters/setup.presenter.js';
import type { GuildSettingsView } from '../../../shared/kernel/guild-settings.service.js';
import type { SetupProblem } from '../../../bot/connect/flows/setup-checks.js';

const en = translator('en');
const ja = translator('ja');

const settings: GuildSettingsView = {
  guildId: '1',
  locale: 'ja',
  timeZone: 'Asia/Tokyo',
  channels: { welcome: '10', introductions: null, events: null, lobby: null },
  roles: { alumni: '20', introduced: null, newcomer: null, organiser: null, moderator: null },
  welcome: { template: 'Hi {user}', customTemplate: true, dmEnabled: true },
  relay: { enabled: true, reminderDays: 3 },
};

describe('/setup view', () => {
  it('GIVEN a missing channel permission THEN names the permission and the channel in each language', () => {
    const problem: SetupProblem = {
      key: 'bot.connect.setup.problem.channelPermission',
      vars: { channel: '<#10>' },
      keyVars: { permission: 'bot.permission.SendMessages' },
    };
    expect(problemText(en, problem)).to.include('"Send Messages"').and.include('<#10>');
    expect(problemText(ja, problem)).to.include(ja('bot.permission.SendMessages')).and.include('<#10>');
  });

  it('GIVEN no problem THEN the checks field says all is well; GIVEN problems THEN it lists each', () => {
    const checks = (embed: ReturnType<typeof setupEmbed>) =>
      embed.data.fields?.find((f) => f.name === 'Checks')?.value;
    expect(checks(setupEmbed(en, settings, []))).to.include(en('bot.connect.setup.allGood'));
    const notSet: SetupProblem = {
      key: 'bot.connect.setup.problem.notConfigured',
      vars: {},
      keyVars: { what: 'bot.connect.setup.channel.introductions' },
    };
    expect(checks(setupEmbed(en, settings, [notSet]))).to.include('Introductions is not set yet.');
  });

  it('shows channels and roles as mentions and unset ones as "not set"', () => {
    const fields = setupEmbed(en, settings, []).data.fields!;
    expect(fields[0]!.value).to.include('Welcome: <#10>').and.include('Introductions: not set');
    expect(fields[1]!.value).to.include('Alumni: <@&20>');
  });
});

import { expect } from 'chai';
import { translator } from '../../../shared/i18n/index.js';
import type { HealthProblemKind } from '../../../shared/health/index.js';
import { presentOverview } from '../../../web/overview/overview.presenter.js';

const guild = {
  id: '100000000000000001',
  name: 'Acme',
  icon: null,
  ownerId: '1',
  roles: [],
  approximateMemberCount: 150,
};
const checkedAt = new Date('2026-04-01T00:30:00Z');

describe('overview presenter', () => {
  it('shows health as unknown until the bot has reported', () => {
    const view = presentOverview(guild, {}, { t: translator('en'), locale: 'en', timeZone: 'Asia/Tokyo' });
    expect(view).to.include({ healthy: null });
    // The member count is the Connect card's (GuildReads.memberTotal), not Discord's approximate one.
    expect(view).to.not.have.property('memberCount');
    expect(view.sections.every((s) => !s.recorded)).to.equal(true);
  });

  it('localizes each problem and marks the guild unhealthy when any scope has one', () => {
    const view = presentOverview(
      guild,
      {
        guild: { scope: guild.id, ok: true, problems: [], checkedAt },
        global: {
          scope: 'global',
          ok: false,
          problems: [
            { kind: 'disallowed-intent', subject: 'GuildMembers' },
            { kind: 'something-new' as HealthProblemKind, subject: 'x' },
          ],
          checkedAt,
        },
      },
      { t: translator('ja'), locale: 'ja', timeZone: 'Asia/Tokyo' },
    );
    expect(view.healthy).to.equal(false);
    expect(view.sections[1]?.problems).to.deep.equal([
      'Discord Developer Portal で特権インテントが有効になっていません：GuildMembers',
      '問題：x',
    ]);
  });

  it('shows the check time in the given time zone', () => {
    const view = presentOverview(
      guild,
      { guild: { scope: guild.id, ok: true, problems: [], checkedAt } },
      { t: translator('en'), locale: 'en', timeZone: 'Asia/Tokyo' },
    );
    // 00:30 UTC is 09:30 in Tokyo.
    expect(view.sections[0]?.checkedAt).to.include('09:30');
  });
});

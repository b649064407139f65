import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import {
  BotHealth,
  clearGuildHealth,
  getGuildHealth,
  recordGlobalHealth,
  recordGuildHealth,
} from '../../../shared/health/index.js';

describe('bot health records (shared/health)', () => {
  useMongoose('health');

  it('records a guild with no problems as ok', async () => {
    await recordGuildHealth('111111111111111111', [], { botUserId: '999999999999999999' });
    const { guild } = await getGuildHealth('111111111111111111');
    expect(guild).to.deep.include({
      scope: '111111111111111111',
      ok: true,
      problems: [],
      botUserId: '999999999999999999',
    });
  });

  it('records missing permissions and replaces the previous result of that guild', async () => {
    await recordGuildHealth('111111111111111111', []);
    await recordGuildHealth('111111111111111111', [{ kind: 'missing-permission', subject: 'MoveMembers' }]);
    const { guild } = await getGuildHealth('111111111111111111');
    expect(guild?.ok).to.equal(false);
    expect(guild?.problems).to.deep.equal([
      { kind: 'missing-permission', subject: 'MoveMembers', detail: '' },
    ]);
    expect(await BotHealth.countDocuments({ scope: '111111111111111111' })).to.equal(1);
  });

  it('shows bot-wide problems (a disallowed intent) with every guild', async () => {
    await recordGlobalHealth([{ kind: 'disallowed-intent', subject: 'GuildMembers', detail: 'enable it' }]);
    const health = await getGuildHealth('222222222222222222');
    expect(health.guild).to.equal(undefined);
    expect(health.global?.problems[0]).to.deep.equal({
      kind: 'disallowed-intent',
      subject: 'GuildMembers',
      detail: 'enable it',
    });
  });

  it("keeps one guild's results apart from another's", async () => {
    await recordGuildHealth('111111111111111111', [{ kind: 'missing-permission', subject: 'ManageRoles' }]);
    await recordGuildHealth('222222222222222222', []);
    expect((await getGuildHealth('222222222222222222')).guild?.ok).to.equal(true);
  });

  it('forgets a guild the bot left', async () => {
    await recordGuildHealth('111111111111111111', []);
    await clearGuildHealth('111111111111111111');
    expect((await getGuildHealth('111111111111111111')).guild).to.equal(undefined);
  });
});

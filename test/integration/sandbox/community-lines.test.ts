/**
 * The terminal shows the community living: each community action (a join, an intro, a
 * nomination, a baton coming back) is ONE info line from the bot, never repeated and never
 * carrying a stack. Real discord.js through the emulator, as in the sandbox.
 */
import { expect } from 'chai';
import { useMongoose } from '../../support/database.js';
import { startConnectWorld, type ConnectWorld } from '../../support/connect-world.js';
import { answerSurveyAndPost, joinAndGetDm, submitIntro } from '../../support/flow.js';
import type { LogLine } from '../core/bot-world.js';

describe('Sandbox: one readable line per community action', function () {
  // Two joins, an intro with its survey, a nomination and a leave: about 19 s on a loaded
  // 2-core machine, so the scenario gets the budget of the other whole-flow tests.
  this.timeout(60_000);
  useMongoose('sandbox_community_lines');
  let w: ConnectWorld;

  beforeEach(async () => {
    w = await startConnectWorld();
  });
  afterEach(async () => {
    await w.stop();
  });

  const info = (msg: string): LogLine[] => w.logs.filter((l) => l.level === 30 && l.msg?.startsWith(msg));

  it('logs the join, the intro, the nomination and the returned baton once each', async () => {
    const code = await w.invite(w.memberId);
    const { userId: aiko, dm } = await joinAndGetDm(w, 'Aiko', code);
    const { userId: ken } = await joinAndGetDm(w, 'Ken');
    const { post } = await answerSurveyAndPost(w, aiko, await submitIntro(w, aiko, dm));
    const prompt = await post.waitForFollowUp(1);
    await w.drivers.selectValues(prompt.id, `relay:nominate:${w.guildId}`, aiko, [ken]).waitForReply();
    await w.until(() => info('baton passed').length > 0, 'the nomination line');
    w.drivers.memberLeave(w.guildId, ken);
    await w.until(() => info('baton returned').length > 0, 'the baton-returned line');

    const joins = info('member joined');
    expect(joins.map((l) => l.userId)).to.have.members([aiko, ken]);
    expect(joins.find((l) => l.userId === aiko)?.msg).to.equal(`member joined through invite ${code}`);
    expect(joins.find((l) => l.userId === aiko)?.inviterId).to.equal(w.memberId);
    expect(info('member introduced themself').map((l) => l.userId)).to.deep.equal([aiko]);
    expect(info('baton passed').map((l) => [l.userId, l.fromUserId])).to.deep.equal([[ken, aiko]]);
    expect(info('baton returned').map((l) => [l.msg, l.holderId, l.nomineeId])).to.deep.equal([
      ['baton returned to its holder', aiko, ken],
    ]);
    for (const line of [...joins, ...info('member introduced'), ...info('baton')])
      expect(line, line.msg).to.not.have.property('err');
  });
});

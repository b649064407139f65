/**
 * The overview's "Top connectors" block (web/views/connect/top-connectors.ejs): the people who
 * bring others in, from the same counts as the invites page, escaped, in both languages.
 */
import { expect } from 'chai';
import {
  attributeJoin,
  syncInvites,
  type InviteInfo,
} from '../../../shared/connect/invite-tracking.service.js';
import { savePersonalInvite } from '../../../shared/connect/personal-invite.service.js';
import { recordLeave } from '../../../shared/connect/welcome.service.js';
import { signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';

const BOT = '100000000000099999';
const t0 = new Date('2026-03-01T00:00:00Z');

describe('dashboard overview: top connectors', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_top_connectors', '');

  /** Aiko brings three members in through her personal link (one leaves), Ken one. */
  async function seedConnectors() {
    const g = suite.world.guildA;
    await seedMember(g, { n: 1, joinedAt: t0, name: 'Aiko <b>' });
    await seedMember(g, { n: 2, joinedAt: t0, name: '健' });
    const aiko: InviteInfo = { code: 'aikolink', uses: 0, maxUses: 0, inviterId: BOT };
    const ken: InviteInfo = { code: 'kenlink', uses: 0, maxUses: 0, inviterId: uid(2) };
    await syncInvites({ guildId: g, invites: [aiko, ken] });
    await savePersonalInvite({ guildId: g, userId: uid(1), invite: aiko });
    let uses = 0;
    for (const n of [10, 11, 12]) {
      await seedMember(g, { n, joinedAt: t0 });
      uses += 1;
      await attributeJoin({ guildId: g, userId: uid(n), invites: [{ ...aiko, uses }, ken] });
    }
    await seedMember(g, { n: 13, joinedAt: t0 });
    await attributeJoin({
      guildId: g,
      userId: uid(13),
      invites: [
        { ...aiko, uses },
        { ...ken, uses: 1 },
      ],
    });
    await recordLeave({ guildId: g, userId: uid(12) });
  }

  it('lists the people who bring others in, most members still here first, escaped', async () => {
    await seedConnectors();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    const items = res.text.match(/<li data-testid="top-connector">[^<]*<\/li>/g) ?? [];
    expect(items).to.deep.equal([
      '<li data-testid="top-connector">Aiko &lt;b&gt;: 3 brought in, 2 still here</li>',
      '<li data-testid="top-connector">健: 1 brought in, 1 still here</li>',
    ]);
    expect(res.text).to.include(`href="/guilds/${suite.world.guildA}/invites"`);
  });

  it('answers in Japanese, and in the JSON of the overview', async () => {
    await seedConnectors();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.include('仲間を連れてくる人').and.to.include('健：招いた人 1 人（在籍 1 人）');
    const json = await agent.get(suite.path).set('Accept', 'application/json').expect(200);
    expect(json.body.connectors.map((c: { person: string }) => c.person)).to.deep.equal(['Aiko <b>', '健']);
  });

  it('says so when nobody has brought anyone in yet', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('Nobody has brought a member in through an invite yet.');
  });
});

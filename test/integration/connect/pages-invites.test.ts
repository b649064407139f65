/**
 * "Who brings people in" (/guilds/:guildId/invites): inviter leaderboard, cohort invites with
 * Discord uses and attributed joins, and joins no invite accounts for. Seeded through the
 * invite-tracking service exactly as the bot feeds it (snapshot, then a diff per join).
 */
import { expect } from 'chai';
import {
  attributeJoin,
  createCohortInvite,
  syncInvites,
  type InviteInfo,
} from '../../../shared/connect/invite-tracking.service.js';
import { recordJoin, recordLeave } from '../../../shared/connect/welcome.service.js';
import { signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMember, uid } from '../../support/web/connect-seed.js';

const COHORT = '2025 leavers – Sales <i>';

describe('dashboard invites page', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_invites', '/invites');

  /** One join, followed by the invite list Discord reports right after it (the service diffs the uses). */
  async function join(n: number, invites: InviteInfo[], at: string) {
    const joinedAt = new Date(at);
    await seedMember(suite.world.guildA, { n, joinedAt });
    await attributeJoin({ guildId: suite.world.guildA, userId: uid(n), invites, joinedAt });
  }

  async function seedInvites() {
    const g = suite.world.guildA;
    await seedMember(g, { n: 1, joinedAt: new Date('2026-01-01T00:00:00Z'), name: '佐藤 一郎' });
    await seedMember(g, {
      n: 2,
      joinedAt: new Date('2026-01-01T00:00:00Z'),
      name: '<img src=x onerror=alert(1)>',
    });
    const a = { code: 'ichiro', uses: 0, maxUses: 0, inviterId: uid(1) };
    const b = { code: 'second', uses: 0, maxUses: 0, inviterId: uid(2) };
    await syncInvites({ guildId: g, invites: [a, b] });
    const cohort = { code: 'cohort25', uses: 0, maxUses: 10, inviterId: uid(1) };
    await createCohortInvite({ guildId: g, invite: cohort, label: COHORT, createdBy: uid(1) });
    await join(10, [{ ...a, uses: 1 }, b, cohort], '2026-02-01T00:00:00Z');
    await join(11, [{ ...a, uses: 1 }, b, { ...cohort, uses: 1 }], '2026-02-02T00:00:00Z');
    await join(12, [{ ...a, uses: 1 }, b, { ...cohort, uses: 2 }], '2026-02-03T00:00:00Z');
    await join(
      13,
      [
        { ...a, uses: 1 },
        { ...b, uses: 1 },
        { ...cohort, uses: 2 },
      ],
      '2026-02-04T00:00:00Z',
    );
    // Nothing moved: a vanity URL or Discovery join, counted as unattributed.
    await join(
      14,
      [
        { ...a, uses: 1 },
        { ...b, uses: 1 },
        { ...cohort, uses: 2 },
      ],
      '2026-02-05T00:00:00Z',
    );
  }

  it('ranks people by the members they brought in, named by their intro, with where those members came through', async () => {
    await seedInvites();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    const rows = res.text.match(/<tr data-testid="leaderboard-row">[\s\S]*?<\/tr>/g) ?? [];
    expect(rows).to.have.length(2);
    expect(rows[0])
      .to.include('佐藤 一郎')
      .and.to.match(/data-testid="connector-joins">3</);
    expect(rows[0]).to.match(/data-testid="connector-stayed">3</);
    expect(rows[0]).to.include('その他の招待：1 人').and.to.include('2025 leavers – Sales &lt;i&gt;：2 人');
    expect(rows[1]).to.match(/data-testid="connector-joins">1</);
    expect(res.text).to.include('仲間を連れてくる人');
  });

  it('counts a member who left and came back through the same invite once, beside Discord’s 2 uses', async () => {
    await seedInvites();
    const g = suite.world.guildA;
    await recordLeave({ guildId: g, userId: uid(11) });
    await recordJoin({ guildId: g, userId: uid(11) });
    const a = { code: 'ichiro', uses: 1, maxUses: 0, inviterId: uid(1) };
    const b = { code: 'second', uses: 1, maxUses: 0, inviterId: uid(2) };
    const cohort = { code: 'cohort25', uses: 3, maxUses: 10, inviterId: uid(1) };
    await attributeJoin({ guildId: g, userId: uid(11), invites: [a, b, cohort] });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(/data-testid="cohort-uses">3</);
    expect(res.text).to.match(/data-testid="cohort-joins">2</);
    expect(res.text).to.include('3 / 10');
    expect(res.text).to.include('including someone who left and came back');
  });

  it('shows each cohort with its Discord uses and the members it brought in', async () => {
    await seedInvites();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('cohort25');
    expect(res.text).to.include('2 / 10');
    expect(res.text).to.match(/data-testid="cohort-uses">2</);
    expect(res.text).to.match(/data-testid="cohort-joins">2</);
  });

  it('counts joins that no invite accounts for', async () => {
    await seedInvites();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.match(/data-testid="joins-attributed">4</);
    expect(res.text).to.match(/data-testid="joins-unattributed">1</);
    expect(res.text).to.include('Unattributed');
  });

  it('escapes inviter names and cohort labels', async () => {
    await seedInvites();
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).expect(200);
    expect(res.text).to.include('&lt;img src=x onerror=alert(1)&gt;');
    expect(res.text).to.not.include('<img src=x');
    expect(res.text).to.include('2025 leavers – Sales &lt;i&gt;');
    expect(res.text).to.not.include('Sales <i>');
  });

  it('shows the empty states of a guild without invites', async () => {
    const agent = await signedIn(suite.app, suite.world.people.owner);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('Nobody has joined through an invite yet.');
    expect(res.text).to.include('No labelled invite yet.');
  });

  it('refuses a member without Manage Guild or a staff role with 403', async () => {
    await seedInvites();
    const agent = await signedIn(suite.app, suite.world.people.member);
    const res = await agent.get(suite.path).expect(403);
    expect(res.text).to.not.include('cohort25');
  });

  it('refuses the organiser of guild A on guild B’s invites with 403', async () => {
    await seedInvites();
    const agent = await signedIn(suite.app, suite.world.people.moderator);
    await agent.get(suite.path).expect(200);
    await agent.get(`/guilds/${suite.world.guildB}/invites`).expect(403);
  });
});

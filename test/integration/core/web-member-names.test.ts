/**
 * How the dashboard names people (issue 8 §4), through the Discord emulator's member list:
 * a member who joined a minute ago (after the cached list) by their Discord name, a nominee
 * who left as "… · left the server", two members with one display name apart by username.
 */
import { expect } from 'chai';
import { nominate, onIntroduced } from '../../../shared/know/relay.service.js';
import { recordLeave } from '../../../shared/connect/welcome.service.js';
import { signedIn, useGuildPageSuite } from '../../support/web/dashboard-app.js';
import { seedMemberById } from '../../support/web/connect-seed.js';

const t0 = new Date('2026-05-10T03:00:00Z');

describe('dashboard names of people', function () {
  this.timeout(20_000);
  const suite = useGuildPageSuite('web_names', '/insights/directory');

  it('names a member who joined after the member list was read by their Discord name', async () => {
    const agent = await signedIn(suite.app, suite.world.people.manager);
    await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    // They join on Discord now: the dashboard's cached list (60 s) does not hold them yet.
    const { users, members } = suite.world.emu.state;
    const newcomer = users.create({ username: 'newcomer', globalName: 'New Comer' });
    members.add(suite.world.guildA, newcomer.id);
    await seedMemberById(suite.world.guildA, newcomer.id, t0);
    const res = await agent.get(`${suite.path}?introduced=no`).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('New Comer (@newcomer)');
    expect(res.text).to.not.include('(not introduced yet)');
  });

  it('tells two members with the same display name apart by their usernames', async () => {
    const { users, members } = suite.world.emu.state;
    const one = users.create({ username: 'aiko.t', globalName: 'Aiko' });
    const two = users.create({ username: 'aiko_k', globalName: 'Aiko' });
    for (const u of [one, two]) {
      members.add(suite.world.guildA, u.id);
      await seedMemberById(suite.world.guildA, u.id, t0);
    }
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const res = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(res.text).to.include('Aiko (@aiko.t)');
    expect(res.text).to.include('Aiko (@aiko_k)');
  });

  it('names a nominee who left the server, on the overview, in both languages', async () => {
    const g = suite.world.guildA;
    const { users, members } = suite.world.emu.state;
    const starter = users.create({ username: 'starter', globalName: 'Starter' });
    const nominee = users.create({ username: 'kenji', globalName: 'Kenji' });
    for (const u of [starter, nominee]) members.add(g, u.id);
    await seedMemberById(g, starter.id, t0, '始めた人');
    await seedMemberById(g, nominee.id, t0);
    await onIntroduced({ guildId: g, userId: starter.id, now: t0 });
    await nominate({
      guildId: g,
      by: { userId: starter.id },
      nominee: { userId: nominee.id, isBot: false, isMember: true },
      now: t0,
    });
    members.remove(g, nominee.id);
    await recordLeave({ guildId: g, userId: nominee.id, leftAt: t0 });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const en = await agent.get(`/guilds/${g}`).set('Accept-Language', 'en').expect(200);
    expect(en.text).to.include('Kenji (@kenji) · left the server');
    expect(en.text).to.not.include(`User (ID ${nominee.id})`);
    const ja = await agent.get(`/guilds/${g}`).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.include('Kenji（@kenji）・サーバー退出済み');
  });
});

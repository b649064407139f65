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
import { Profile } from '../../../shared/kernel/profile.model.js';

const t0 = new Date('2026-05-10T03:00:00Z');
type Person = { name: string | null; username: string | null; left: boolean };

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

  it('tells two introduced members with the same intro name apart in the directory', async () => {
    const { users, members } = suite.world.emu.state;
    const one = users.create({ username: 'yui.inoue', globalName: 'Yui' });
    const two = users.create({ username: 'yui_i', globalName: 'Yui I' });
    for (const u of [one, two]) {
      members.add(suite.world.guildA, u.id);
      await seedMemberById(suite.world.guildA, u.id, t0, '井上 結衣');
    }
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const ja = await agent.get(suite.path).set('Accept-Language', 'ja').expect(200);
    expect(ja.text).to.include('井上 結衣（@yui.inoue）');
    expect(ja.text).to.include('井上 結衣（@yui_i）');
    expect(ja.text).to.include('Tsunagu のプロフィールがある');
    // Scripts get the name, username and left as separate fields, the same in every language.
    for (const lang of ['en', 'ja']) {
      const json = await agent.get(`${suite.path}.json?q=yui_i`).set('Accept-Language', lang).expect(200);
      expect(
        json.body.members.map((m: Person) => ({ name: m.name, username: m.username, left: m.left })),
      ).to.deep.equal([{ name: '井上 結衣', username: 'yui_i', left: false }]);
    }
    const at = await agent.get(`${suite.path}.json?q=${encodeURIComponent('@yui.')}`).expect(200);
    expect(at.body.members.map((m: Person) => m.username)).to.deep.equal(['yui.inoue']);
  });

  it('searches the raw name and username, not the label, and keeps the label out of JSON and CSV', async () => {
    const g = suite.world.guildA;
    const { users, members } = suite.world.emu.state;
    const stays = users.create({ username: 'server_fan', globalName: 'Stays' });
    const leaves = users.create({ username: 'mika_w', globalName: 'Mika' });
    for (const u of [stays, leaves]) {
      members.add(g, u.id);
      await seedMemberById(g, u.id, t0, u === stays ? '残る人' : '渡辺 美香');
    }
    members.remove(g, leaves.id);
    await recordLeave({ guildId: g, userId: leaves.id, leftAt: t0 });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const page = await agent.get(suite.path).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.include('渡辺 美香 (@mika_w) · left the server');
    const found = async (q: string, lang: string) =>
      (
        await agent
          .get(`${suite.path}.json?q=${encodeURIComponent(q)}`)
          .set('Accept-Language', lang)
          .expect(200)
      ).body.members.map((m: Person) => m.name);
    // "server" finds the username server_fan, not everyone who "left the server".
    expect(await found('server', 'en')).to.deep.equal(['残る人']);
    expect(await found('退出', 'ja')).to.deep.equal([]);
    expect(await found('left', 'en')).to.deep.equal([]);
    expect(await found('mika', 'ja')).to.deep.equal(['渡辺 美香']);
    const json = await agent.get(`${suite.path}.json?q=mika`).set('Accept-Language', 'ja').expect(200);
    expect(json.body.members[0]).to.include({ name: '渡辺 美香', username: 'mika_w', left: true });
    const csv = await agent.get(`${suite.path}.csv?q=mika`).set('Accept-Language', 'en').expect(200);
    const [header, row] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).to.match(/^Name,User ID,Discord username,/);
    expect(row).to.match(new RegExp(`^渡辺 美香,${leaves.id},mika_w,`));
    expect(row).to.not.include('left the server');
  });

  it('names a member whose intro name is empty by their Discord name', async () => {
    const g = suite.world.guildA;
    const { users, members } = suite.world.emu.state;
    const blank = users.create({ username: 'blank_b', globalName: 'Blank B' });
    members.add(g, blank.id);
    await seedMemberById(g, blank.id, t0, 'tmp');
    await Profile.updateOne({ guildId: g, userId: blank.id }, { $set: { displayName: '' } });
    const agent = await signedIn(suite.app, suite.world.people.manager);
    const page = await agent.get(`${suite.path}?q=blank`).set('Accept-Language', 'en').expect(200);
    expect(page.text).to.include('>Blank B (@blank_b)<');
    const json = await agent.get(`${suite.path}.json?q=blank`).expect(200);
    expect(json.body.members[0]).to.include({ name: 'Blank B', username: 'blank_b' });
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

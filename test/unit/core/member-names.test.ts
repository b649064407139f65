import { expect } from 'chai';
import { DiscordAPIError, RESTJSONErrorCodes, type REST } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import {
  combinedMemberNames,
  createDiscordRoster,
  PeopleNames,
  type DiscordPerson,
} from '../../../web/core/member-names.js';
import { describePerson, personNamer, type PresentContext } from '../../../web/core/format.js';
import { translator } from '../../../shared/i18n/index.js';

type FakeMember = { user: { id: string; username: string; global_name: string | null }; nick: string | null };

const notFound = (code: number, path: string) =>
  new DiscordAPIError({ code, message: 'Unknown' }, code, 404, 'GET', path, {});

/**
 * A REST stand-in serving `count` members in pages (and single members and users as Discord
 * does: 10007 Unknown Member, 10013 Unknown User), counting requests. `users` are users who are
 * not members.
 */
function fakeRest(count: number, users: FakeMember['user'][] = [], approximate?: number) {
  const calls: string[] = [];
  const busy = { now: 0, most: 0 };
  const members: FakeMember[] = Array.from({ length: count }, (_, i) => {
    const id = String(1_000_000_000_000_000n + BigInt(i));
    return {
      user: { id, username: `user${i}`, global_name: i % 2 ? `Global ${i}` : null },
      nick: i % 3 ? null : `Nick ${i}`,
    };
  });
  const rest = {
    async get(route: string, options?: { query: URLSearchParams }) {
      calls.push(options ? `${route}?${options.query.toString()}` : route);
      // Answers on a later turn, so overlapping requests overlap here as they would on the wire.
      busy.now++;
      busy.most = Math.max(busy.most, busy.now);
      await new Promise((resolve) => setImmediate(resolve));
      busy.now--;
      if (route === '/guilds/42') return { id: '42', approximate_member_count: approximate };
      const single = /^\/guilds\/\d+\/members\/(\d+)$/.exec(route);
      if (single) {
        const member = members.find((m) => m.user.id === single[1]);
        if (!member) throw notFound(RESTJSONErrorCodes.UnknownMember, route);
        return member;
      }
      const user = /^\/users\/(\d+)$/.exec(route);
      if (user) {
        const found = [...members.map((m) => m.user), ...users].find((u) => u.id === user[1]);
        if (!found) throw notFound(RESTJSONErrorCodes.UnknownUser, route);
        return found;
      }
      const after = BigInt(options!.query.get('after') ?? '0');
      const limit = Number(options!.query.get('limit'));
      return members.filter((m) => BigInt(m.user.id) > after).slice(0, limit);
    },
  } as unknown as REST;
  return { rest, calls, members, busy };
}

const ctx = (locale: 'en' | 'ja'): PresentContext => ({
  t: translator(locale),
  locale,
  timeZone: 'Asia/Tokyo',
});
const displayNames = (people: ReadonlyMap<string, DiscordPerson | string>) =>
  [...people.values()].map((p) => (typeof p === 'string' ? p : p.displayName));

describe('member names', () => {
  it('GIVEN 2,500 members THEN lists them in three pages of up to 1,000 after the last id', async () => {
    const { rest, calls, members } = fakeRest(2500);
    const names = await createDiscordRoster(rest).people('42', [members[2499]!.user.id]);
    expect(calls).to.have.length(3);
    expect(calls[1]).to.include(`after=${members[999]!.user.id}`);
    expect(names.get(members[2499]!.user.id)).to.deep.equal({
      displayName: 'Nick 2499',
      username: 'user2499',
      inGuild: true,
    });
  });

  it('GIVEN a nickname, a global name and a username THEN prefers them in that order', async () => {
    const { rest, members } = fakeRest(3);
    const ids = members.map((m) => m.user.id);
    const names = await createDiscordRoster(rest).people('42', ids);
    expect(displayNames(names)).to.deep.equal(['Nick 0', 'Global 1', 'user2']);
  });

  it('GIVEN a second page view within the minute THEN asks Discord once', async () => {
    let clock = 0;
    const { rest, calls, members } = fakeRest(3);
    const lookup = createDiscordRoster(rest, { now: () => clock }).people;
    await lookup('42', [members[0]!.user.id]);
    await lookup('42', [members[1]!.user.id]);
    expect(calls).to.have.length(1);
    clock += 61_000;
    await lookup('42', [members[1]!.user.id]);
    expect(calls).to.have.length(2);
  });

  it('GIVEN someone who joined after the list was cached THEN asks for that member alone, within the minute', async () => {
    const { rest, calls, members } = fakeRest(3);
    const lookup = createDiscordRoster(rest, { now: () => 0 }).people;
    await lookup('42', [members[0]!.user.id]);
    members.push({
      user: { id: '1000000000000000099', username: 'newcomer', global_name: 'New Comer' },
      nick: null,
    });
    const names = await lookup('42', ['1000000000000000099']);
    expect(names.get('1000000000000000099')).to.deep.equal({
      displayName: 'New Comer',
      username: 'newcomer',
      inGuild: true,
    });
    expect(calls.at(-1)).to.equal('/guilds/42/members/1000000000000000099');
    await lookup('42', ['1000000000000000099']);
    expect(calls).to.have.length(2);
  });

  it('GIVEN someone who left THEN names them as a user who is not in the guild; an unknown id stays unnamed', async () => {
    const gone = { id: '1000000000000000077', username: 'gone', global_name: 'Gone Person' };
    const { rest } = fakeRest(2, [gone]);
    const names = await createDiscordRoster(rest).people('42', [gone.id, '1000000000000000066']);
    expect([...names]).to.deep.equal([
      [gone.id, { displayName: 'Gone Person', username: 'gone', inGuild: false }],
    ]);
  });

  it('GIVEN 120 people who left THEN each view looks up 50 not asked yet, 5 at a time, until all are named', async () => {
    const gone = Array.from({ length: 120 }, (_, i) => ({
      id: String(2_000_000_000_000_000n + BigInt(i)),
      username: `gone${i}`,
      global_name: null,
    }));
    const { rest, calls, busy } = fakeRest(2, gone);
    const lookup = createDiscordRoster(rest, { now: () => 0 }).people;
    const ids = gone.map((u) => u.id);
    const named = [];
    for (let view = 0; view < 3; view++) named.push((await lookup('42', ids)).size);
    expect(named).to.deep.equal([50, 100, 120]);
    // One list, then a member and a user lookup per person, each person once.
    expect(calls.filter((c) => c.startsWith('/users/'))).to.have.length(120);
    expect(new Set(calls).size).to.equal(calls.length);
    expect(busy.most).to.equal(5);
    const before = calls.length;
    expect((await lookup('42', ids)).size).to.equal(120);
    expect(calls).to.have.length(before);
  });

  it('GIVEN two pages at the same moment THEN they share one read of the member list', async () => {
    const { rest, calls, members } = fakeRest(3);
    const lookup = createDiscordRoster(rest, { now: () => 0 }).people;
    const [a, b] = await Promise.all([
      lookup('42', [members[0]!.user.id]),
      lookup('42', [members[1]!.user.id]),
    ]);
    expect([a.size, b.size]).to.deep.equal([1, 1]);
    expect(calls).to.have.length(1);
  });

  it('GIVEN more members than the list reads THEN counts from Discord’s approximate count, bots left out', async () => {
    const { rest, calls } = fakeRest(2500, [], 2600);
    const roster = createDiscordRoster(rest, { maxMembers: 2000, now: () => 0 });
    expect(await roster.humans('42')).to.equal(2600);
    expect(calls.at(-1)).to.equal('/guilds/42?with_counts=true');
    const small = createDiscordRoster(fakeRest(30).rest, { now: () => 0 });
    expect(await small.humans('42')).to.equal(30);
  });

  it('GIVEN two members with one display name THEN the pages tell them apart by username, and say who left', async () => {
    const discord = async () =>
      new Map<string, DiscordPerson>([
        ['1', { displayName: 'Aiko', username: 'aiko.t', inGuild: true }],
        ['2', { displayName: 'Aiko', username: 'aiko_k', inGuild: true }],
        ['3', { displayName: 'Ken', username: 'ken', inGuild: false }],
        ['4', { displayName: 'solo', username: 'solo', inGuild: true }],
      ]);
    const names = await combinedMemberNames({
      introNames: async () => new Map([['4', '山田 花子']]),
      discordNames: discord,
      logger: silentLogger(),
    })('g', ['1', '2', '3', '4', '5']);
    expect(names).to.be.instanceOf(PeopleNames);
    const en = personNamer(ctx('en'), names);
    expect(['1', '2', '3', '4', '5'].map(en)).to.deep.equal([
      'Aiko (@aiko.t)',
      'Aiko (@aiko_k)',
      'Ken (@ken) · left the server',
      '山田 花子 (@solo)',
      'User (ID 5)',
    ]);
    expect(personNamer(ctx('ja'), names)('3')).to.equal('Ken（@ken）・サーバー退出済み');
    expect(describePerson(ctx('en'), names, '5')).to.equal(undefined);
    // A plain map of names (no usernames known) gives the names alone.
    expect(personNamer(ctx('en'), new Map([['1', 'Aiko']]))('1')).to.equal('Aiko');
    const sameName = new PeopleNames([['9', 'solo']]);
    sameName.usernames.set('9', 'solo');
    expect(personNamer(ctx('en'), sameName)('9')).to.equal('solo');
  });

  it('GIVEN an intro name and a Discord name THEN the intro name wins, and a Discord failure leaves intro names', async () => {
    const intro = async () => new Map([['1', 'Intro One']]);
    const discord = async () =>
      new Map([
        ['1', 'Discord One'],
        ['2', 'Discord Two'],
      ]);
    const both = combinedMemberNames({ introNames: intro, discordNames: discord, logger: silentLogger() });
    expect([...(await both('g', ['1', '2']))].sort()).to.deep.equal([
      ['1', 'Intro One'],
      ['2', 'Discord Two'],
    ]);
    const down = combinedMemberNames({
      introNames: intro,
      discordNames: () => Promise.reject(new Error('down')),
      logger: silentLogger(),
    });
    expect([...(await down('g', ['1', '2']))]).to.deep.equal([['1', 'Intro One']]);
  });
});

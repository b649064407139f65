import { expect } from 'chai';
import type { REST } from 'discord.js';
import { silentLogger } from '../../../shared/logger.js';
import { combinedMemberNames, createDiscordMemberNames } from '../../../web/core/member-names.js';

/** A REST stand-in serving `count` members in pages, counting requests. */
function fakeRest(count: number) {
  const calls: string[] = [];
  const members = Array.from({ length: count }, (_, i) => {
    const id = String(1_000_000_000_000_000n + BigInt(i));
    return {
      user: { id, username: `user${i}`, global_name: i % 2 ? `Global ${i}` : null },
      nick: i % 3 ? null : `Nick ${i}`,
    };
  });
  const rest = {
    async get(route: string, options: { query: URLSearchParams }) {
      calls.push(`${route}?${options.query.toString()}`);
      const after = BigInt(options.query.get('after') ?? '0');
      const limit = Number(options.query.get('limit'));
      return members.filter((m) => BigInt(m.user.id) > after).slice(0, limit);
    },
  } as unknown as REST;
  return { rest, calls, members };
}

describe('member names', () => {
  it('GIVEN 2,500 members THEN lists them in three pages of up to 1,000 after the last id', async () => {
    const { rest, calls, members } = fakeRest(2500);
    const names = await createDiscordMemberNames(rest)('42', [members[2499]!.user.id]);
    expect(calls).to.have.length(3);
    expect(calls[1]).to.include(`after=${members[999]!.user.id}`);
    expect(names.get(members[2499]!.user.id)).to.equal('Nick 2499');
  });

  it('GIVEN a nickname, a global name and a username THEN prefers them in that order', async () => {
    const { rest, members } = fakeRest(3);
    const ids = members.map((m) => m.user.id);
    const names = await createDiscordMemberNames(rest)('42', ids);
    expect([...names.values()]).to.deep.equal(['Nick 0', 'Global 1', 'user2']);
  });

  it('GIVEN a second page view within the minute THEN asks Discord once', async () => {
    let clock = 0;
    const { rest, calls, members } = fakeRest(3);
    const lookup = createDiscordMemberNames(rest, { now: () => clock });
    await lookup('42', [members[0]!.user.id]);
    await lookup('42', [members[1]!.user.id]);
    expect(calls).to.have.length(1);
    clock += 61_000;
    await lookup('42', [members[1]!.user.id]);
    expect(calls).to.have.length(2);
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

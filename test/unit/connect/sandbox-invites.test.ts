import { expect } from 'chai';
import { CONNECTORS, inviteNetwork, pickWeighted } from '../../../sandbox/community/invites.js';
import type { DemoCommunity } from '../../../sandbox/community/seed.js';
import type { Drivers } from '../../../sandbox/discord/drivers.js';
import { silentLogger } from '../../../shared/logger.js';

/** Drivers that answer every `/invite mine` with a link named after the asking user. */
function fakeDrivers(asked: string[]): Drivers {
  return {
    runSlashCommand: (_guildId: string, _channelId: string, userId: string, name: string) => {
      asked.push(`${userId} ${name}`);
      return { waitForReply: async () => ({ content: `Your link: https://discord.gg/code${userId}` }) };
    },
  } as unknown as Drivers;
}

const demoOf = (count: number) =>
  ({
    guildId: 'g',
    channels: { general: 'c' },
    alumni: Array.from({ length: count }, (_, i) => ({
      profile: { locale: 'ja', displayName: `A${i}` },
      user: { id: `u${i}` },
    })),
    arrived: 0,
  }) as unknown as DemoCommunity;

const settle = async (asked: string[], count: number) => {
  for (let i = 0; i < 1000 && asked.length < count; i++) await new Promise((r) => setImmediate(r));
};

describe('sandbox word of mouth', () => {
  it('picks in proportion to the weights', () => {
    const items = [{ weight: 3 }, { weight: 1 }];
    expect(pickWeighted(items, 0)).to.equal(items[0]);
    expect(pickWeighted(items, 0.74)).to.equal(items[0]);
    expect(pickWeighted(items, 0.76)).to.equal(items[1]);
    expect(pickWeighted([], 0.5)).to.equal(undefined);
  });

  it('GIVEN a wave of arrivals THEN only connectors ask for a link, and later arrivals mostly come through the best connected', async () => {
    const asked: string[] = [];
    const network = inviteNetwork({
      drivers: fakeDrivers(asked),
      demo: demoOf(400),
      logger: silentLogger(),
      active: () => true,
      options: { share: 1, delayMs: () => 0 },
    });
    // Nobody has a link yet: the first arrival comes through a cohort invite.
    expect(network.codeFor(0)).to.equal(undefined);
    for (let i = 0; i < 400; i++) network.arrived(i);
    await settle(asked, CONNECTORS.length);
    expect(asked).to.deep.equal(CONNECTORS.map((c) => `u${c.index} invite mine`));
    // Arrival 1 may only use the link of someone who arrived before them (alumnus 0).
    expect(network.codeFor(1)).to.equal('codeu0');
    const used = new Map<string, number>();
    for (let i = 20; i < 400; i++) {
      const code = network.codeFor(i)!;
      used.set(code, (used.get(code) ?? 0) + 1);
    }
    const counts = CONNECTORS.map((c) => used.get(`codeu${c.index}`) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(380);
    // A long tail: the best connected brings the most, and the two best most of all.
    expect(counts[0]).to.equal(Math.max(...counts));
    expect((counts[0]! + counts[1]!) / 380).to.be.greaterThan(0.5);
    expect(counts.at(-1)).to.be.lessThan(counts[0]! / 4);
  });

  it('GIVEN the simulation stopped THEN no connector runs a command', async () => {
    const asked: string[] = [];
    const network = inviteNetwork({
      drivers: fakeDrivers(asked),
      demo: demoOf(5),
      logger: silentLogger(),
      active: () => false,
      options: { delayMs: () => 0 },
    });
    network.arrived(0);
    // Timers of the same delay fire in order: the connector's has run once this one has.
    await new Promise((r) => setTimeout(r, 0));
    await settle(asked, 1);
    expect(asked).to.deep.equal([]);
    expect(network.codeFor(3)).to.equal(undefined);
  });
});

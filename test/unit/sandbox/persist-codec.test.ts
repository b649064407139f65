import { expect } from 'chai';
import { decodeState, encodeState, restoreInto } from '../../../sandbox/discord/state/persist-codec.js';

const roundTrip = (value: unknown): unknown => decodeState(JSON.parse(JSON.stringify(encodeState(value))));

describe('emulator state codec', () => {
  it('GIVEN nested Maps, Sets, Buffers, bigints and Dates THEN they come back as themselves', () => {
    const value = {
      guilds: new Map([['1', { roles: new Map([['1', { permissions: '8' }]]), ids: new Set(['2', '3']) }]]),
      upload: Buffer.from('png bytes'),
      big: 1n << 60n,
      at: new Date('2026-01-01T00:00:00.000Z'),
      list: [1, 'two', null, { three: true }],
    };
    expect(roundTrip(value)).to.deep.equal(value);
  });

  it('GIVEN a record whose own keys start with $ THEN it is not mistaken for a tag', () => {
    const value = { $map: [['a', 1]], $set: 'x' };
    expect(roundTrip(value)).to.deep.equal(value);
  });

  it('GIVEN functions and undefined fields THEN they are left out', () => {
    expect(roundTrip({ keep: 1, skip: undefined, method: () => 1 })).to.deep.equal({ keep: 1 });
  });

  it('GIVEN a record that points back into the state THEN encoding names the path', () => {
    const record: Record<string, unknown> = { name: 'loop' };
    record.self = record;
    expect(() => encodeState(new Map([['k', record]]))).to.throw(/refers back to itself/);
  });

  it('GIVEN a live store with a private Map THEN restoring fills that same Map', () => {
    class Store {
      private readonly items = new Map<string, number>([['stale', 0]]);
      size = (): number => this.items.size;
      value = (k: string): number | undefined => this.items.get(k);
    }
    const store = new Store();
    const held = (store as unknown as { items: Map<string, number> }).items;
    restoreInto(store as unknown as Record<string, unknown>, { items: new Map([['a', 1]]) });
    expect(store.size()).to.equal(1);
    expect(store.value('a')).to.equal(1);
    expect((store as unknown as { items: Map<string, number> }).items).to.equal(held);
  });

  it('GIVEN saved data without a part the code gained since THEN that part stays as it is', () => {
    const live = { users: new Map([['old', 1]]), mixers: new Map<string, number>() };
    restoreInto(live, { users: new Map([['u', 2]]) });
    expect([...live.users]).to.deep.equal([['u', 2]]);
    expect(live.mixers.size).to.equal(0);
  });
});

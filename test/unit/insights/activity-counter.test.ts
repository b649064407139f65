import { expect } from 'chai';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { createActivityCounter } from '../../../shared/insights/activity-counter.js';
import { memoryStore } from './memory-store.js';

function logs() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const t of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(t));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

function world(options: { maxPendingKeys?: number; flushAtEvents?: number } = {}) {
  const mem = memoryStore();
  const clock = { now: () => new Date('2026-05-01T10:00:00Z') };
  const log = logs();
  const counter = createActivityCounter({
    store: mem.store,
    clock,
    logger: log.logger,
    flushEveryMs: 3_600_000,
    ...options,
  });
  return { mem, clock, log, counter };
}

describe('activity counter (memory, batched flush)', () => {
  it('GIVEN 1,000 messages THEN they reach the rollups in at most 5 store round trips', async () => {
    const { mem, counter } = world();
    for (let i = 0; i < 1000; i++)
      counter.message('g1', `c${i % 7}`, `u${i % 40}`, new Date(Date.UTC(2026, 4, 1, 9, i % 60)));
    await counter.close();
    expect(mem.state.roundTrips).to.be.at.most(5);
    expect(mem.sum('guildHour', 'messages')).to.equal(1000);
    expect(mem.sum('memberDay', 'messages', 'u3')).to.equal(25);
    expect(mem.sum('channelDay', 'messages')).to.equal(1000);
  });

  it('GIVEN the active-member rollup fails after the rollups were written THEN nothing is counted twice and it is retried', async () => {
    const { mem, counter } = world();
    for (let i = 0; i < 10; i++) counter.message('g1', 'c1', 'u1', new Date('2026-05-01T09:00:00Z'));
    const refresh = mem.store.refreshActivity;
    mem.store.refreshActivity = async () => {
      throw new Error('connection reset');
    };
    expect(await counter.flush()).to.equal(false);
    mem.store.refreshActivity = refresh;
    expect(await counter.flush()).to.equal(true);
    expect(mem.sum('guildHour', 'messages')).to.equal(10);
    expect(mem.sum('memberDay', 'messages', 'u1')).to.equal(10);
    expect([...mem.refreshed]).to.deep.equal(['g1|2026-05-01']);
    await counter.close();
  });

  it('GIVEN flushes every few seconds THEN the active-member rollup is recomputed at most once a minute, and at shutdown', async () => {
    const mem = memoryStore();
    let ms = 0;
    const counter = createActivityCounter({
      store: mem.store,
      clock: { now: () => new Date('2026-05-01T10:00:00Z') },
      logger: logs().logger,
      flushEveryMs: 3_600_000,
      elapsed: () => ms,
    });
    let refreshes = 0;
    const refresh = mem.store.refreshActivity;
    mem.store.refreshActivity = async (days) => {
      refreshes += 1;
      return refresh(days);
    };
    counter.message('g1', 'c1', 'u1', new Date('2026-05-01T09:00:00Z'));
    await counter.flush();
    ms += 15_000;
    counter.message('g1', 'c1', 'u1', new Date('2026-04-20T09:00:00Z')); // another week
    await counter.flush();
    expect(refreshes).to.equal(1); // the second week waits
    expect(mem.sum('memberDay', 'messages', 'u1')).to.equal(2); // the counters themselves do not
    ms += 45_000;
    await counter.flush();
    expect(refreshes).to.equal(2);
    expect([...mem.refreshed]).to.have.members(['g1|2026-05-01', 'g1|2026-04-20']);
    counter.message('g1', 'c1', 'u1', new Date('2026-04-10T09:00:00Z'));
    await counter.close(); // at shutdown whatever the pace
    expect(refreshes).to.equal(3);
    expect(mem.refreshed.has('g1|2026-04-10')).to.equal(true);
  });

  it('GIVEN more events than the size trigger THEN it flushes without waiting for the timer', async () => {
    const { mem, counter } = world({ flushAtEvents: 100 });
    for (let i = 0; i < 100; i++) counter.message('g1', 'c1', 'u1');
    await counter.flush(); // waits for the flush the 100th event started
    expect(counter.stats().flushes).to.be.at.least(1);
    expect(mem.sum('guildHour', 'messages')).to.equal(100);
    await counter.close();
  });

  it('GIVEN the database is down THEN counters are kept and written when it is back, nothing lost', async () => {
    const { mem, counter } = world();
    mem.state.down = true;
    for (let i = 0; i < 300; i++) counter.message('g1', 'c1', `u${i % 3}`);
    expect(await counter.flush()).to.equal(false);
    for (let i = 0; i < 200; i++) counter.member('g1', `n${i}`, 'joins');
    expect(await counter.flush()).to.equal(false);
    mem.state.down = false;
    expect(await counter.flush()).to.equal(true);
    expect(mem.sum('guildHour', 'messages')).to.equal(300);
    expect(mem.sum('guildHour', 'joins')).to.equal(200);
    expect(counter.stats()).to.include({ lostEvents: 0, failedFlushes: 2, pendingKeys: 0 });
  });

  it('GIVEN the in-memory bound is reached during an outage THEN the excess is counted and logged, never silent', async () => {
    const { mem, counter, log } = world({ maxPendingKeys: 10 });
    mem.state.down = true;
    // Each message in a new hour needs 3 new keys (guild, member, channel): the 4th hour passes the bound.
    for (let h = 0; h < 6; h++) counter.message('g1', 'c1', 'u1', new Date(Date.UTC(2026, 4, 1, h)));
    await counter.flush();
    expect(counter.stats().lostEvents).to.equal(3);
    const error = log.lines.find((l) => l.msg.includes('over the in-memory bound'));
    expect(error).to.include({ dropped: 8, lostEvents: 3, bound: 10 }); // hour 3: 2 keys, hours 4–5: 3 each
    mem.state.down = false;
    await counter.flush();
    expect(mem.sum('guildHour', 'messages')).to.equal(4); // the 4th hour's guild key still fitted
  });

  it('GIVEN the database never answers at shutdown THEN close gives up after its bound and says what was not written', async () => {
    const { mem, counter, log } = world();
    mem.store.writeRollups = () => new Promise(() => undefined); // hangs, like a vanished server
    counter.message('g1', 'c1', 'u1');
    await counter.close(50);
    const line = log.lines.find((l) => l.msg === 'activity counters not written at shutdown');
    expect(line).to.include({ outcome: 'timeout', pendingKeys: 3 }); // guild, member, channel: counted, not written
  });

  it('GIVEN only the active-member rollup hangs at shutdown THEN close says the counters were written, not lost', async () => {
    const { mem, counter, log } = world();
    mem.store.refreshActivity = () => new Promise(() => undefined);
    counter.message('g1', 'c1', 'u1');
    await counter.close(50);
    expect(mem.sum('memberDay', 'messages', 'u1')).to.equal(1);
    expect(log.lines.map((l) => l.msg)).to.not.include('activity counters not written at shutdown');
    const line = log.lines.find((l) => l.msg.includes('active-member rollup left for the next start'));
    expect(line).to.include({ outcome: 'timeout', staleDays: 1 });
  });

  it('GIVEN a voice session across hours THEN its seconds land in every hour it spans, per member and channel', async () => {
    const { mem, counter } = world();
    counter.voice('g1', 'u1', 'v1', new Date('2026-05-01T08:50:00Z'));
    counter.voice('g1', 'u1', 'v2', new Date('2026-05-01T09:30:00Z')); // moved
    counter.voice('g1', 'u1', null, new Date('2026-05-01T09:40:00Z'));
    await counter.close();
    const hours = [...mem.rows.values()]
      .filter((r) => r.scope === 'guildHour')
      .map((r) => [r.hour?.toISOString(), r.inc.voiceSeconds]);
    expect(hours).to.deep.equal([
      ['2026-05-01T08:00:00.000Z', 600],
      ['2026-05-01T09:00:00.000Z', 2400],
    ]);
    expect(mem.sum('channelDay', 'voiceSeconds', 'v1')).to.equal(2400);
    expect(mem.sum('channelDay', 'voiceSeconds', 'v2')).to.equal(600);
    expect(mem.sessions.size).to.equal(0);
  });

  it('GIVEN a mixer’s breakout room THEN its minutes go to the mixer, not to the throwaway channel', async () => {
    const mem = memoryStore('Asia/Tokyo', new Map([['room1', { key: 'mixer:run7', name: 'キャリアの話' }]]));
    const counter = createActivityCounter({
      store: mem.store,
      clock: { now: () => new Date('2026-05-01T10:00:00Z') },
      logger: logs().logger,
    });
    counter.voice('g1', 'u1', 'room1', new Date('2026-05-01T09:00:00Z'), 'Room 1');
    counter.voice('g1', 'u1', 'lobby', new Date('2026-05-01T09:20:00Z'), 'Lobby');
    counter.voice('g1', 'u1', null, new Date('2026-05-01T09:30:00Z'));
    await counter.close();
    const channels = [...mem.rows.values()]
      .filter((r) => r.scope === 'channelDay')
      .map((r) => [r.key, r.name, r.inc.voiceSeconds]);
    expect(channels).to.have.deep.members([
      ['mixer:run7', 'キャリアの話', 1200],
      ['lobby', 'Lobby', 600],
    ]);
    expect(mem.sum('memberDay', 'voiceSeconds', 'u1')).to.equal(1800); // the member keeps every minute
  });

  it('GIVEN a restart THEN a stored session still in GUILD_CREATE resumes from its last credit; one no longer in voice ends', async () => {
    const first = world();
    first.clock.now = () => new Date('2026-05-01T10:00:00Z');
    first.counter.voice('g1', 'stay', 'v1', new Date('2026-05-01T09:00:00Z'));
    first.counter.voice('g1', 'gone', 'v1', new Date('2026-05-01T09:00:00Z'));
    await first.counter.close(); // shutdown: credited up to 10:00, sessions stored
    expect(first.mem.sum('memberDay', 'voiceSeconds', 'stay')).to.equal(3600);
    const second = createActivityCounter({
      store: first.mem.store,
      clock: { now: () => new Date('2026-05-01T10:05:00Z') },
      logger: first.log.logger,
      flushEveryMs: 3_600_000,
    });
    await second.reconcile('g1', [{ userId: 'stay', channelId: 'v1' }]);
    second.voice('g1', 'stay', null, new Date('2026-05-01T10:20:00Z'));
    await second.close();
    expect(first.mem.sum('memberDay', 'voiceSeconds', 'stay')).to.equal(3600 + 20 * 60);
    expect(first.mem.sum('memberDay', 'voiceSeconds', 'gone')).to.equal(3600);
    expect(first.mem.sessions.size).to.equal(0);
  });

  it('GIVEN member rows THEN they are keyed by the guild-local day (23:30 UTC is the next day in Tokyo)', async () => {
    const { mem, counter } = world();
    counter.message('g1', 'c1', 'u1', new Date('2026-05-01T14:59:00Z'));
    counter.message('g1', 'c1', 'u1', new Date('2026-05-01T15:00:00Z'));
    await counter.close();
    const days = [...mem.rows.values()].filter((r) => r.scope === 'memberDay').map((r) => r.day);
    expect(days).to.deep.equal(['2026-05-01', '2026-05-02']);
  });
});

import { expect } from 'chai';
import {
  INVALID_BUDGET,
  InvalidBudgetReached,
  MovePacer,
  RESET_MARGIN_MS,
  type MoveOutcome,
} from '../../../../shared/deepen/mixer/move-pacer.js';

/** A pacer on a fake clock: sleeping moves the clock, and every wait is recorded. */
function pacerOnFakeClock(invalidBudget?: number) {
  let now = 1_000_000;
  const waits: number[] = [];
  const pacer = new MovePacer(
    async (ms) => {
      waits.push(ms);
      now += ms;
    },
    () => now,
    invalidBudget === undefined ? {} : { invalidBudget },
  );
  return { pacer, waits, advance: (ms: number) => (now += ms) };
}

const limited = (retryAfterMs: number, served = true, invalid = served): MoveOutcome => ({
  kind: 'rateLimited',
  retryAfterMs,
  served,
  invalid,
});

describe('mixer move queue (one per guild, paced from the bucket headers, Retry-After honoured)', () => {
  it('runs the moves of one guild one after another', async () => {
    const pacer = new MovePacer(async () => undefined);
    const log: string[] = [];
    const move = (id: string) =>
      pacer.run('g1', async () => {
        log.push(`start ${id}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${id}`);
        return { kind: 'done' };
      });
    await Promise.all([move('a'), move('b')]);
    expect(log).to.deep.equal(['start a', 'end a', 'start b', 'end b']);
  });

  it('waits the Retry-After it was given and tries again until the move is done', async () => {
    const { pacer, waits } = pacerOnFakeClock();
    const answers: MoveOutcome[] = [limited(300), limited(1200), { kind: 'done' }];
    const outcome = await pacer.run('g1', async () => answers.shift()!);
    expect(outcome.kind).to.equal('done');
    expect(waits).to.deep.equal([300, 1200]);
    expect(pacer.stats()).to.deep.equal({ served429: 2, invalid: 2, pacedWaits: 0 });
  });

  it('GIVEN an answer saying the bucket is empty THEN the next move of that guild waits for its reset, other guilds do not', async () => {
    const { pacer, waits } = pacerOnFakeClock();
    await pacer.run('g1', async () => ({ kind: 'done', bucket: { remaining: 0, resetAfterMs: 4000 } }));
    await pacer.run('g2', async () => ({ kind: 'done', bucket: { remaining: 9, resetAfterMs: 10_000 } }));
    expect(waits).to.deep.equal([]);
    await pacer.run('g1', async () => ({ kind: 'done', bucket: { remaining: 9, resetAfterMs: 10_000 } }));
    expect(waits).to.deep.equal([4000 + RESET_MARGIN_MS]);
    await pacer.run('g1', async () => ({ kind: 'done' }));
    expect(waits).to.have.length(1);
    expect(pacer.stats()).to.deep.equal({ served429: 0, invalid: 0, pacedWaits: 1 });
  });

  it('keeps the empty bucket in mind across a move that sent nothing, and not after its reset', async () => {
    const { pacer, waits, advance } = pacerOnFakeClock();
    await pacer.run('g1', async () => ({ kind: 'done', bucket: { remaining: 0, resetAfterMs: 2000 } }));
    await pacer.run('g1', async () => ({ kind: 'done' }));
    expect(waits).to.deep.equal([2000 + RESET_MARGIN_MS]);
    await pacer.run('g1', async () => ({ kind: 'done', bucket: { remaining: 0, resetAfterMs: 2000 } }));
    advance(5000);
    await pacer.run('g1', async () => ({ kind: 'done' }));
    expect(waits).to.have.length(1);
  });

  it('counts what Discord counts: served 429s but not shared-scope ones, 403s, never a request held back', async () => {
    const { pacer } = pacerOnFakeClock();
    const answers: MoveOutcome[] = [
      limited(50),
      limited(50, true, false), // X-RateLimit-Scope: shared
      limited(50, false, false), // discord.js held it back: nothing was sent
      { kind: 'done' },
    ];
    await pacer.run('g1', async () => answers.shift()!);
    expect(pacer.stats()).to.deep.equal({ served429: 2, invalid: 1, pacedWaits: 0 });
    const refused = await pacer.run('g1', async () => ({
      kind: 'failed',
      invalid: true,
      error: new Error('403'),
    }));
    expect(refused.kind).to.equal('failed');
    expect(pacer.invalidCount()).to.equal(2);
    const thrown = await pacer.run('g1', async () => {
      throw new Error('network');
    });
    expect(thrown.kind).to.equal('failed');
    expect(pacer.invalidCount()).to.equal(2);
  });

  it('GIVEN a 429 storm that never ends THEN it stops retrying at the budget, a tenth of Discord’s 10,000, and forgets after 10 minutes', async () => {
    const { pacer, advance } = pacerOnFakeClock();
    const outcome = await pacer.run('g1', async () => limited(10));
    expect(outcome.kind).to.equal('failed');
    expect((outcome as { error: unknown }).error).to.be.instanceOf(InvalidBudgetReached);
    expect(pacer.invalidCount()).to.equal(INVALID_BUDGET);
    expect(INVALID_BUDGET).to.be.at.most(1000);
    advance(10 * 60_000);
    expect(pacer.invalidCount()).to.equal(0);
  });

  it('GIVEN the budget is spent THEN a move is sent only when the last answer says the bucket has room, so a storm costs one invalid request per Retry-After at most, not one per queued move', async () => {
    const { pacer, waits, advance } = pacerOnFakeClock(2);
    let sent = 0;
    const storm = async (): Promise<MoveOutcome> => {
      sent += 1;
      return limited(5000);
    };
    const first = await pacer.run('g1', storm);
    expect((first as { error: unknown }).error).to.be.instanceOf(InvalidBudgetReached);
    expect(sent).to.equal(2);
    // The bucket said no room for 5 s: the queued moves are dropped without a request.
    const queued = await Promise.all([1, 2, 3].map(() => pacer.run('g1', storm)));
    for (const o of queued) expect((o as { error: unknown }).error).to.be.instanceOf(InvalidBudgetReached);
    expect(sent).to.equal(2);
    expect(pacer.invalidCount()).to.equal(2);
    expect(pacer.hasRoom('g1')).to.equal(false);
    // Once its Retry-After passed the bucket has room: one move is sent; a 429 drops it (budget + 1).
    advance(5000);
    expect(pacer.hasRoom('g1')).to.equal(true);
    const probe = await pacer.run('g1', storm);
    expect(probe.kind).to.equal('failed');
    expect(sent).to.equal(3);
    expect(pacer.invalidCount()).to.equal(3);
    await pacer.run('g1', storm);
    expect(sent, 'no request while the new Retry-After runs').to.equal(3);
    // The storm is over: after the reset the moves go through although the budget is still spent,
    // and a success saying the bucket is empty is waited out rather than dropped.
    advance(5000);
    const waited = waits.length;
    const back = await pacer.run('g1', async () => ({
      kind: 'done',
      bucket: { remaining: 0, resetAfterMs: 800 },
    }));
    expect(back.kind).to.equal('done');
    const next = await pacer.run('g1', async () => ({ kind: 'done' }));
    expect(next.kind).to.equal('done');
    expect(waits.slice(waited)).to.deep.equal([800 + RESET_MARGIN_MS]);
    expect(pacer.invalidCount()).to.equal(3);
  });
});

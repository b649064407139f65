import { expect } from 'chai';
import { KeyedQueue } from '../../../shared/keyed-queue.js';

/** A promise with its resolve function exposed, to control when a task finishes. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('KeyedQueue (one join at a time per guild)', () => {
  it('GIVEN two tasks for one guild THEN the second starts only after the first ends', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run('g1', async () => {
      order.push('a start');
      await first.opened;
      order.push('a end');
    });
    const b = queue.run('g1', async () => void order.push('b start'));
    await Promise.resolve();
    expect(order).to.deep.equal(['a start']);
    first.open();
    await Promise.all([a, b]);
    expect(order).to.deep.equal(['a start', 'a end', 'b start']);
  });

  it('GIVEN tasks for two guilds THEN they do not wait for each other', async () => {
    const queue = new KeyedQueue();
    const blocked = gate();
    const slow = queue.run('g1', () => blocked.opened);
    const fast = await queue.run('g2', async () => 'done');
    expect(fast).to.equal('done');
    blocked.open();
    await slow;
  });

  it('GIVEN a failing task THEN the error reaches its caller and the next task still runs', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('g1', async () => {
      throw new Error('boom');
    });
    const next = queue.run('g1', async () => 42);
    expect(await failed.catch((e: Error) => e.message)).to.equal('boom');
    expect(await next).to.equal(42);
  });
});

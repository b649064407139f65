import { expect } from 'chai';
import { MovePacer, type MoveOutcome } from '../../../../shared/deepen/mixer/move-pacer.js';

describe('mixer move queue (one per guild, Retry-After honoured)', () => {
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
    const waits: number[] = [];
    const pacer = new MovePacer(async (ms) => void waits.push(ms));
    const answers: MoveOutcome[] = [
      { kind: 'rateLimited', retryAfterMs: 300 },
      { kind: 'rateLimited', retryAfterMs: 1200 },
      { kind: 'done' },
    ];
    const outcome = await pacer.run('g1', async () => answers.shift()!);
    expect(outcome.kind).to.equal('done');
    expect(waits).to.deep.equal([300, 1200]);
    expect(pacer.invalidCount()).to.equal(2);
  });

  it('reports a failure without throwing and counts 403s as invalid requests', async () => {
    const pacer = new MovePacer(async () => undefined);
    const outcome = await pacer.run('g1', async () => ({
      kind: 'failed',
      invalid: true,
      error: new Error('403'),
    }));
    expect(outcome.kind).to.equal('failed');
    expect(pacer.invalidCount()).to.equal(1);
    const thrown = await pacer.run('g1', async () => {
      throw new Error('network');
    });
    expect(thrown.kind).to.equal('failed');
  });
});

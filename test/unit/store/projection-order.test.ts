import { expect } from 'chai';
import { orderTree, reorder } from '../../../sandbox/store/projection-order.js';

const ordered = (input: object, output: object, spec: object): string[] =>
  Object.keys(reorder(input, output as never, orderTree(spec as never)!));

describe('store projection field order', () => {
  const input = { _id: 1, a: { x: 1, y: 2 }, b: 2, c: 3 };

  it('GIVEN an implicit _id THEN puts it first, then included fields in document order, then computed', () => {
    expect(
      ordered(input, { t: 9, c: 3, b: 2, _id: 1 }, { t: { $add: ['$b', 1] }, c: 1, b: 1 }),
    ).to.deep.equal(['_id', 'b', 'c', 't']);
  });

  it('GIVEN a computed field named like an input field THEN places it with the computed fields', () => {
    expect(ordered(input, { _id: 1, b: 5, c: 3 }, { b: { $literal: 5 }, c: 1 })).to.deep.equal([
      '_id',
      'c',
      'b',
    ]);
  });

  it('GIVEN a nested projection THEN orders the sub-document the same way', () => {
    const out = reorder(
      input,
      { a: { w: 0, y: 2, x: 1 }, _id: 1 },
      orderTree({ a: { w: '$b', y: 1, x: 1 } })!,
    );
    expect(Object.keys(out['a'] as object)).to.deep.equal(['x', 'y', 'w']);
  });

  it('GIVEN an exclusion projection THEN has nothing to reorder', () => {
    expect(orderTree({ b: 0 })).to.equal(undefined);
    expect(orderTree({ _id: 0, 'a.x': 0 })).to.equal(undefined);
  });
});

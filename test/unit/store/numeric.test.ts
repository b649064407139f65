import { expect } from 'chai';
import { Decimal128, Double, Long } from 'bson';
import { addNumbers, multiplyNumbers, numericKind, sumNumbers } from '../../../sandbox/store/numeric.js';
import { compareStrings } from '../../../sandbox/store/compare.js';
import { leafValues } from '../../../sandbox/store/equality.js';

describe('store numeric arithmetic', () => {
  it('promotes int32 overflow to int64', () => {
    const result = addNumbers(2147483647, 1);
    expect(result).to.be.instanceOf(Long);
    expect((result as Long).toBigInt()).to.equal(2147483648n);
    expect(addNumbers(1, 2)).to.equal(3);
  });

  it('keeps int64 arithmetic exact beyond 2^53', () => {
    const result = addNumbers(Long.fromString('9007199254740993'), 1) as Long;
    expect(result.toString()).to.equal('9007199254740994');
    expect((multiplyNumbers(65536, 65536) as Long).toBigInt()).to.equal(4294967296n);
  });

  it('adds decimals exactly and lets a double operand make the result a double', () => {
    expect(String(addNumbers(Decimal128.fromString('0.1'), Decimal128.fromString('0.2')))).to.equal('0.3');
    expect(addNumbers(new Double(1.5), 1)).to.be.instanceOf(Double);
    expect(numericKind(addNumbers(1, Long.fromNumber(2)))).to.equal('long');
  });

  it('sums only numeric values', () => {
    expect(
      String(sumNumbers([Decimal128.fromString('0.1'), 'x', Decimal128.fromString('0.1'), null])),
    ).to.equal('0.2');
    expect(sumNumbers([])).to.equal(0);
  });
});

describe('store string order and query paths', () => {
  it('orders strings by code point (UTF-8 bytes), not UTF-16 units', () => {
    expect(compareStrings('～', '😀')).to.equal(-1);
    expect(compareStrings('a', 'あ')).to.equal(-1);
    expect(compareStrings('ab', 'a')).to.equal(1);
  });

  it('expands a leaf array unless it was reached through a numeric index', () => {
    expect(leafValues({ tags: ['a', 'b'] }, 'tags')).to.deep.equal([['a', 'b'], 'a', 'b']);
    expect(leafValues({ tags: [['a'], 'x'] }, 'tags.0')).to.deep.equal([['a']]);
    expect(leafValues({ a: [{ b: 1 }, { c: 2 }] }, 'a.b')).to.deep.equal([1, undefined]);
  });
});

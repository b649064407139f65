import { expect } from 'chai';
import { Decimal128, Double, Long, ObjectId } from 'bson';
import { documentKeys, encodeKey, pathValues } from '../../../sandbox/store/storage/keys.js';

describe('store index key encoding', () => {
  it('gives equal numbers one key whatever their BSON type', () => {
    const keys = [1, Long.fromNumber(1), new Double(1), Decimal128.fromString('1.0')].map(encodeKey);
    expect(new Set(keys).size).to.equal(1);
    expect(encodeKey('1')).to.not.equal(encodeKey(1));
  });

  it('treats missing and null as the same key and an empty array as another', () => {
    expect(encodeKey(undefined)).to.equal(encodeKey(null));
    expect(encodeKey([])).to.not.equal(encodeKey(null));
  });

  it('keys ObjectIds and dates by value', () => {
    const hex = '64b000000000000000000001';
    expect(encodeKey(new ObjectId(hex))).to.equal(encodeKey(new ObjectId(hex)));
    expect(encodeKey(new Date(5))).to.equal(encodeKey(new Date(5)));
    expect(encodeKey(new Date(5))).to.not.equal(encodeKey(5));
  });

  it('keeps field order significant for embedded documents', () => {
    expect(encodeKey({ a: 1, b: 2 })).to.not.equal(encodeKey({ b: 2, a: 1 }));
  });

  it('expands arrays along a path like a multikey index', () => {
    const doc = { tags: ['x', 'y'], people: [{ name: 'a' }, { name: 'b' }, {}] };
    expect(pathValues(doc, 'tags')).to.deep.equal(['x', 'y']);
    expect(pathValues(doc, 'people.name')).to.deep.equal(['a', 'b', undefined]);
    expect(pathValues(doc, 'absent.field')).to.deep.equal([undefined]);
  });

  it('builds the cartesian product of compound keys without duplicates', () => {
    const keys = documentKeys({ a: [1, 1, 2], b: 'x' }, ['a', 'b']);
    expect(keys.map((k) => k.values)).to.deep.equal([
      [1, 'x'],
      [2, 'x'],
    ]);
  });
});

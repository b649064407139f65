/**
 * MongoDB's BSON comparison order (used by `sort` in find/findAndModify), which mingo does not follow for
 * ObjectId, Binary, Decimal128 and mixed types: MinKey < null < numbers < strings < objects < arrays < binData
 * < ObjectId < booleans < dates < timestamps < regexes < MaxKey.
 */
import type { Document } from 'bson';
import { pathValues } from './storage/keys.js';

type Tagged = { _bsontype?: string };

function typeRank(value: unknown): number {
  if (value === undefined || value === null) return 2;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    default:
      break;
  }
  if (value instanceof Date) return 10;
  if (value instanceof RegExp) return 12;
  if (Array.isArray(value)) return 6;
  switch ((value as Tagged)._bsontype) {
    case 'MinKey':
      return 1;
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return 3;
    case 'BSONSymbol':
      return 4;
    case 'Binary':
      return 7;
    case 'ObjectId':
      return 8;
    case 'Timestamp':
      return 11;
    case 'BSONRegExp':
      return 12;
    case 'MaxKey':
      return 13;
    default:
      return 5;
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return Number((value as { toString(): string }).toString());
}

const cmp = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Binary string order as mongod uses it (UTF-8 bytes = code points). JS `<` compares UTF-16 code units, which
 * puts astral characters (emoji) before U+E000–U+FFFF (e.g. fullwidth forms common in Japanese text).
 */
export function compareStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const surrogateX = x >= 0xd800 && x <= 0xdfff;
    const surrogateY = y >= 0xd800 && y <= 0xdfff;
    if (surrogateX === surrogateY) return x < y ? -1 : 1;
    // A surrogate (code point >= U+10000) sorts after any BMP unit.
    return surrogateX ? 1 : -1;
  }
  return cmp(a.length, b.length);
}

/** Whether two values are in the same comparison bracket (range operators only match within one). */
export function sameBracket(a: unknown, b: unknown): boolean {
  return typeRank(a) === typeRank(b);
}

/** Compares two BSON values in MongoDB order. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return cmp(ra, rb);
  switch (ra) {
    case 2:
    case 1:
    case 13:
      return 0;
    case 3: {
      const x = toNumber(a);
      const y = toNumber(b);
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
      if (Number.isNaN(y)) return 1;
      return cmp(x, y);
    }
    case 4:
      return compareStrings(String(a), String(b));
    case 9:
      return cmp(Number(a), Number(b));
    case 10:
      return cmp((a as Date).getTime(), (b as Date).getTime());
    case 8:
      return cmp(
        (a as { toHexString(): string }).toHexString(),
        (b as { toHexString(): string }).toHexString(),
      );
    case 7: {
      const ba = a as { buffer: Uint8Array; sub_type: number };
      const bb = b as { buffer: Uint8Array; sub_type: number };
      if (ba.buffer.length !== bb.buffer.length) return cmp(ba.buffer.length, bb.buffer.length);
      if (ba.sub_type !== bb.sub_type) return cmp(ba.sub_type, bb.sub_type);
      return Buffer.compare(Buffer.from(ba.buffer), Buffer.from(bb.buffer));
    }
    case 6: {
      const xs = a as unknown[];
      const ys = b as unknown[];
      for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
        const c = compareValues(xs[i], ys[i]);
        if (c) return c;
      }
      return cmp(xs.length, ys.length);
    }
    case 5: {
      const xa = Object.entries(a as Document);
      const xb = Object.entries(b as Document);
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) {
        const rank = cmp(typeRank(xa[i]![1]), typeRank(xb[i]![1]));
        if (rank) return rank;
        const name = cmp(xa[i]![0], xb[i]![0]);
        if (name) return name;
        const value = compareValues(xa[i]![1], xb[i]![1]);
        if (value) return value;
      }
      return cmp(xa.length, xb.length);
    }
    default:
      return cmp(String(a), String(b));
  }
}

/** The value a document sorts by on a path: arrays sort by their min (ascending) or max (descending) element. */
function sortKey(doc: Document, path: string, direction: number): unknown {
  const values = pathValues(doc, path).map((v) => (Array.isArray(v) && v.length === 0 ? undefined : v));
  if (values.length === 1) return values[0];
  return values.reduce((best, v) => {
    const c = compareValues(v, best);
    return (direction > 0 ? c < 0 : c > 0) ? v : best;
  });
}

/** Sorts documents by a sort spec (`{ a: 1, b: -1 }`), stable, MongoDB order. */
export function sortDocuments(docs: Document[], sort: Document | undefined): Document[] {
  if (!sort || Object.keys(sort).length === 0) return docs;
  const spec = Object.entries(sort).map(([path, dir]) => [path, Number(dir) < 0 ? -1 : 1] as const);
  const keyed = docs.map((doc) => ({ doc, keys: spec.map(([path, dir]) => sortKey(doc, path, dir)) }));
  keyed.sort((x, y) => {
    for (let i = 0; i < spec.length; i++) {
      const c = compareValues(x.keys[i], y.keys[i]);
      if (c) return c * spec[i]![1];
    }
    return 0;
  });
  return keyed.map((k) => k.doc);
}

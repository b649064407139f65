/**
 * Operator updates the store performs itself, turned into plain `$set`s before mingo runs the rest.
 */
import { Timestamp, type Document } from 'bson';
import { cloneValue } from './clone.js';
import { ErrorCodes, StoreError } from './errors.js';
import { addNumbers, multiplyNumbers, zeroLike } from './numeric.js';
import { encodeKey } from './storage/keys.js';
import { getPath, isPositional } from './update-checks.js';
import { toNumbers } from './views.js';

/**
 * `$set: { _id: sameValue }` is legal in MongoDB (connect-mongo relies on it) but mingo refuses any `_id` write:
 * handle `_id` here — same value is a no-op, a new document takes it, a different value is ImmutableField (66).
 */
export function takeIdFromSet(copy: Document, modifier: Document): Document {
  const set = modifier['$set'] as Document | undefined;
  if (!set || !('_id' in set)) return modifier;
  const { _id: id, ...restOfSet } = set;
  if (copy['_id'] === undefined) copy['_id'] = cloneValue(id);
  else if (encodeKey(copy['_id']) !== encodeKey(id)) {
    throw new StoreError(
      ErrorCodes.ImmutableField,
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
  const { $set: _dropped, ...others } = modifier;
  return Object.keys(restOfSet).length ? { ...others, $set: restOfSet } : others;
}

let timestampIncrement = 0;

function currentTimestamp(): Timestamp {
  timestampIncrement = (timestampIncrement + 1) % 0x7fffffff;
  return new Timestamp({ t: Math.floor(Date.now() / 1000), i: timestampIncrement });
}

/**
 * Operators done here instead of by mingo, as plain `$set`s:
 * - `$currentDate` with `{ $type: 'timestamp' }` (mingo writes a number);
 * - `$inc` / `$mul` on non-positional paths, with exact int64/decimal arithmetic and type promotion (numeric.ts);
 * - `$addToSet` on non-positional paths (mingo compares embedded documents ignoring field order; mongod does not).
 */
export function rewriteOperators(copy: Document, original: Document, modifier: Document): Document {
  const out: Document = { ...modifier };
  const set: Document = { ...((modifier['$set'] as Document | undefined) ?? {}) };
  if (out['$currentDate']) {
    for (const [path, spec] of Object.entries(out['$currentDate'] as Document)) {
      const type = spec && typeof spec === 'object' ? (spec as Document)['$type'] : 'date';
      if (type !== 'date' && type !== 'timestamp') {
        throw new StoreError(
          ErrorCodes.BadValue,
          "The '$type' string field is required to be 'date' or 'timestamp'",
        );
      }
      set[path] = type === 'timestamp' ? currentTimestamp() : new Date();
    }
    delete out['$currentDate'];
  }
  for (const op of ['$inc', '$mul'] as const) {
    if (!out[op]) continue;
    const rest: Document = {};
    for (const [path, arg] of Object.entries(out[op] as Document)) {
      if (path.split('.').some(isPositional)) {
        rest[path] = arg;
        continue;
      }
      const current = getPath(original, path).value;
      if (current === undefined) set[path] = op === '$inc' ? arg : zeroLike(arg);
      else set[path] = op === '$inc' ? addNumbers(current, arg) : multiplyNumbers(current, arg);
    }
    if (Object.keys(rest).length) out[op] = toNumbers(rest);
    else delete out[op];
  }
  if (out['$addToSet']) {
    const rest: Document = {};
    for (const [path, arg] of Object.entries(out['$addToSet'] as Document)) {
      if (path.split('.').some(isPositional)) {
        rest[path] = arg;
        continue;
      }
      const current = (getPath(copy, path).value as unknown[] | undefined) ?? [];
      const each =
        arg && typeof arg === 'object' && !Array.isArray(arg) && '$each' in (arg as Document)
          ? ((arg as Document)['$each'] as unknown[])
          : [arg];
      const seen = new Set(current.map(encodeKey));
      const next = [...current];
      for (const value of each) {
        const key = encodeKey(value);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(cloneValue(value));
        }
      }
      set[path] = next;
    }
    if (Object.keys(rest).length) out['$addToSet'] = rest;
    else delete out['$addToSet'];
  }
  if (Object.keys(set).length) out['$set'] = set;
  return out;
}

const NUMBER_ARGUMENT_OPS = ['$inc', '$mul', '$min', '$max', '$pull', '$pullAll'];

/** Arguments mingo compares or adds become numbers; a Long/Decimal128 argument makes its field wide. */
export function numericArguments(modifier: Document, wide: Map<string, unknown>): Document {
  const out: Document = { ...modifier };
  for (const op of NUMBER_ARGUMENT_OPS) {
    const fields = modifier[op] as Document | undefined;
    if (!fields) continue;
    if (op === '$inc' || op === '$mul') {
      for (const [path, arg] of Object.entries(fields)) {
        const tag = (arg as { _bsontype?: string } | null)?._bsontype;
        if ((tag === 'Long' || tag === 'Decimal128') && !wide.has(path)) wide.set(path, arg);
      }
    }
    out[op] = toNumbers(fields);
  }
  return out;
}

/**
 * The update language: operator updates (through mingo, with the checks mongod makes and mingo skips),
 * replacements, pipeline updates, `$setOnInsert`, and seeding an upsert from the filter's equality fields.
 */
import { BSON, ObjectId, Timestamp, type Document } from 'bson';
import { updateOne } from 'mingo';
import { cloneValue } from './clone.js';
import { renderValue } from './storage/dup-key.js';
import { ErrorCodes, StoreError } from './errors.js';
import { encodeKey } from './storage/keys.js';
import { mingoOptions } from './mingo-context.js';
import { addNumbers, multiplyNumbers, zeroLike } from './numeric.js';
import { restoreWide, toNumbers, viewOf, widePaths } from './views.js';

const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$rename',
  '$setOnInsert',
  '$min',
  '$max',
  '$currentDate',
  '$addToSet',
  '$pop',
  '$pull',
  '$push',
  '$pullAll',
  '$bit',
]);
const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);

export type UpdateKind = 'operators' | 'replacement' | 'pipeline';

/** Classifies and validates an update document (`u`). */
export function updateKind(update: unknown): UpdateKind {
  if (Array.isArray(update)) {
    for (const stage of update as Document[]) {
      const name = Object.keys(stage ?? {})[0] ?? '';
      if (!PIPELINE_STAGES.has(name)) {
        throw new StoreError(ErrorCodes.InvalidOptions, `${name} is not allowed to be used within an update`);
      }
    }
    return 'pipeline';
  }
  if (update === null || typeof update !== 'object') {
    throw new StoreError(ErrorCodes.FailedToParse, 'Update argument must be either an object or an array');
  }
  const keys = Object.keys(update);
  if (keys.length === 0 || !keys[0]!.startsWith('$')) {
    const dollar = keys.find((k) => k.startsWith('$'));
    if (dollar) {
      throw new StoreError(
        52,
        `The dollar ($) prefixed field '${dollar}' in '${dollar}' is not valid for storage.`,
      );
    }
    return 'replacement';
  }
  for (const key of keys) {
    if (!OPERATORS.has(key)) {
      throw new StoreError(
        ErrorCodes.FailedToParse,
        `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    const arg = (update as Document)[key];
    if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) {
      throw new StoreError(
        ErrorCodes.FailedToParse,
        `Modifiers operate on fields but we found type ${Array.isArray(arg) ? 'array' : typeof arg} instead.`,
      );
    }
  }
  return 'operators';
}

function isPositional(part: string): boolean {
  return part === '$' || part.startsWith('$[');
}

/** Rejects two operators touching the same path or a path and its prefix (mongod code 40). */
function checkConflicts(update: Document): void {
  const seen: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    const paths = Object.keys(fields as Document);
    if (op === '$rename') paths.push(...Object.values(fields as Document).map(String));
    for (const path of paths) {
      const clash = seen.find((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
      if (clash !== undefined) {
        throw new StoreError(
          ErrorCodes.ConflictingUpdateOperators,
          `Updating the path '${path}' would create a conflict at '${clash.length < path.length ? clash : path}'`,
        );
      }
      seen.push(path);
    }
  }
}

/** The value at a dotted path (no array expansion), `undefined` when missing. Stops at positional parts. */
function getPath(
  doc: Document,
  path: string,
): { value: unknown; blockedBy?: { part: string; holder: unknown } } {
  let current: unknown = doc;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (isPositional(part)) return { value: undefined };
    if (current === undefined) return { value: undefined };
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return { value: undefined, blockedBy: { part, holder: current } };
      current = current[Number(part)];
      continue;
    }
    if (
      current === null ||
      typeof current !== 'object' ||
      current instanceof Date ||
      (current as { _bsontype?: string })._bsontype
    ) {
      return { value: undefined, blockedBy: { part, holder: current } };
    }
    current = (current as Document)[part];
  }
  return { value: current };
}

function isNumeric(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  const type = (value as { _bsontype?: string } | null)?._bsontype;
  return type === 'Long' || type === 'Int32' || type === 'Double' || type === 'Decimal128';
}

function bsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  const type = (value as { _bsontype?: string })?._bsontype;
  if (type === 'ObjectId') return 'objectId';
  return type ? type.toLowerCase() : 'object';
}

/** The type and path checks mongod applies before modifying a document; mingo silently skips these cases. */
function precheck(doc: Document, update: Document): void {
  const idText = `{_id: ${renderValue(doc['_id'])}}`;
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, arg] of Object.entries(fields as Document)) {
      if (NUMERIC_OPS.has(op) && !isNumeric(arg)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw new StoreError(
          ErrorCodes.TypeMismatch,
          `Cannot ${verb} with non-numeric argument: {${path}: ${renderValue(arg)}}`,
        );
      }
      const { value, blockedBy } = getPath(doc, path);
      if (blockedBy && op !== '$unset' && op !== '$pull' && op !== '$pullAll' && op !== '$pop') {
        throw new StoreError(
          ErrorCodes.PathNotViable,
          `Cannot create field '${blockedBy.part}' in element {${path.split('.')[0]}: ${renderValue(blockedBy.holder)}}`,
        );
      }
      if (value === undefined || value === null) {
        if (value === null && NUMERIC_OPS.has(op)) {
          throw new StoreError(
            ErrorCodes.TypeMismatch,
            `Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${path}' of non-numeric type null`,
          );
        }
        continue;
      }
      if (NUMERIC_OPS.has(op) && !isNumeric(value)) {
        throw new StoreError(
          ErrorCodes.TypeMismatch,
          `Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${path}' of non-numeric type ${bsonTypeName(value)}`,
        );
      }
      if (ARRAY_OPS.has(op) && !Array.isArray(value)) {
        const message =
          op === '$push' || op === '$addToSet'
            ? `The field '${path}' must be an array but is of type ${bsonTypeName(value)} in document ${idText}`
            : `Cannot apply ${op} to a non-array value`;
        throw new StoreError(ErrorCodes.BadValue, message);
      }
    }
  }
}

export interface ApplyOptions {
  /** The update's filter; needed for the positional `$` operator. */
  filter: Document;
  arrayFilters?: Document[] | undefined;
  /** True when the update is building a new upserted document ($setOnInsert applies). */
  isInsert: boolean;
}

/** Moves `_id` to the front, as mongod stores it. */
function idFirst(doc: Document): Document {
  if (!('_id' in doc) || Object.keys(doc)[0] === '_id') return doc;
  const { _id, ...rest } = doc;
  return { _id, ...rest };
}

function immutableId(before: Document, after: Document): void {
  if (encodeKey(before['_id']) !== encodeKey(after['_id'])) {
    throw new StoreError(
      ErrorCodes.ImmutableField,
      "Performing an update on the path '_id' would modify the immutable field '_id'",
    );
  }
}

/**
 * `$set: { _id: sameValue }` is legal in MongoDB (connect-mongo relies on it) but mingo refuses any `_id` write:
 * handle `_id` here — same value is a no-op, a new document takes it, a different value is ImmutableField (66).
 */
function takeIdFromSet(copy: Document, modifier: Document): Document {
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
function rewriteOperators(copy: Document, original: Document, modifier: Document): Document {
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
function numericArguments(modifier: Document, wide: Map<string, unknown>): Document {
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

/** Applies an update to a copy of `doc` and returns the new document (the stored one is never mutated). */
export function applyUpdate(doc: Document, update: Document | Document[], options: ApplyOptions): Document {
  const kind = updateKind(update);
  if (kind === 'replacement') {
    const replacement = update as Document;
    if ('_id' in replacement && '_id' in doc && encodeKey(replacement['_id']) !== encodeKey(doc['_id'])) {
      throw new StoreError(
        ErrorCodes.ImmutableField,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${renderValue(replacement['_id'])}`,
      );
    }
    const { _id: _ignored, ...rest } = cloneValue(replacement);
    return '_id' in doc
      ? { _id: doc['_id'], ...rest }
      : idFirst({ ...rest, ...(_ignored === undefined ? {} : { _id: _ignored }) });
  }
  // mingo computes on numbers: run on the numeric view and give Long/Decimal128 fields their type back afterwards.
  const wide = widePaths(doc);
  const copy = cloneValue(viewOf(doc));
  let modifier: Document | Document[];
  if (kind === 'operators') {
    const { $setOnInsert, ...others } = update as Document;
    modifier = others;
    if (options.isInsert && $setOnInsert)
      modifier = { ...others, $set: { ...(others['$set'] ?? {}), ...$setOnInsert } };
    checkConflicts(options.isInsert ? (update as Document) : others);
    modifier = takeIdFromSet(copy, modifier);
    precheck(copy, modifier);
    modifier = rewriteOperators(copy, doc, modifier);
    modifier = numericArguments(modifier, wide);
    if (Object.keys(modifier).length === 0) return copy;
  } else {
    modifier = update as Document[];
  }
  const docs = [copy];
  try {
    updateOne(
      docs,
      options.isInsert ? {} : toNumbers(options.filter),
      modifier as never,
      {
        arrayFilters: toNumbers(options.arrayFilters),
        cloneMode: 'deep',
      },
      mingoOptions(),
    );
  } catch (error) {
    throw new StoreError(ErrorCodes.BadValue, error instanceof Error ? error.message : String(error));
  }
  const result = docs[0]!;
  restoreWide(result, wide);
  if (!options.isInsert) immutableId(doc, result);
  return idFirst(result);
}

function setPath(target: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = target;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (next === undefined) current = current[part] = {};
    else if (next && typeof next === 'object' && !Array.isArray(next)) current = next as Document;
    else return;
  }
  const last = parts[parts.length - 1]!;
  if (!(last in current)) current[last] = cloneValue(value);
}

function isOperatorObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    return false;
  if ((value as { _bsontype?: string })._bsontype || value instanceof RegExp) return false;
  const first = Object.keys(value)[0];
  return first !== undefined && first.startsWith('$');
}

/** The starting document of an upsert: the filter's equality fields (top level, `$eq`, inside `$and`). */
export function seedFromFilter(filter: Document, seed: Document = {}): Document {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) seedFromFilter(sub as Document, seed);
      continue;
    }
    if (key.startsWith('$')) continue;
    if (!isOperatorObject(value)) {
      if (!(value instanceof RegExp)) setPath(seed, key, value);
    } else if ('$eq' in (value as Document)) {
      setPath(seed, key, (value as Document)['$eq']);
    }
  }
  return seed;
}

/** The document an upsert inserts: seed from the filter (ignored for replacements except `_id`), then the update. */
export function buildUpsert(
  filter: Document,
  update: Document | Document[],
  arrayFilters?: Document[],
): Document {
  const seed = seedFromFilter(filter);
  const kind = updateKind(update);
  let doc: Document;
  if (kind === 'replacement') {
    doc = applyUpdate('_id' in seed ? { _id: seed['_id'] } : {}, update, { filter, isInsert: true });
  } else {
    doc = applyUpdate(seed, update, { filter, arrayFilters, isInsert: true });
  }
  if (doc['_id'] === undefined) doc = { _id: new ObjectId(), ...doc };
  return idFirst(doc);
}

/** Whether an update really changed the document (mongod's nModified counts only real changes). */
export function changed(before: Document, after: Document): boolean {
  return !Buffer.from(BSON.serialize(before)).equals(BSON.serialize(after));
}

/**
 * The update language: operator updates (through mingo, with the checks mongod makes and mingo skips),
 * replacements, pipeline updates, `$setOnInsert`, and seeding an upsert from the filter's equality fields.
 */
import { BSON, ObjectId, type Document } from 'bson';
import { updateOne } from 'mingo';
import { cloneValue } from './clone.js';
import { renderValue } from './storage/dup-key.js';
import { ErrorCodes, StoreError } from './errors.js';
import { encodeKey } from './storage/keys.js';
import { mingoOptions } from './mingo-context.js';
import { checkConflicts, precheck } from './update-checks.js';
import { numericArguments, rewriteOperators, takeIdFromSet } from './update-rewrites.js';
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

/** mongod's answer when a replacement (or a pipeline's result) carries a different `_id`. */
function alteredId(replacementId: unknown): StoreError {
  return new StoreError(
    ErrorCodes.ImmutableField,
    `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${renderValue(replacementId)}`,
  );
}

/**
 * A pipeline's result replaces the document the way a replacement does (mongod runs it through the same
 * replacement executor): without `_id` ($replaceRoot/$replaceWith to a sub-document, `$project: { _id: 0 }`,
 * `$unset: '_id'`) it keeps the original `_id`; with a different one it fails.
 */
function pipelineResult(before: Document, result: Document): Document {
  if (!('_id' in before)) return result;
  if (result['_id'] === undefined) return { _id: before['_id'], ...result };
  if (encodeKey(result['_id']) !== encodeKey(before['_id'])) throw alteredId(result['_id']);
  return result;
}

/** Applies an update to a copy of `doc` and returns the new document (the stored one is never mutated). */
export function applyUpdate(doc: Document, update: Document | Document[], options: ApplyOptions): Document {
  const kind = updateKind(update);
  if (kind === 'replacement') {
    const replacement = update as Document;
    if ('_id' in replacement && '_id' in doc && encodeKey(replacement['_id']) !== encodeKey(doc['_id'])) {
      throw alteredId(replacement['_id']);
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
  let result = docs[0]!;
  restoreWide(result, wide);
  if (kind === 'pipeline') result = pipelineResult(doc, result);
  else if (!options.isInsert) immutableId(doc, result);
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

/**
 * The update language: operator updates (through mingo, with the checks mongod makes and mingo skips),
 * replacements, pipeline updates, `$setOnInsert`, and seeding an upsert from the filter's equality fields.
 *
 * Deliberate stricter deviation: the positional `$` is refused (BadValue, "positional operator is ambiguous")
 * wherever mongod's choice of element depends on its query evaluation order (several arrays in the filter,
 * `$` on two arrays, several conditions or operators on the array outside `$elemMatch`); see resolvePositional.
 */
import { BSON, ObjectId, type Document } from 'bson';
import { updateOne } from 'mingo';
import { cloneValue } from './clone.js';
import { renderValue } from './storage/dup-key.js';
import { ErrorCodes, StoreError } from './errors.js';
import { encodeKey } from './storage/keys.js';
import { makeQuery, mingoOptions } from './mingo-context.js';
import { checkConflicts, getPath, precheck } from './update-checks.js';
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
    // `$` first, so every check and exact rewrite below sees the concrete path (`a.1.n`).
    if (!options.isInsert) modifier = resolvePositional(copy, modifier, options.filter);
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
      // The store has already decided this document matches (select/makeQuery) and resolved every `$`:
      // mingo's own filter would differ (`{ 'a.x': null }`) and silently skip the update.
      {},
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

/** `a.b.$.c` → `a.b`; undefined when the path has no `$` part. */
function positionalPrefix(path: string): string | undefined {
  const parts = path.split('.');
  const at = parts.indexOf('$');
  if (at >= 0 && parts.lastIndexOf('$') !== at) {
    throw new StoreError(
      ErrorCodes.BadValue,
      `Too many positional (i.e. '$') elements found in path '${path}'`,
    );
  }
  return at > 0 ? parts.slice(0, at).join('.') : undefined;
}

/** `{ a: { b: value } }` for `a.b`: a document holding `value` at a dotted path. */
function nestAt(path: string, value: unknown): Document {
  return path.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Document;
}

/** mongod's answer when the query recorded no array position for `$` (negations, whole-array matches). */
function noPositionalMatch(): StoreError {
  return new StoreError(
    ErrorCodes.BadValue,
    'The positional operator did not find the match needed from the query.',
  );
}

/** The store's own refusal where mongod's position is "the last array predicate evaluated" (see resolvePositional). */
function ambiguousPositional(why: string): StoreError {
  return new StoreError(
    ErrorCodes.BadValue,
    `positional operator is ambiguous: ${why} (the embedded store refuses what MongoDB resolves by query evaluation order; use $elemMatch on one array, or arrayFilters)`,
  );
}

/** The filter's field conditions, through `$and`; `$or`/`$nor` and other top-level operators are reported by name. */
function filterConditions(filter: Document, out: [string, unknown][] = []): [string, unknown][] {
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value))
      for (const sub of value) filterConditions(sub as Document, out);
    else out.push([key, value]);
  }
  return out;
}

/** The field paths (named without indexes) of the arrays a filter path walks through in `doc`. */
function arraysOnPath(doc: unknown, parts: string[], at: string, out: Set<string>): void {
  if (parts.length === 0 || doc === null || typeof doc !== 'object') return;
  if (Array.isArray(doc)) {
    out.add(at);
    for (const element of doc)
      arraysOnPath(element, /^\d+$/.test(parts[0]!) ? parts.slice(1) : parts, at, out);
    return;
  }
  const [head, ...rest] = parts;
  const next = (doc as Document)[head!];
  const path = at === '' ? head! : `${at}.${head}`;
  if (Array.isArray(next)) out.add(path);
  if (Array.isArray(next)) for (const element of next) arraysOnPath(element, rest, path, out);
  else arraysOnPath(next, rest, path, out);
}

/** Operators that record the matched element's position in mongod (a single one of them per condition). */
const POSITION_OPERATORS = new Set(['$eq', '$gt', '$gte', '$lt', '$lte', '$in', '$regex', '$type', '$mod']);
/** Negations and whole-array operators: mongod records no position for them (SERVER-6982, the manual's "Negations"). */
const NO_POSITION_OPERATORS = new Set(['$ne', '$nin', '$not', '$size', '$all']);

/** Refuses a condition on the array whose matched position mongod would not record, or would pick differently. */
function checkPositionCondition(key: string, prefix: string, condition: unknown): void {
  if (Array.isArray(condition)) throw noPositionalMatch();
  if (!isOperatorObject(condition)) return;
  const ops = Object.keys(condition as Document).filter((op) => op !== '$options');
  if (ops.some((op) => NO_POSITION_OPERATORS.has(op))) throw noPositionalMatch();
  if (ops.length === 1 && ops[0] === '$exists') {
    if ((condition as Document)['$exists']) return;
    throw noPositionalMatch();
  }
  if (ops.length === 1 && ops[0] === '$elemMatch' && key === prefix) return;
  if (ops.length === 1 && POSITION_OPERATORS.has(ops[0]!)) return;
  throw ambiguousPositional(
    ops.length > 1
      ? `the condition on '${key}' has several operators without $elemMatch`
      : `the condition ${ops[0]} on '${key}' does not name one element`,
  );
}

/**
 * Turns the positional `$` into the index of the element the filter matched, before any check or
 * rewrite runs, so `a.$.n` gets exactly what a written `a.1.n` gets (type checks, exact int64
 * arithmetic, conflicts). mingo's own `$` cannot be used: it tests `{ 'a.b': [element] }` with a
 * literal dotted key (a `$` under a nested array never matches) and keys positional paths by their
 * prefix (`a.$.x` and `a.$.y` clash); mongod accepts both.
 *
 * mongod keeps ONE position per query: the element matched by the last array predicate it evaluated
 * (SERVER-5247, the manual's "Multiple Array Matches"), and puts it in every `$`. That depends on its
 * evaluation order, so the store deliberately refuses (BadValue) where that order would matter,
 * stricter than mongod: a filter walking several arrays, `$` on two arrays, several conditions on the
 * array, or a condition with several operators outside `$elemMatch`. Negations and whole-array
 * conditions get mongod's own answer: no position was recorded.
 */
function resolvePositional(doc: Document, modifier: Document, filter: Document): Document {
  const prefixes = new Set<string>();
  for (const [op, fields] of Object.entries(modifier))
    for (const [path, target] of Object.entries(fields as Document)) {
      const prefix = positionalPrefix(path);
      if (op === '$rename' && (prefix !== undefined || positionalPrefix(String(target)) !== undefined)) {
        const which = prefix !== undefined ? 'source' : 'destination';
        throw new StoreError(
          ErrorCodes.BadValue,
          `The ${which} field for $rename may not be dynamic: ${prefix !== undefined ? path : String(target)}`,
        );
      }
      if (prefix !== undefined) prefixes.add(prefix);
    }
  if (prefixes.size === 0) return modifier;
  if (prefixes.size > 1)
    throw ambiguousPositional(`'$' is used on several arrays (${[...prefixes].join(', ')})`);
  const prefix = [...prefixes][0]!;
  const conditions = filterConditions(filter);
  if (conditions.some(([key]) => key === '$or' || key === '$nor'))
    throw ambiguousPositional('the query uses $or or $nor');
  const arrays = new Set<string>();
  for (const [key] of conditions) if (!key.startsWith('$')) arraysOnPath(doc, key.split('.'), '', arrays);
  if (arrays.size > 1)
    throw ambiguousPositional(`the query matches several arrays (${[...arrays].join(', ')})`);
  const onArray = conditions.filter(([key]) => key === prefix || key.startsWith(`${prefix}.`));
  if (arrays.size === 1 && !arrays.has(prefix))
    throw ambiguousPositional(
      `the query matches the array '${[...arrays][0]}', the update names '${prefix}'`,
    );
  if (onArray.length === 0 || !Array.isArray(getPath(doc, prefix).value)) throw noPositionalMatch();
  if (onArray.length > 1) throw ambiguousPositional(`the query has several conditions on '${prefix}'`);
  const [key, condition] = onArray[0]!;
  checkPositionCondition(key, prefix, condition);
  const query = makeQuery(toNumbers({ [key]: condition }) as Document);
  const array = getPath(doc, prefix).value as unknown[];
  const at = array.findIndex((element) => query.test(nestAt(prefix, [element])));
  if (at < 0) throw noPositionalMatch();
  const rewritten: Document = {};
  const written: string[] = [];
  for (const [op, fields] of Object.entries(modifier)) {
    const out: Document = {};
    for (const [path, value] of Object.entries(fields as Document)) {
      const concrete =
        positionalPrefix(path) === undefined ? path : `${prefix}.${at}${path.slice(`${prefix}.$`.length)}`;
      // `a.$.y` next to `a.1.y` only collides once `$` is known: mongod's apply-time conflict (code 40).
      const clash = written.find(
        (p) => p === concrete || p.startsWith(`${concrete}.`) || concrete.startsWith(`${p}.`),
      );
      if (clash !== undefined) {
        throw new StoreError(
          ErrorCodes.ConflictingUpdateOperators,
          `Update created a conflict at '${clash.length < concrete.length ? clash : concrete}'`,
        );
      }
      written.push(concrete);
      out[concrete] = value;
    }
    rewritten[op] = out;
  }
  return rewritten;
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

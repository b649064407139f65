/**
 * Read commands: find, getMore, killCursors, count, distinct.
 */
import type { Document } from 'bson';
import { compareValues, sortDocuments } from '../compare.js';
import { ErrorCodes, StoreError, notSupported } from '../errors.js';
import { project } from '../projection.js';
import { Matcher, candidates } from '../query.js';
import type { Collection } from '../storage/collection.js';
import { encodeKey, pathValues } from '../storage/keys.js';
import { collectionName, docOption, intOption, type CommandHandler } from './context.js';

/** Validates a sort spec: only 1 / -1 directions; `$meta` sorts (text score) are unsupported. */
export function validateSort(sort: Document | undefined): void {
  if (!sort) return;
  for (const [field, direction] of Object.entries(sort)) {
    if (direction && typeof direction === 'object') throw notSupported(`$meta sort on '${field}'`);
    if (direction !== 1 && direction !== -1) {
      throw new StoreError(15975, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
    }
  }
}

/** A hint must name an existing index (by name or key pattern) or be `$natural`, as in mongod. */
export function checkHint(collection: Collection | undefined, hint: unknown): void {
  if (hint === undefined || hint === null || !collection) return;
  if (typeof hint === 'string') {
    if (hint === '_id_' || collection.indexes.has(hint)) return;
  } else if (typeof hint === 'object') {
    const keys = Object.keys(hint as Document);
    if (keys.length === 1 && keys[0] === '$natural') return;
    if (keys.length === 0) return;
    const encoded = encodeKey(hint);
    if (
      encoded === encodeKey({ _id: 1 }) ||
      [...collection.indexes.values()].some((i) => encodeKey(i.spec.key) === encoded)
    ) {
      return;
    }
  }
  throw new StoreError(ErrorCodes.BadValue, 'hint provided does not correspond to an existing index');
}

export interface SelectOptions {
  filter: Document;
  sort?: Document | undefined;
  skip?: number | undefined;
  limit?: number | undefined;
  hint?: unknown;
}

/** Matching documents after sort/skip/limit, using indexes for equality filters and stopping early when it can. */
export function select(collection: Collection | undefined, options: SelectOptions): Document[] {
  const matcher = new Matcher(options.filter);
  validateSort(options.sort);
  checkHint(collection, options.hint);
  if (!collection) return [];
  const skip = Math.max(0, options.skip ?? 0);
  const limit = options.limit && options.limit > 0 ? options.limit : Infinity;
  const hasSort = options.sort && Object.keys(options.sort).length > 0;
  const matched: Document[] = [];
  const wanted = hasSort ? Infinity : skip + limit;
  for (const doc of candidates(collection, options.filter).docs) {
    if (!matcher.test(doc)) continue;
    matched.push(doc);
    if (matched.length >= wanted) break;
  }
  const ordered = hasSort ? sortDocuments(matched, options.sort) : matched;
  return ordered.slice(skip, limit === Infinity ? undefined : skip + limit);
}

function rejectUnsupportedFind(body: Document): void {
  if (body['tailable'] || body['awaitData']) throw notSupported('tailable cursors');
  if (body['min'] !== undefined || body['max'] !== undefined) throw notSupported('find min/max');
  if (body['returnKey'] || body['showRecordId']) throw notSupported('returnKey/showRecordId');
}

const find: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'find');
  rejectUnsupportedFind(body);
  const filter = docOption(body, 'filter') ?? {};
  const rawLimit = intOption(body, 'limit');
  const singleBatch = body['singleBatch'] === true || (rawLimit !== undefined && rawLimit < 0);
  const limit = rawLimit === undefined ? undefined : Math.abs(rawLimit);
  const collection = ctx.catalog.get(ctx.db, name);
  const docs = select(collection, {
    filter,
    sort: docOption(body, 'sort'),
    skip: intOption(body, 'skip'),
    limit,
    hint: body['hint'],
  });
  const projected = project(docs, docOption(body, 'projection'), filter);
  let batchSize = intOption(body, 'batchSize');
  if (batchSize !== undefined && batchSize < 0) {
    throw new StoreError(ErrorCodes.BadValue, "BSON field 'batchSize' value must be >= 0");
  }
  if (limit && (batchSize === undefined || batchSize > limit)) batchSize = limit;
  return ctx.cursors.open(`${ctx.db}.${name}`, projected, batchSize, singleBatch);
};

const getMore: CommandHandler = (body, ctx) => {
  const collection = body['collection'];
  if (typeof collection !== 'string') {
    throw new StoreError(
      ErrorCodes.TypeMismatch,
      "BSON field 'getMore.collection' is missing or not a string",
    );
  }
  return ctx.cursors.getMore(body['getMore'], `${ctx.db}.${collection}`, intOption(body, 'batchSize'));
};

const killCursors: CommandHandler = (body, ctx) => {
  collectionName(body, 'killCursors');
  const ids = body['cursors'];
  if (!Array.isArray(ids))
    throw new StoreError(ErrorCodes.TypeMismatch, "BSON field 'cursors' must be an array");
  return ctx.cursors.kill(ids);
};

const count: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'count');
  const collection = ctx.catalog.get(ctx.db, name);
  const query = docOption(body, 'query') ?? {};
  const skip = intOption(body, 'skip');
  const limit = intOption(body, 'limit');
  if (Object.keys(query).length === 0 && !skip && !limit && body['hint'] === undefined) {
    new Matcher(query);
    return { n: collection?.docs.size ?? 0, ok: 1 };
  }
  const n = select(collection, {
    filter: query,
    skip,
    limit: limit ? Math.abs(limit) : undefined,
    hint: body['hint'],
  }).length;
  return { n, ok: 1 };
};

const distinct: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'distinct');
  const key = body['key'];
  if (typeof key !== 'string')
    throw new StoreError(ErrorCodes.TypeMismatch, "BSON field 'distinct.key' must be a string");
  const docs = select(ctx.catalog.get(ctx.db, name), { filter: docOption(body, 'query') ?? {} });
  const seen = new Map<string, unknown>();
  for (const doc of docs) {
    for (const value of pathValues(doc, key)) {
      if (value === undefined) continue;
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) {
        const encoded = encodeKey(v);
        if (!seen.has(encoded)) seen.set(encoded, v);
      }
    }
  }
  return { values: [...seen.values()].sort(compareValues), ok: 1 };
};

export const readCommands: Record<string, CommandHandler> = { find, getMore, killCursors, count, distinct };

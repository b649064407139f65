/**
 * Query filters: validation (unsupported operators fail loudly), matching through mingo, and the planner that
 * answers equality lookups on `_id` and indexed fields from an index instead of scanning the collection.
 */
import type { Document } from 'bson';
import { makeQuery } from './mingo-context.js';
import { toNumbers, viewOf } from './views.js';
import { ErrorCodes, StoreError, notSupported } from './errors.js';
import type { Collection } from './storage/collection.js';
import { encodeCompound, encodeKey } from './storage/keys.js';

const TOP_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$comment', '$alwaysTrue', '$alwaysFalse']);
const FIELD_OPS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$regex',
  '$options',
  '$not',
  '$elemMatch',
  '$size',
  '$all',
  '$mod',
  '$bitsAllSet',
  '$bitsAnySet',
  '$bitsAllClear',
  '$bitsAnyClear',
]);

function isOperatorObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date)
    return false;
  if (value instanceof RegExp || (value as { _bsontype?: string })._bsontype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys[0]!.startsWith('$');
}

/** Throws the MongoDB-shaped error for operators the store rejects or does not know. */
export function validateFilter(filter: Document): void {
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) {
      if (key === '$where') throw notSupported('$where');
      if (key === '$text')
        throw new StoreError(ErrorCodes.IndexNotFound, 'text index required for $text query');
      if (key === '$jsonSchema') throw notSupported('$jsonSchema');
      if (!TOP_LEVEL.has(key))
        throw new StoreError(ErrorCodes.BadValue, `unknown top level operator: ${key}`);
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (!Array.isArray(value) || value.length === 0) {
          throw new StoreError(ErrorCodes.BadValue, `${key} argument must be a non-empty array`);
        }
        value.forEach((sub) => validateFilter(sub as Document));
      }
      continue;
    }
    if (isOperatorObject(value)) validateFieldOps(value);
  }
}

function validateFieldOps(ops: Document): void {
  for (const [op, arg] of Object.entries(ops)) {
    if (['$near', '$nearSphere', '$geoWithin', '$geoIntersects'].includes(op)) throw notSupported(op);
    if (!FIELD_OPS.has(op)) throw new StoreError(ErrorCodes.BadValue, `unknown operator: ${op}`);
    if ((op === '$in' || op === '$nin' || op === '$all') && !Array.isArray(arg)) {
      throw new StoreError(ErrorCodes.BadValue, `${op} needs an array`);
    }
    if (op === '$not' && isOperatorObject(arg)) validateFieldOps(arg);
    if (op === '$elemMatch' && arg && typeof arg === 'object' && !Array.isArray(arg)) {
      if (isOperatorObject(arg)) validateFieldOps(arg as Document);
      else validateFilter(arg as Document);
    }
  }
}

/** A compiled filter. */
export class Matcher {
  private readonly query: ReturnType<typeof makeQuery> | undefined;

  constructor(readonly filter: Document = {}) {
    validateFilter(filter);
    this.query = Object.keys(filter).length ? makeQuery(toNumbers(filter)) : undefined;
  }

  /** Tests a stored document (through its numeric view, so Long/Decimal128 compare as numbers). */
  test(doc: Document): boolean {
    return this.query ? this.query.test(viewOf(doc)) : true;
  }
}

/** Values a field must equal (several for `$in`), or undefined if the filter does not pin it by equality. */
function equalityValues(filter: Document, field: string): unknown[] | undefined {
  const direct = pinned(filter[field]);
  if (direct) return direct;
  if (Array.isArray(filter['$and'])) {
    for (const sub of filter['$and'] as Document[]) {
      const nested = equalityValues(sub, field);
      if (nested) return nested;
    }
  }
  return undefined;
}

function indexable(value: unknown): boolean {
  return !(value instanceof RegExp) && !Array.isArray(value) && !isOperatorObject(value);
}

function pinned(condition: unknown): unknown[] | undefined {
  if (condition === undefined) return undefined;
  if (!isOperatorObject(condition)) return indexable(condition) ? [condition] : undefined;
  if ('$eq' in condition && indexable(condition['$eq'])) return [condition['$eq']];
  if (Array.isArray(condition['$in']) && (condition['$in'] as unknown[]).every(indexable)) {
    return condition['$in'] as unknown[];
  }
  return undefined;
}

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((p) => list.map((v) => [...p, v])), [[]]);
}

/** How a filter will be answered (exposed for unit tests and explain-like diagnostics). */
export interface Plan {
  kind: 'id' | 'index' | 'scan';
  index?: string;
}

/**
 * Candidate documents for a filter: from the `_id` map or an equality index when possible, else every document.
 * Candidates are a superset of the matches; callers still run the Matcher on each.
 */
export function candidates(
  collection: Collection,
  filter: Document,
): { docs: Iterable<Document>; plan: Plan } {
  const ids = equalityValues(filter, '_id');
  if (ids) {
    const encoded = [...new Set(ids.map(encodeKey))];
    return { docs: collection.byEncodedIds(encoded), plan: { kind: 'id' } };
  }
  let best: { name: string; keys: string[]; width: number } | undefined;
  for (const index of collection.indexes.values()) {
    if (index.isPartial) continue;
    const perField = index.fields.map((f) => equalityValues(filter, f));
    if (perField.some((v) => v === undefined)) continue;
    const combos = product(perField as unknown[][]);
    // A sparse index has no entry for documents missing the field, so it cannot answer `null` lookups.
    if (index.sparse && combos.some((c) => c.some((v) => v === null))) continue;
    if (!best || index.fields.length > best.width) {
      best = { name: index.name, keys: combos.map(encodeCompound), width: index.fields.length };
    }
  }
  if (best) {
    const index = collection.indexes.get(best.name)!;
    const ids = new Set<string>();
    for (const key of best.keys) for (const id of index.lookup(key)) ids.add(id);
    return { docs: collection.byEncodedIds(ids), plan: { kind: 'index', index: best.name } };
  }
  return { docs: collection.docs.values(), plan: { kind: 'scan' } };
}

/** Matching documents in natural order, using an index when the filter allows. */
export function findMatching(
  collection: Collection | undefined,
  filter: Document,
  matcher?: Matcher,
): Document[] {
  const m = matcher ?? new Matcher(filter);
  if (!collection) return [];
  const out: Document[] = [];
  for (const doc of candidates(collection, filter).docs) if (m.test(doc)) out.push(doc);
  return out;
}

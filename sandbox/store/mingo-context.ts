/**
 * mingo, corrected where it disagrees with MongoDB. Every Query and Aggregator in the store is built through
 * these helpers so the corrections apply everywhere:
 * - `$type` (query): mingo does not know ObjectId, Decimal128, Long, Binary… and matches `objectId` as false.
 * - `$dateTrunc` (expression): mingo truncates in the wrong time zone; see date-trunc.ts.
 * - `$dateToString` (expression): mingo's `%w` and `%Z` differ from mongod; see date-format.ts.
 * - `$eq`, `$ne`, `$in`, `$nin` (query): field order and array-index rules; see equality.ts.
 * - `$dateFromString` (expression): see date-parse.ts; `$lookup` (stage, equality form): see lookup.ts.
 * - `$gt` `$gte` `$lt` `$lte` (query) and `$sort` (stage): type bracketing and binary string order (compare.ts).
 * - `$sum` (accumulator): exact int64/decimal sums (numeric.ts).
 * - `$bucket` (stage) is rewritten in bucket.ts before mingo sees it.
 * - `$project` and `$bucketAuto` (stages): field order; `$setWindowFields`/`$fill` work (reshaping-stages.ts).
 */
import type { Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import { BUCKET_OUT_OF_RANGE } from './bucket.js';
import { parseDate } from './date-parse.js';
import { dateTrunc } from './date-trunc.js';
import { $lookup } from './lookup.js';
import { $eq, $gt, $gte, $in, $lt, $lte, $ne, $nin } from './equality.js';
import { sortDocuments } from './compare.js';
import { Lazy } from 'mingo/lazy';
import { sumNumbers } from './numeric.js';
import { DEFAULT_DATE_FORMAT, formatDate } from './date-format.js';
import { ErrorCodes, StoreError } from './errors.js';
import { pathValues } from './storage/keys.js';
import { originalOf } from './views.js';
import { $bucketAuto, $function, $project } from './reshaping-stages.js';

const TYPE_ALIASES: Record<number, string> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  13: 'javascript',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

/** MongoDB's type alias for a stored value (numbers: integral int32-range values travel as int, others as double). */
export function bsonType(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 ? 'int' : 'double';
  }
  if (typeof value === 'bigint') return 'long';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (value instanceof RegExp) return 'regex';
  const tag = (value as { _bsontype?: string })._bsontype;
  switch (tag) {
    case 'ObjectId':
      return 'objectId';
    case 'Decimal128':
      return 'decimal';
    case 'Long':
      return 'long';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Binary':
      return 'binData';
    case 'Timestamp':
      return 'timestamp';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'BSONRegExp':
      return 'regex';
    case 'Code':
      return 'javascript';
    default:
      return 'object';
  }
}

function typeMatches(value: unknown, wanted: string): boolean {
  const actual = bsonType(value);
  if (wanted === 'number')
    return actual === 'int' || actual === 'double' || actual === 'long' || actual === 'decimal';
  return actual === wanted;
}

function normaliseTypeArg(arg: unknown): string {
  if (typeof arg === 'number') {
    const alias = TYPE_ALIASES[arg];
    if (!alias) throw new StoreError(ErrorCodes.BadValue, `Invalid numerical type code: ${arg}`);
    return alias;
  }
  if (typeof arg !== 'string' || !(Object.values(TYPE_ALIASES).includes(arg) || arg === 'number')) {
    throw new StoreError(ErrorCodes.BadValue, `Unknown type name alias: ${String(arg)}`);
  }
  return arg;
}

function rawValue(doc: unknown, path: string): unknown {
  let current = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Document)[part];
  }
  return current;
}

const $type = (selector: string, value: unknown) => {
  const wanted = (Array.isArray(value) ? value : [value]).map(normaliseTypeArg);
  return (view: Document): boolean => {
    const obj = originalOf(view);
    const raw = rawValue(obj, selector);
    const candidates = [...(raw === undefined ? [] : [raw]), ...pathValues(obj, selector)].filter(
      (v) => v !== undefined && !(Array.isArray(v) && v.length === 0 && !Array.isArray(raw)),
    );
    return candidates.some((v) => wanted.some((w) => typeMatches(v, w)));
  };
};

const $dateTrunc = (obj: unknown, expr: unknown, options: Options): Date | null => {
  const args = evalExpr(obj, expr, options) as Document;
  const date = args['date'];
  if (date === null || date === undefined) return null;
  if (!(date instanceof Date)) {
    throw new StoreError(5439012, "$dateTrunc requires 'date' to be a date");
  }
  if (args['unit'] === null || args['timezone'] === null || args['binSize'] === null) return null;
  return dateTrunc({
    date,
    unit: String(args['unit']),
    binSize: args['binSize'] === undefined ? undefined : Number(args['binSize']),
    timezone: args['timezone'] as string | undefined,
    startOfWeek: args['startOfWeek'] as string | undefined,
  });
};

function toDate(value: unknown, operator: string): Date {
  if (value instanceof Date) return value;
  const tag = (value as { _bsontype?: string } | null)?._bsontype;
  if (tag === 'ObjectId') return (value as { getTimestamp(): Date }).getTimestamp();
  if (tag === 'Timestamp') return new Date((value as { t: number }).t * 1000);
  throw new StoreError(16006, `${operator}: can't convert from BSON type ${bsonType(value)} to Date`);
}

const $dateToString = (obj: unknown, expr: unknown, options: Options): string | unknown => {
  const args = evalExpr(obj, expr, options) as Document;
  const date = args['date'];
  if (date === null || date === undefined) return 'onNull' in args ? args['onNull'] : null;
  if (args['format'] === null || args['timezone'] === null) return null;
  const format = args['format'] === undefined ? DEFAULT_DATE_FORMAT : String(args['format']);
  return formatDate(toDate(date, '$dateToString'), format, args['timezone'] as string | undefined);
};

const bucketOutOfRange = (): never => {
  throw new StoreError(
    40066,
    '$switch could not find a matching branch for an input, and no default was specified.',
  );
};

const $dateFromString = (obj: unknown, expr: unknown, options: Options): Date | unknown => {
  const args = evalExpr(obj, expr, options) as Document;
  const text = args['dateString'];
  if (text === null || text === undefined) return 'onNull' in args ? args['onNull'] : null;
  if (args['format'] === null || args['timezone'] === null) return null;
  try {
    if (typeof text !== 'string') {
      throw new StoreError(
        241,
        `$dateFromString requires that 'dateString' be a string, found: ${bsonType(text)}`,
      );
    }
    return parseDate(text, args['format'] as string | undefined, args['timezone'] as string | undefined);
  } catch (error) {
    if ('onError' in args) return args['onError'];
    throw error;
  }
};

/** `$sort` stage in MongoDB order (binary strings, BSON type order); see compare.ts. */
const $sort = (
  collection: { transform(f: (docs: Document[]) => unknown): unknown },
  spec: Document,
): unknown => collection.transform((docs) => Lazy(sortDocuments(docs, spec)));

/** Exact `$sum` in `$group`: reads Long/Decimal128 from the stored document when the input is one. */
const $sumAccumulator = (collection: Document[], expr: unknown, options: Options): unknown => {
  if (!Array.isArray(collection)) return 0;
  if (typeof expr === 'number') return collection.length * expr;
  const push = accumulatorOperators.$push as unknown as (c: Document[], e: unknown, o: Options) => unknown[];
  const values = push(collection.map(originalOf), expr, options);
  const total = sumNumbers(values);
  const tag = (total as { _bsontype?: string } | null)?._bsontype;
  if (tag === 'Double') return (total as { value: number }).value;
  // Longs within the safe range stay numbers so later stages (mingo) can still compare them.
  if (tag === 'Long' && Number.isSafeInteger((total as { toNumber(): number }).toNumber())) {
    return (total as { toNumber(): number }).toNumber();
  }
  return total;
};

// mingo's Context.from() lets earlier operators win, so the corrected context is assembled by hand.
const CORRECTIONS = Context.init({
  expression: {
    ...expressionOperators,
    $dateTrunc,
    $dateToString,
    $dateFromString,
    [BUCKET_OUT_OF_RANGE]: bucketOutOfRange,
    $function,
  } as never,
  pipeline: { ...pipelineOperators, $lookup, $sort, $project, $bucketAuto } as never,
  accumulator: { ...accumulatorOperators, $sum: $sumAccumulator } as never,
  projection: projectionOperators,
  query: { ...queryOperators, $type, $eq, $ne, $in, $nin, $gt, $gte, $lt, $lte } as never,
  window: windowOperators,
});

/** Options every mingo call in the store uses. */
export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { context: CORRECTIONS, scriptEnabled: false, ...extra };
}

/** A corrected mingo Query. */
export function makeQuery(filter: Document): Query {
  return new Query(filter, mingoOptions());
}

/** A corrected mingo Aggregator. */
export function makeAggregator(pipeline: Document[], extra: Partial<Options> = {}): Aggregator {
  return new Aggregator(pipeline, mingoOptions(extra));
}

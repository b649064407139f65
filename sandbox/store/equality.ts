/**
 * MongoDB equality in queries (`{ f: v }`, `$eq`, `$ne`, `$in`, `$nin`), replacing mingo's, which ignores field
 * order in embedded documents and expands arrays reached through a numeric index. Rules:
 * - an embedded document matches only with the same fields, in the same order, with equal values;
 * - a leaf array matches by the whole array or by any element — unless it was reached as `arr.N`;
 * - `null` matches null and missing;
 * - numbers compare by value across int / long / double / decimal (the canonical key encoding does that).
 */
import type { Document } from 'bson';
import { compareValues, sameBracket } from './compare.js';
import { encodeKey } from './storage/keys.js';

function isPlainObject(value: unknown): value is Document {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
}

/** The values a query path reaches, MongoDB style (see the module comment). */
export function leafValues(doc: unknown, path: string): unknown[] {
  const parts = path.split('.');
  const collect = (value: unknown, i: number, viaIndex: boolean): unknown[] => {
    if (i === parts.length) return Array.isArray(value) && !viaIndex ? [value, ...value] : [value];
    const part = parts[i]!;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      if (/^\d+$/.test(part)) out.push(...collect(value[Number(part)], i + 1, true));
      for (const element of value)
        if (isPlainObject(element)) out.push(...collect(element[part], i + 1, false));
      return out.length ? out : [undefined];
    }
    if (isPlainObject(value)) return collect(value[part], i + 1, false);
    return [undefined];
  };
  return collect(doc, 0, false);
}

function equalsOne(values: unknown[], wanted: unknown): boolean {
  if (wanted === null || wanted === undefined) return values.some((v) => v === null || v === undefined);
  if (wanted instanceof RegExp) {
    return values.some((v) =>
      typeof v === 'string'
        ? new RegExp(wanted.source, wanted.flags).test(v)
        : v instanceof RegExp && encodeKey(v) === encodeKey(wanted),
    );
  }
  const key = encodeKey(wanted);
  return values.some((v) => v !== undefined && encodeKey(v) === key);
}

type Predicate = (doc: Document) => boolean;

export const $eq =
  (selector: string, value: unknown): Predicate =>
  (doc) =>
    equalsOne(leafValues(doc, selector), value);

export const $ne =
  (selector: string, value: unknown): Predicate =>
  (doc) =>
    !equalsOne(leafValues(doc, selector), value);

export const $in = (selector: string, value: unknown): Predicate => {
  const wanted = value as unknown[];
  return (doc) => {
    const values = leafValues(doc, selector);
    return wanted.some((w) => equalsOne(values, w));
  };
};

export const $nin = (selector: string, value: unknown): Predicate => {
  const matchesIn = $in(selector, value);
  return (doc) => !matchesIn(doc);
};

/**
 * Range operators with MongoDB's type bracketing (a number never matches `$gt: 'a'`) and binary string order.
 * `null` bounds: `$gte`/`$lte: null` match null and missing; `$gt`/`$lt: null` match nothing.
 */
function range(test: (c: number) => boolean, inclusive: boolean) {
  return (selector: string, bound: unknown): Predicate =>
    (doc) =>
      leafValues(doc, selector).some((v) => {
        if (bound === null || bound === undefined) return inclusive && (v === null || v === undefined);
        if (v === undefined || !sameBracket(v, bound)) return false;
        return test(compareValues(v, bound));
      });
}

export const $gt = range((c) => c > 0, false);
export const $gte = range((c) => c >= 0, true);
export const $lt = range((c) => c < 0, false);
export const $lte = range((c) => c <= 0, true);

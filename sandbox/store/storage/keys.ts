/**
 * Canonical index-key encoding: turns a BSON value into a string such that two values get the same string
 * exactly when MongoDB treats them as equal in an index (1, 1.0 and Long(1) are one key; "1" is another).
 * Index maps are keyed by these strings, which is what makes equality lookups O(1) instead of a scan.
 */
import type { Document } from 'bson';

type BsonLike = { _bsontype?: string; toString(...args: unknown[]): string; toHexString?: () => string };

/** Encodes one value. Missing and null share a key, as in a MongoDB index. */
export function encodeKey(value: unknown): string {
  if (value === undefined || value === null) return 'z';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? 'n0' : `n${value}`;
    case 'bigint':
      return `n${value}`;
    case 'string':
      return `s${value}`;
    case 'boolean':
      return value ? 'b1' : 'b0';
    default:
      break;
  }
  if (value instanceof Date) return `d${value.getTime()}`;
  if (value instanceof RegExp) return `r/${value.source}/${value.flags}`;
  if (Array.isArray(value)) return `[${value.map(encodeKey).join(',')}]`;
  const bson = value as BsonLike;
  switch (bson._bsontype) {
    case 'ObjectId':
      return `o${bson.toHexString!()}`;
    case 'Long':
    case 'Int32':
    case 'Double':
      return `n${bson.toString()}`;
    case 'Decimal128':
      return `n${normalizeDecimal(bson.toString())}`;
    case 'Binary':
      return `x${(value as { sub_type: number }).sub_type}:${(value as { toString(e: string): string }).toString('base64')}`;
    case 'Timestamp':
      return `t${bson.toString()}`;
    case 'MinKey':
      return 'min';
    case 'MaxKey':
      return 'max';
    case 'BSONRegExp':
      return `r/${(value as { pattern: string }).pattern}/${(value as { options: string }).options}`;
    default:
      break;
  }
  const doc = value as Document;
  // Field order is significant for embedded-document equality in MongoDB, so keep insertion order.
  return `{${Object.keys(doc)
    .map((k) => `${JSON.stringify(k)}:${encodeKey(doc[k])}`)
    .join(',')}}`;
}

/** Decimal128 "1.0" equals number 1 in MongoDB; normalise simple decimal strings to JS number text. */
function normalizeDecimal(text: string): string {
  const n = Number(text);
  return Number.isFinite(n) && String(n) !== 'NaN' && /^-?\d+(\.\d+)?(E[+-]?\d+)?$/i.test(text)
    ? String(n)
    : text;
}

/**
 * The values a dotted path reaches in a document, expanding arrays the way a multikey index does.
 * A missing path yields `[undefined]`; an empty array yields `[[]]` (its own key, distinct from null).
 */
export function pathValues(doc: unknown, path: string): unknown[] {
  return collect(doc, path.split('.'), 0);
}

function collect(value: unknown, parts: string[], i: number): unknown[] {
  if (i === parts.length) {
    if (Array.isArray(value)) return value.length === 0 ? [[]] : value.flatMap((v) => [v]);
    return [value];
  }
  if (Array.isArray(value)) {
    const part = parts[i]!;
    if (/^\d+$/.test(part)) return collect(value[Number(part)], parts, i + 1);
    const out = value.flatMap((element) =>
      element !== null && typeof element === 'object' ? collect(element, parts, i) : [],
    );
    return out.length ? out : [undefined];
  }
  if (value === null || typeof value !== 'object') return [undefined];
  return collect((value as Document)[parts[i]!], parts, i + 1);
}

/** One index key of a document: its canonical encoding and the raw per-field values (for E11000 `keyValue`). */
export interface IndexKey {
  encoded: string;
  values: unknown[];
}

/**
 * Every index key of a document for a (possibly compound) key pattern: the cartesian product of each field's
 * values, deduplicated, as a multikey index stores them.
 */
export function documentKeys(doc: Document, fields: string[]): IndexKey[] {
  let keys: IndexKey[] = [{ encoded: '', values: [] }];
  for (const field of fields) {
    const seen = new Map<string, unknown>();
    for (const value of pathValues(doc, field)) {
      const encoded = encodeKey(value);
      if (!seen.has(encoded)) seen.set(encoded, value);
    }
    keys = keys.flatMap((prefix) =>
      [...seen].map(([encoded, value]) => ({
        encoded: prefix.values.length ? `${prefix.encoded}\u0000${encoded}` : encoded,
        values: [...prefix.values, value],
      })),
    );
  }
  return keys;
}

/** The encoded compound key for one value per field (the query side of an index lookup). */
export function encodeCompound(values: unknown[]): string {
  return values.map(encodeKey).join('\u0000');
}

/** Whether a document has the field at all (sparse indexes skip documents where every key field is missing). */
export function hasPath(doc: unknown, path: string): boolean {
  return pathValues(doc, path).some((v) => v !== undefined);
}

/**
 * Builds MongoDB's duplicate-key (E11000) error: the errmsg text, `keyPattern` and `keyValue`.
 */
import type { Document } from 'bson';
import { ErrorCodes, StoreError } from '../errors.js';

/** Renders a value the way mongod prints it inside `dup key: { ... }`. */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return `new Date(${value.getTime()})`;
  if (Array.isArray(value)) return `[ ${value.map(renderValue).join(', ')} ]`;
  const bson = value as { _bsontype?: string; toHexString?: () => string; toString(): string };
  if (bson._bsontype === 'ObjectId') return `ObjectId('${bson.toHexString!()}')`;
  if (bson._bsontype === 'Decimal128') return `${bson.toString()}`;
  if (bson._bsontype === 'Long') return `${bson.toString()}`;
  if (bson._bsontype) return bson.toString();
  const entries = Object.entries(value as Document).map(([k, v]) => `${k}: ${renderValue(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/**
 * The E11000 error for a unique-index violation, shaped like mongod's:
 * `E11000 duplicate key error collection: db.coll index: name_1 dup key: { name: "x" }`.
 */
export function duplicateKeyError(
  namespace: string,
  indexName: string,
  keyPattern: Document,
  values: unknown[],
): StoreError {
  const fields = Object.keys(keyPattern);
  const keyValue: Document = {};
  fields.forEach((field, i) => {
    keyValue[field] = values[i] === undefined ? null : values[i];
  });
  const rendered = renderValue(keyValue);
  return new StoreError(
    ErrorCodes.DuplicateKey,
    `E11000 duplicate key error collection: ${namespace} index: ${indexName} dup key: ${rendered}`,
    { keyPattern: { ...keyPattern }, keyValue },
  );
}

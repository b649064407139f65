/**
 * Deep copy of a stored document: plain objects, arrays and Dates are copied; BSON value classes (ObjectId,
 * Decimal128, Binary…) are immutable in practice and shared. Keeps stored documents safe from mingo's in-place updates.
 */
import type { Document } from 'bson';

export function cloneValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue) as T;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Document = {};
  for (const [k, v] of Object.entries(value as Document)) out[k] = cloneValue(v);
  return out as T;
}

/**
 * Find-style projections through mingo, with MongoDB's field order restored: mingo emits included fields in
 * projection order with `_id` last, mongod keeps the document's own order.
 */
import type { Document } from 'bson';
import { makeQuery } from './mingo-context.js';
import { notSupported } from './errors.js';

function reorder(original: Document, projected: Document): Document {
  const out: Document = {};
  for (const key of Object.keys(original)) if (key in projected) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

function checkProjection(projection: Document): void {
  for (const value of Object.values(projection)) {
    if (value && typeof value === 'object' && '$meta' in (value as Document)) throw notSupported('$meta projection');
  }
}

/** Applies a projection to matched documents; `filter` is needed for the positional `field.$` form. */
export function project(docs: Document[], projection: Document | undefined, filter: Document = {}): Document[] {
  if (!projection || Object.keys(projection).length === 0 || docs.length === 0) return docs;
  checkProjection(projection);
  const positional = Object.keys(projection).some((k) => k.endsWith('.$'));
  const projected = makeQuery(positional ? filter : {}).find(docs, projection).all() as Document[];
  return projected.map((doc, i) => reorder(docs[i]!, doc));
}

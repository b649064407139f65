/**
 * Find-style projections. Plain inclusion/exclusion goes through mingo, with MongoDB's field order restored
 * (projection-order.ts: included fields in the document's order, `_id` first, then computed fields).
 * `$slice` and `$elemMatch` are done here: mingo turns `$slice` into an inclusion projection (mongod keeps the
 * other fields) and rejects operator-only `$elemMatch` conditions on arrays of scalars.
 */
import type { Document } from 'bson';
import { cloneValue } from './clone.js';
import { notSupported } from './errors.js';
import { makeQuery } from './mingo-context.js';
import { orderTree, reorder } from './projection-order.js';
import { toNumbers } from './views.js';

function inputOrder(original: Document, projected: Document): Document {
  const out: Document = {};
  for (const key of Object.keys(original)) if (key in projected) out[key] = projected[key];
  for (const key of Object.keys(projected)) if (!(key in out)) out[key] = projected[key];
  return out;
}

function operatorOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const first = Object.keys(value)[0];
  return first?.startsWith('$') ? first : undefined;
}

function sliceArray(values: unknown[], spec: unknown): unknown[] {
  if (Array.isArray(spec)) {
    const [skip, limit] = spec as [number, number];
    const start = skip < 0 ? Math.max(values.length + skip, 0) : skip;
    return values.slice(start, start + limit);
  }
  const n = Number(spec);
  return n >= 0 ? values.slice(0, n) : values.slice(Math.max(values.length + n, 0));
}

function getField(doc: Document, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Document)[k] : undefined), doc);
}

function setField(doc: Document, path: string, value: unknown): void {
  const parts = path.split('.');
  let current: Document = doc;
  for (const part of parts.slice(0, -1)) {
    const next = current[part];
    if (!next || typeof next !== 'object' || Array.isArray(next)) return;
    current = next as Document;
  }
  current[parts[parts.length - 1]!] = value;
}

function firstMatching(values: unknown[], condition: Document): unknown {
  const wrapped = operatorOf(condition) ? makeQuery({ v: toNumbers(condition) }) : undefined;
  const direct = wrapped ? undefined : makeQuery(toNumbers(condition));
  return values.find((raw) => {
    const v = toNumbers(raw);
    return wrapped ? wrapped.test({ v }) : !!v && typeof v === 'object' && direct!.test(v as Document);
  });
}

/** Applies a projection to matched documents; `filter` is needed for the positional `field.$` form. */
export function project(
  docs: Document[],
  projection: Document | undefined,
  filter: Document = {},
): Document[] {
  if (!projection || Object.keys(projection).length === 0 || docs.length === 0) return docs;
  const slices: Array<[string, unknown]> = [];
  const elemMatches: Array<[string, Document]> = [];
  const rest: Document = {};
  for (const [field, value] of Object.entries(projection)) {
    const op = operatorOf(value);
    if (op === '$meta') throw notSupported('$meta projection');
    if (op === '$slice') slices.push([field, (value as Document)['$slice']]);
    else if (op === '$elemMatch') elemMatches.push([field, (value as Document)['$elemMatch'] as Document]);
    else rest[field] = value;
  }
  const inclusion =
    Object.entries(rest).some(([k, v]) => k !== '_id' && v !== 0 && v !== false) || elemMatches.length > 0;
  if (inclusion) for (const [field] of [...slices, ...elemMatches]) rest[field] = 1;
  let projected: Document[];
  if (Object.keys(rest).length) {
    const positional = Object.keys(rest).some((k) => k.endsWith('.$'));
    const out = makeQuery(positional ? filter : {})
      .find(docs, rest)
      .all() as Document[];
    const tree = orderTree(rest);
    projected = out.map((doc, i) => (tree ? reorder(docs[i]!, doc, tree) : inputOrder(docs[i]!, doc)));
  } else {
    projected = docs.map((doc) => cloneValue(doc));
  }
  return projected.map((doc, i) => {
    for (const [field, spec] of slices) {
      const value = getField(doc, field);
      if (Array.isArray(value)) setField(doc, field, sliceArray(value, spec));
    }
    for (const [field, condition] of elemMatches) {
      const values = getField(docs[i]!, field);
      const match = Array.isArray(values) ? firstMatching(values, condition) : undefined;
      if (match === undefined) delete doc[field];
      else doc[field] = [match];
    }
    return doc;
  });
}

/**
 * `$lookup` equality form (`localField` / `foreignField`), replacing mingo's, which fails when `localField` is an
 * array. MongoDB matches a foreign document when any value of its foreignField equals the local value or any of
 * its elements; missing and null match each other. Forms with `pipeline` go to mingo's implementation.
 */
import type { Document } from 'bson';
import { $lookup as mingoLookup } from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { leafValues } from './equality.js';
import { encodeKey } from './storage/keys.js';

type Lazy = { map(fn: (doc: Document) => Document): Lazy };

function keysOf(doc: Document, path: string): Set<string> {
  return new Set(leafValues(doc, path).map((v) => encodeKey(v === undefined ? null : v)));
}

export const $lookup = (collection: Lazy, expr: Document, options: Options): Lazy => {
  if (expr['pipeline'] !== undefined || typeof expr['localField'] !== 'string') {
    return (mingoLookup as unknown as (c: Lazy, e: Document, o: Options) => Lazy)(collection, expr, options);
  }
  const localField = expr['localField'] as string;
  const foreignField = expr['foreignField'] as string;
  const as = expr['as'] as string;
  const from = expr['from'];
  const foreign =
    typeof from === 'string' && options.collectionResolver ? options.collectionResolver(from) : [];
  const byKey = new Map<string, Array<[number, Document]>>();
  (foreign as Document[]).forEach((doc, position) => {
    for (const key of keysOf(doc, foreignField)) {
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push([position, doc]);
    }
  });
  return collection.map((doc) => {
    const found = new Map<number, Document>();
    for (const key of keysOf(doc, localField))
      for (const [position, match] of byKey.get(key) ?? []) found.set(position, match);
    const matches = [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, match]) => match);
    return { ...doc, [as]: matches };
  });
};

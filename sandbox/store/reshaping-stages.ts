/**
 * Stages that rebuild documents, corrected where mingo's output differs from MongoDB's (registered in
 * mingo-context.ts):
 * - `$project`: MongoDB's field order (projection-order.ts); mingo puts an implicit `_id` last.
 * - `$bucketAuto`: `_id` ({ min, max }) first, then the output fields, as mongod builds its documents.
 * - `$function` for mingo's own use: `$setWindowFields` (and `$fill`, built on it) computes through an internal
 *   `$function` whose body is a JavaScript function, which failed with "requires 'scriptEnabled'". Only that
 *   internal form runs: a client cannot send a function over BSON, and aggregate refuses `$function` anyway.
 */
import type { Document } from 'bson';
import { evalExpr } from 'mingo/core';
import { $bucketAuto as mingoBucketAuto, $project as mingoProject } from 'mingo/operators/pipeline';
import type { Options } from 'mingo/types';
import { notSupported } from './errors.js';
import { orderTree, reorder } from './projection-order.js';

type Lazy = { map(fn: (doc: Document) => Document): Lazy };
type Stage = (collection: Lazy, expr: Document, options: Options) => Lazy;

/** mingo's `$project`, with each output document's fields put in MongoDB's order. */
export const $project: Stage = (collection, expr, options) => {
  const tree = expr && typeof expr === 'object' ? orderTree(expr) : undefined;
  const project = mingoProject as unknown as Stage;
  if (!tree) return project(collection, expr, options);
  // mingo's $project maps one document to one, lazily and in order, so the last input seen is this output's.
  let input: Document | undefined;
  const tapped = collection.map((doc) => (input = doc));
  return project(tapped, expr, options).map((output) => reorder(input, output, tree));
};

/** mingo's `$bucketAuto`, with `_id` first in each bucket document. */
export const $bucketAuto: Stage = (collection, expr, options) =>
  (mingoBucketAuto as unknown as Stage)(collection, expr, options).map(({ _id, ...rest }) => ({
    _id,
    ...rest,
  }));

/** `$function` for mingo's internal JavaScript bodies only; anything else is refused as server-side JavaScript. */
export const $function = (obj: unknown, expr: unknown, options: Options): unknown => {
  const spec = evalExpr(obj, expr, options) as { body?: unknown; args?: unknown[] };
  if (typeof spec.body !== 'function') throw notSupported('$function (server-side JavaScript)');
  return (spec.body as (...args: unknown[]) => unknown)(...(spec.args ?? []));
};

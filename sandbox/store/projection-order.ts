/**
 * MongoDB's field order for inclusion projections (`$project`, find's projection). mongod's projection executor
 * first copies the included fields in the order of the INPUT document (so `_id`, first in every stored document,
 * comes first), then adds computed fields in the order of the SPEC; a computed field nested under an included
 * one is added after that field's included sub-fields. mingo gets the values right but appends an implicit `_id`
 * last and puts nested computed fields first, so its output is reordered here. Exclusion projections keep the
 * input order in both and are left alone.
 */
import type { Document } from 'bson';

interface OrderNode {
  /** Fields copied from the input (`field: 1`). */
  included: Set<string>;
  /** Sub-projections (`'a.b': …` or `a: { b: … }`). */
  children: Map<string, OrderNode>;
  /** Computed fields and sub-projections, in spec order. */
  order: string[];
}

const node = (): OrderNode => ({ included: new Set(), children: new Map(), order: [] });

function isPlainObject(value: unknown): value is Document {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A nested projection (`{ b: 1 }`), as opposed to an expression object (`{ $add: … }`). */
function isSubProjection(value: unknown): value is Document {
  return isPlainObject(value) && Object.keys(value).length > 0 && !Object.keys(value)[0]!.startsWith('$');
}

function addPath(target: OrderNode, parts: string[], value: unknown): boolean {
  const [head, ...rest] = parts as [string, ...string[]];
  const remember = (): void => {
    if (!target.order.includes(head)) target.order.push(head);
  };
  if (rest.length > 0 || isSubProjection(value)) {
    let child = target.children.get(head);
    if (!child) target.children.set(head, (child = node()));
    remember();
    if (rest.length > 0) return addPath(child, rest, value);
    const kept = Object.entries(value as Document).map(([k, v]) => addPath(child, k.split('.'), v));
    return kept.includes(true);
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    if (value) target.included.add(head);
    return Boolean(value);
  }
  remember();
  return true;
}

/** The order tree of an inclusion projection, or undefined for an exclusion projection. */
export function orderTree(spec: Document): OrderNode | undefined {
  const root = node();
  let inclusion = false;
  for (const [key, value] of Object.entries(spec)) {
    const kept = addPath(root, key.split('.'), value);
    if (key !== '_id') inclusion ||= kept;
  }
  if (!inclusion) return undefined;
  // `_id` is included unless the projection excludes or computes it.
  if (!('_id' in spec)) root.included.add('_id');
  return root;
}

function reorderValue(input: unknown, output: unknown, tree: OrderNode): unknown {
  if (Array.isArray(output)) {
    const inputs = Array.isArray(input) && input.length === output.length ? input : [];
    return output.map((element, i) => reorderValue(inputs[i], element, tree));
  }
  return isPlainObject(output) ? reorder(input, output, tree) : output;
}

/** `output` (a projection of `input`) with its fields in MongoDB's order. */
export function reorder(input: unknown, output: Document, tree: OrderNode): Document {
  const result: Document = {};
  const place = (key: string): void => {
    if (!(key in output) || key in result) return;
    const child = tree.children.get(key);
    result[key] = child
      ? reorderValue((input as Document | undefined)?.[key], output[key], child)
      : output[key];
  };
  const copiedFrom = isPlainObject(input) ? input : output;
  for (const key of Object.keys(copiedFrom)) {
    if (tree.included.has(key) || tree.children.has(key)) place(key);
  }
  for (const key of tree.order) place(key);
  for (const key of Object.keys(output)) place(key);
  return result;
}

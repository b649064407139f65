/**
 * `$bucket` rewritten into `$group` + ordering stages. mingo's own `$bucket` miscounts boundary values and
 * emits empty buckets; MongoDB counts `lower <= value < upper`, omits empty buckets, and puts `default` last.
 */
import type { Document } from 'bson';
import { compareValues } from './compare.js';
import { StoreError } from './errors.js';

const ORDER_FIELD = '__tsunaguBucketOrder';
/** Internal expression operator (registered in mingo-context.ts) that raises MongoDB's out-of-range error. */
export const BUCKET_OUT_OF_RANGE = '$__tsunaguBucketOutOfRange';

/** The stages equivalent to one `$bucket` specification. */
export function rewriteBucket(spec: Document): Document[] {
  const { groupBy, boundaries, output } = spec;
  const hasDefault = 'default' in spec;
  if (!Array.isArray(boundaries) || boundaries.length < 2) {
    throw new StoreError(
      40192,
      "The $bucket 'boundaries' field must be an array of values with at least 2 values",
    );
  }
  for (let i = 1; i < boundaries.length; i++) {
    if (compareValues(boundaries[i - 1], boundaries[i]) >= 0) {
      throw new StoreError(40194, "The 'boundaries' option to $bucket must be sorted in ascending order");
    }
  }
  if (typeof groupBy !== 'string' && (groupBy === null || typeof groupBy !== 'object')) {
    throw new StoreError(
      40202,
      "The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression",
    );
  }
  const branches = boundaries.slice(0, -1).map((lower, i) => ({
    case: {
      $and: [{ $gte: [groupBy, { $literal: lower }] }, { $lt: [groupBy, { $literal: boundaries[i + 1] }] }],
    },
    then: { $literal: lower },
  }));
  // Without a default, a value outside the boundaries is an error in MongoDB; mingo's $switch would yield null.
  const fallback = hasDefault ? { $literal: spec['default'] } : { [BUCKET_OUT_OF_RANGE]: '$$ROOT' };
  const bucketId = { $switch: { branches, default: fallback } };
  const position = { $indexOfArray: [{ $literal: boundaries }, '$_id'] };
  return [
    { $group: { _id: bucketId, ...((output as Document | undefined) ?? { count: { $sum: 1 } }) } },
    { $addFields: { [ORDER_FIELD]: { $cond: [{ $eq: [position, -1] }, boundaries.length, position] } } },
    { $sort: { [ORDER_FIELD]: 1 } },
    { $unset: ORDER_FIELD },
  ];
}

/** Replaces every `$bucket` stage (also inside `$facet`) with its rewrite. */
export function rewritePipeline(pipeline: Document[]): Document[] {
  return pipeline.flatMap((stage) => {
    if (stage['$bucket']) return rewriteBucket(stage['$bucket'] as Document);
    if (stage['$facet']) {
      const facets = Object.fromEntries(
        Object.entries(stage['$facet'] as Document).map(([name, sub]) => [
          name,
          rewritePipeline(sub as Document[]),
        ]),
      );
      return [{ $facet: facets }];
    }
    return [stage];
  });
}

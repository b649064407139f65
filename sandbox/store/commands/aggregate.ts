/**
 * aggregate: runs pipelines through (corrected) mingo. Stages that would need a real server — `$out`, `$merge`,
 * `$changeStream`, Atlas search, `$geoNear`, diagnostics stages — and server-side JavaScript fail loudly.
 */
import type { Document } from 'bson';
import { ProcessingMode } from 'mingo';
import { rewritePipeline } from '../bucket.js';
import { ErrorCodes, StoreError, notSupported } from '../errors.js';
import { makeAggregator } from '../mingo-context.js';
import { candidates, validateFilter } from '../query.js';
import { freshView, toNumbers } from '../views.js';
import { docOption, intOption, type CommandHandler } from './context.js';
import { checkHint } from './read.js';

const STAGES = new Set([
  '$match',
  '$group',
  '$sort',
  '$project',
  '$lookup',
  '$unwind',
  '$facet',
  '$bucket',
  '$bucketAuto',
  '$addFields',
  '$set',
  '$unset',
  '$limit',
  '$skip',
  '$count',
  '$replaceRoot',
  '$replaceWith',
  '$sortByCount',
  '$sample',
  '$unionWith',
  '$graphLookup',
  '$redact',
  '$setWindowFields',
  '$densify',
  '$fill',
  '$documents',
]);
const UNSUPPORTED_STAGES = new Set([
  '$out',
  '$merge',
  '$search',
  '$searchMeta',
  '$vectorSearch',
  '$geoNear',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
  '$listLocalSessions',
  '$planCacheStats',
  '$listSearchIndexes',
  '$shardedDataDistribution',
]);
const SCRIPT_OPERATORS = new Set(['$function', '$accumulator', '$where']);

/** Rejects server-side JavaScript anywhere in an expression tree. */
function rejectScripts(value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) return value.forEach(rejectScripts);
  if ((value as { _bsontype?: string })._bsontype || value instanceof Date || value instanceof RegExp) return;
  for (const [key, inner] of Object.entries(value as Document)) {
    if (SCRIPT_OPERATORS.has(key)) throw notSupported(`${key} (server-side JavaScript)`);
    if (key === '$text')
      throw new StoreError(ErrorCodes.IndexNotFound, 'text index required for $text query');
    rejectScripts(inner);
  }
}

/** Validates every stage (recursively through $facet, $lookup and $unionWith sub-pipelines). */
export function validatePipeline(pipeline: unknown): Document[] {
  if (!Array.isArray(pipeline)) {
    throw new StoreError(ErrorCodes.TypeMismatch, "'pipeline' option must be specified as an array");
  }
  for (const stage of pipeline as Document[]) {
    const keys = Object.keys(stage ?? {});
    if (keys.length !== 1) {
      throw new StoreError(40323, 'A pipeline stage specification object must contain exactly one field.');
    }
    const name = keys[0]!;
    const spec = stage[name];
    if (name === '$changeStream') {
      throw new StoreError(40573, 'The $changeStream stage is only supported on replica sets');
    }
    if (UNSUPPORTED_STAGES.has(name)) throw notSupported(`the ${name} aggregation stage`);
    if (!STAGES.has(name)) throw new StoreError(40324, `Unrecognized pipeline stage name: '${name}'`);
    if (name === '$match') validateFilter(spec as Document);
    if (name === '$facet') for (const sub of Object.values(spec as Document)) validatePipeline(sub);
    if ((name === '$lookup' || name === '$unionWith') && (spec as Document)?.['pipeline']) {
      validatePipeline((spec as Document)['pipeline']);
    }
    rejectScripts(spec);
  }
  return pipeline as Document[];
}

const aggregate: CommandHandler = (body, ctx) => {
  const target = body['aggregate'];
  if (body['explain']) throw notSupported('aggregate explain');
  const pipeline = validatePipeline(body['pipeline']);
  const cursorOption = docOption(body, 'cursor');
  if (!cursorOption) {
    throw new StoreError(
      ErrorCodes.FailedToParse,
      "The 'cursor' option is required, except for aggregate with the explain argument",
    );
  }
  let source: Document[] = [];
  let namespace = `${ctx.db}.$cmd.aggregate`;
  if (typeof target === 'string') {
    namespace = `${ctx.db}.${target}`;
    const collection = ctx.catalog.get(ctx.db, target);
    checkHint(collection, body['hint']);
    if (collection) {
      const first = pipeline[0]?.['$match'] as Document | undefined;
      source = [...(first ? candidates(collection, first).docs : collection.docs.values())].map(freshView);
    }
  } else if (target !== 1) {
    throw new StoreError(ErrorCodes.InvalidNamespace, `Invalid {aggregate: ${String(target)}} specification`);
  }
  const aggregator = makeAggregator(rewritePipeline(toNumbers(pipeline)), {
    // Inputs are fresh copies already (freshView), so mingo may work on them in place.
    processingMode: ProcessingMode.CLONE_OFF,
    collectionResolver: (name: string) =>
      [...(ctx.catalog.get(ctx.db, name)?.docs.values() ?? [])].map(freshView),
  });
  const results = aggregator.run(source) as Document[];
  return ctx.cursors.open(namespace, results, intOption(cursorOption, 'batchSize'));
};

export const aggregateCommands: Record<string, CommandHandler> = { aggregate };

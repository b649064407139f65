/**
 * Index commands: createIndexes, listIndexes, dropIndexes. Supported key types: ascending/descending and
 * hashed (all used as equality indexes); unique, sparse, partialFilterExpression and expireAfterSeconds options.
 */
import type { Document } from 'bson';
import { rejectCollation } from '../dispatcher.js';
import { ErrorCodes, StoreError, notSupported } from '../errors.js';
import type { IndexSpec } from '../storage/index-def.js';
import { validateFilter } from '../query.js';
import { encodeKey } from '../storage/keys.js';
import { toNumbers } from '../views.js';
import { collectionName, intOption, type CommandHandler } from './context.js';

const KNOWN_OPTIONS = new Set([
  'key',
  'name',
  'unique',
  'sparse',
  'partialFilterExpression',
  'expireAfterSeconds',
  'background',
  'v',
  'hidden',
]);

/** Default index name as mongod builds it: `field_1_other_-1`. */
export function defaultIndexName(key: Document): string {
  return Object.entries(key)
    .map(([field, direction]) => `${field}_${direction}`)
    .join('_');
}

/** Validates one createIndexes entry and returns its normalised spec. */
export function normaliseIndexSpec(input: Document): IndexSpec {
  // int64 options (expireAfterSeconds…) become numbers; the partial filter keeps its values as given.
  const raw: Document = { ...toNumbers(input) };
  if (input['partialFilterExpression'] !== undefined)
    raw['partialFilterExpression'] = input['partialFilterExpression'];
  const key = raw['key'];
  if (!key || typeof key !== 'object' || Object.keys(key).length === 0) {
    throw new StoreError(ErrorCodes.CannotCreateIndex, 'Index key pattern must be a non-empty object');
  }
  for (const [field, direction] of Object.entries(key as Document)) {
    if (
      direction === 'text' ||
      direction === '2d' ||
      direction === '2dsphere' ||
      direction === 'geoHaystack'
    ) {
      throw notSupported(`'${direction}' indexes`);
    }
    if (field.includes('$**')) throw notSupported('wildcard indexes');
    if (direction !== 'hashed' && direction !== 1 && direction !== -1) {
      throw new StoreError(
        ErrorCodes.CannotCreateIndex,
        `Values in the index key pattern can't be ${String(direction)}`,
      );
    }
  }
  for (const option of Object.keys(raw)) {
    if (option === 'collation') rejectCollation(raw['collation']);
    else if (!KNOWN_OPTIONS.has(option)) throw notSupported(`index option '${option}'`);
  }
  if (raw['partialFilterExpression']) validateFilter(raw['partialFilterExpression'] as Document);
  const spec: IndexSpec = {
    key: { ...(key as Document) },
    name: (raw['name'] as string) ?? defaultIndexName(key),
  };
  if (raw['unique'] === true) spec.unique = true;
  if (raw['sparse'] === true) spec.sparse = true;
  if (raw['partialFilterExpression'])
    spec.partialFilterExpression = raw['partialFilterExpression'] as Document;
  if (raw['expireAfterSeconds'] !== undefined) {
    const seconds = Number(raw['expireAfterSeconds']);
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new StoreError(
        ErrorCodes.CannotCreateIndex,
        "TTL index 'expireAfterSeconds' option must be a non-negative number",
      );
    }
    spec.expireAfterSeconds = seconds;
  }
  return spec;
}

function sameOptions(a: IndexSpec, b: IndexSpec): boolean {
  const pick = (s: IndexSpec): string =>
    encodeKey({
      u: !!s.unique,
      s: !!s.sparse,
      p: s.partialFilterExpression ?? null,
      t: s.expireAfterSeconds ?? null,
    });
  return pick(a) === pick(b);
}

const createIndexes: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'createIndexes');
  const raw = body['indexes'];
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new StoreError(ErrorCodes.BadValue, 'Must specify at least one index to create');
  }
  const specs = (raw as Document[]).map(normaliseIndexSpec);
  const createdCollectionAutomatically = !ctx.catalog.get(ctx.db, name);
  const collection = ctx.catalog.ensure(ctx.db, name);
  const numIndexesBefore = collection.indexes.size + 1;
  let created = 0;
  for (const spec of specs) {
    if (spec.name === '_id_' || encodeKey(spec.key) === encodeKey({ _id: 1 })) continue;
    const sameName = collection.indexes.get(spec.name);
    if (sameName) {
      if (encodeKey(sameName.spec.key) !== encodeKey(spec.key)) {
        throw new StoreError(
          ErrorCodes.IndexKeySpecsConflict,
          `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      if (!sameOptions(sameName.spec, spec)) {
        throw new StoreError(
          ErrorCodes.IndexOptionsConflict,
          `An equivalent index already exists with the same name but different options. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
        );
      }
      continue;
    }
    const sameKey = [...collection.indexes.values()].find(
      (i) => encodeKey(i.spec.key) === encodeKey(spec.key),
    );
    if (sameKey && sameOptions(sameKey.spec, spec)) {
      throw new StoreError(
        ErrorCodes.IndexOptionsConflict,
        `Index already exists with a different name: ${sameKey.name}`,
      );
    }
    collection.addIndex(spec);
    created += 1;
  }
  const reply: Document = {
    numIndexesBefore,
    numIndexesAfter: collection.indexes.size + 1,
    createdCollectionAutomatically,
  };
  if (created === 0) reply['note'] = 'all indexes already exist';
  return { ...reply, ok: 1 };
};

const listIndexes: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'listIndexes');
  const collection = ctx.catalog.get(ctx.db, name);
  if (!collection) throw new StoreError(ErrorCodes.NamespaceNotFound, `ns does not exist: ${ctx.db}.${name}`);
  const batchSize = intOption((body['cursor'] as Document | undefined) ?? {}, 'batchSize');
  return ctx.cursors.open(`${ctx.db}.${name}`, collection.indexSpecs(), batchSize);
};

const dropIndexes: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'dropIndexes');
  const collection = ctx.catalog.get(ctx.db, name);
  if (!collection) throw new StoreError(ErrorCodes.NamespaceNotFound, `ns not found ${ctx.db}.${name}`);
  const nIndexesWas = collection.indexes.size + 1;
  const target = body['index'];
  const names: string[] = [];
  if (target === '*') {
    names.push(...collection.indexes.keys());
  } else if (typeof target === 'string') {
    names.push(target);
  } else if (Array.isArray(target)) {
    names.push(...(target as string[]));
  } else if (target && typeof target === 'object') {
    const found = [...collection.indexes.values()].find((i) => encodeKey(i.spec.key) === encodeKey(target));
    if (!found) {
      if (encodeKey(target) === encodeKey({ _id: 1 })) {
        throw new StoreError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
      }
      throw new StoreError(ErrorCodes.IndexNotFound, `can't find index with key: ${JSON.stringify(target)}`);
    }
    names.push(found.name);
  } else {
    throw new StoreError(ErrorCodes.TypeMismatch, "BSON field 'index' must be a string, object or array");
  }
  for (const indexName of names) {
    if (indexName === '_id_') throw new StoreError(ErrorCodes.InvalidOptions, 'cannot drop _id index');
    if (!collection.indexes.has(indexName)) {
      throw new StoreError(ErrorCodes.IndexNotFound, `index not found with name [${indexName}]`);
    }
  }
  for (const indexName of names) collection.dropIndex(indexName);
  return { nIndexesWas, ok: 1 };
};

export const indexCommands: Record<string, CommandHandler> = { createIndexes, listIndexes, dropIndexes };

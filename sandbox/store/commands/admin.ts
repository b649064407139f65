/**
 * Namespace commands: create, drop, dropDatabase, listCollections, listDatabases, renameCollection.
 */
import { BSON, type Document } from 'bson';
import { makeQuery } from '../mingo-context.js';
import { ErrorCodes, StoreError, notSupported } from '../errors.js';
import { ID_INDEX_SPEC } from '../storage/collection.js';
import { collectionName, docOption, intOption, type CommandHandler } from './context.js';

const SUPPORTED_CREATE_OPTIONS = new Set([
  'create',
  '$db',
  'lsid',
  'writeConcern',
  '$readPreference',
  'comment',
]);

const create: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'create');
  for (const option of Object.keys(body)) {
    if (SUPPORTED_CREATE_OPTIONS.has(option)) continue;
    if (option === 'validator' && Object.keys((body['validator'] as Document) ?? {}).length === 0) continue;
    if (option === 'validationLevel' || option === 'validationAction') continue;
    throw notSupported(`create option '${option}'`);
  }
  ctx.catalog.create(ctx.db, name, {});
  return { ok: 1 };
};

const drop: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'drop');
  const collection = ctx.catalog.get(ctx.db, name);
  if (!collection) return { ok: 1 };
  const nIndexesWas = collection.indexes.size + 1;
  ctx.catalog.drop(ctx.db, name);
  return { nIndexesWas, ns: collection.namespace, ok: 1 };
};

const dropDatabase: CommandHandler = (_body, ctx) => {
  ctx.catalog.dropDatabase(ctx.db);
  return { dropped: ctx.db, ok: 1 };
};

const listCollections: CommandHandler = (body, ctx) => {
  const filter = docOption(body, 'filter') ?? {};
  const nameOnly = body['nameOnly'] === true;
  const entries = ctx.catalog.collections(ctx.db).map((c) =>
    nameOnly
      ? { name: c.name, type: 'collection' }
      : {
          name: c.name,
          type: 'collection',
          options: c.options,
          info: { readOnly: false },
          idIndex: { ...ID_INDEX_SPEC },
        },
  );
  const matched = Object.keys(filter).length ? makeQuery(filter).find(entries).all() : entries;
  const batchSize = intOption((body['cursor'] as Document | undefined) ?? {}, 'batchSize');
  return ctx.cursors.open(`${ctx.db}.$cmd.listCollections`, matched as Document[], batchSize);
};

const listDatabases: CommandHandler = (body, ctx) => {
  if (ctx.db !== 'admin') {
    throw new StoreError(
      ErrorCodes.Unauthorized,
      'listDatabases may only be run against the admin database.',
    );
  }
  const nameOnly = body['nameOnly'] === true;
  let totalSize = 0;
  const databases = ctx.catalog.databaseNames().map((name) => {
    if (nameOnly) return { name };
    const sizeOnDisk = ctx.catalog
      .collections(name)
      .reduce((sum, c) => sum + [...c.docs.values()].reduce((s, d) => s + BSON.calculateObjectSize(d), 0), 0);
    totalSize += sizeOnDisk;
    return { name, sizeOnDisk, empty: sizeOnDisk === 0 };
  });
  const filter = docOption(body, 'filter');
  const listed = filter ? (makeQuery(filter).find(databases).all() as Document[]) : databases;
  return nameOnly ? { databases: listed, ok: 1 } : { databases: listed, totalSize, totalSizeMb: 0, ok: 1 };
};

const renameCollection: CommandHandler = (body, ctx) => {
  const from = collectionName(body, 'renameCollection');
  const to = body['to'];
  if (typeof to !== 'string')
    throw new StoreError(ErrorCodes.TypeMismatch, "BSON field 'to' must be a string");
  const split = (ns: string): [string, string] => [
    ns.slice(0, ns.indexOf('.')),
    ns.slice(ns.indexOf('.') + 1),
  ];
  const [fromDb, fromName] = split(from);
  const [toDb, toName] = split(to);
  const source = ctx.catalog.get(fromDb, fromName);
  if (!source) throw new StoreError(ErrorCodes.NamespaceNotFound, 'Source collection does not exist');
  if (ctx.catalog.get(toDb, toName)) {
    if (body['dropTarget'] !== true)
      throw new StoreError(ErrorCodes.NamespaceExists, 'target namespace exists');
    ctx.catalog.drop(toDb, toName);
  }
  const target = ctx.catalog.ensure(toDb, toName, source.options);
  for (const index of source.indexes.values()) target.addIndex(index.spec);
  for (const doc of source.docs.values()) target.insert(doc);
  ctx.catalog.drop(fromDb, fromName);
  return { ok: 1 };
};

/** Commands mongod has that the store deliberately does not implement: refuse them by name, loudly. */
const UNSUPPORTED = [
  'mapReduce',
  'collMod',
  'explain',
  'geoNear',
  'createUser',
  'saslStart',
  'authenticate',
  'convertToCapped',
  'cloneCollectionAsCapped',
  'compact',
  'validate',
  'applyOps',
  'replSetGetStatus',
  'shardCollection',
];

export const adminCommands: Record<string, CommandHandler> = {
  create,
  drop,
  dropDatabase,
  listCollections,
  listDatabases,
  renameCollection,
  ...Object.fromEntries(
    UNSUPPORTED.map((name) => [
      name,
      () => {
        throw notSupported(`the '${name}' command`);
      },
    ]),
  ),
};

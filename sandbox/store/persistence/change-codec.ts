/**
 * Changes on disk: each is one BSON document (`{ op, db, coll, … }`), encoded and decoded exactly as the wire
 * protocol does, so a document read back from disk is indistinguishable from the one a client sent (Long,
 * Double and Decimal128 keep their type, int32 becomes a plain number).
 */
import { BSON, type Document } from 'bson';
import type { Catalog } from '../storage/catalog.js';
import type { Change } from '../storage/changes.js';
import type { IndexSpec } from '../storage/index-def.js';
import { unwrapInt32 } from '../views.js';
import { DESERIALIZE_OPTIONS } from '../wire.js';

/** Encodes one change (or a snapshot/journal marker document). */
export function encodeChange(change: Change | Document): Buffer {
  // Same as replies: a stored `undefined` goes to disk as null, which is what clients already read back.
  return Buffer.from(BSON.serialize(change, { ignoreUndefined: false }));
}

/** Decodes one document of a record. */
export function decodeChange(bytes: Buffer): Document {
  return unwrapInt32(BSON.deserialize(bytes, DESERIALIZE_OPTIONS));
}

function collectionOf(catalog: Catalog, change: Document) {
  const collection = catalog.get(String(change['db']), String(change['coll']));
  if (!collection)
    throw new Error(`${String(change['op'])} on ${change['db']}.${change['coll']}, which does not exist`);
  return collection;
}

function stored(catalog: Catalog, change: Document, id: unknown): Document {
  const doc = collectionOf(catalog, change).getById(id);
  if (!doc)
    throw new Error(
      `${String(change['op'])} of a document that is not there in ${change['db']}.${change['coll']}`,
    );
  return doc;
}

/** Applies one recorded change to a catalog that is not observed (loading never writes the journal). */
export function applyChange(catalog: Catalog, change: Document): void {
  const db = String(change['db']);
  const coll = String(change['coll']);
  switch (change['op']) {
    case 'createCollection':
      catalog.ensure(db, coll, (change['options'] as Document | undefined) ?? {});
      return;
    case 'dropCollection':
      catalog.drop(db, coll);
      return;
    case 'dropDatabase':
      catalog.dropDatabase(db);
      return;
    case 'createIndex':
      collectionOf(catalog, change).addIndex(change['spec'] as IndexSpec);
      return;
    case 'dropIndex':
      collectionOf(catalog, change).dropIndex(String(change['name']));
      return;
    case 'insert':
      collectionOf(catalog, change).insert(change['doc'] as Document);
      return;
    case 'replace': {
      const doc = change['doc'] as Document;
      collectionOf(catalog, change).replace(stored(catalog, change, doc['_id']), doc);
      return;
    }
    case 'delete':
      collectionOf(catalog, change).remove(stored(catalog, change, change['id']));
      return;
    default:
      throw new Error(`unknown change '${String(change['op'])}'`);
  }
}

/** Names the files' format; a later, incompatible layout gets a new version and a clear refusal of old files. */
export const FORMAT = 'tsunagu-embedded-store';
export const FORMAT_VERSION = 1;

/** The marker document that opens a journal or a snapshot file. */
export function fileHeader(kind: 'journal' | 'snapshot', generation: number): Document {
  return { op: kind, format: FORMAT, version: FORMAT_VERSION, generation, createdAt: new Date() };
}

/** Throws unless `header` opens a file of this kind and format version. */
export function checkHeader(header: Document | undefined, kind: 'journal' | 'snapshot', file: string): void {
  if (header?.['op'] !== kind || header['format'] !== FORMAT) {
    throw new Error(`${file} is not a ${FORMAT} ${kind} file`);
  }
  if (header['version'] !== FORMAT_VERSION) {
    throw new Error(
      `${file} has format version ${String(header['version'])}; this store reads ${FORMAT_VERSION}`,
    );
  }
}

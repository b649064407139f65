/**
 * A collection: documents in natural (insertion) order keyed by canonical `_id`, plus secondary indexes.
 * All mutations go through insert/replace/remove so unique constraints are checked before anything changes.
 */
import { ObjectId, type Document } from 'bson';
import { ErrorCodes, StoreError } from '../errors.js';
import type { ChangeSink } from './changes.js';
import { duplicateKeyError } from './dup-key.js';
import { Index, type IndexSpec } from './index-def.js';
import { encodeKey } from './keys.js';

export const ID_INDEX_SPEC: IndexSpec = { v: 2, key: { _id: 1 }, name: '_id_' };

export class Collection {
  readonly db: string;
  readonly name: string;
  readonly options: Document;
  readonly docs = new Map<string, Document>();
  readonly indexes = new Map<string, Index>();
  /** Insertion sequence per encoded _id, so index lookups can return documents in natural order. */
  private readonly sequence = new Map<string, number>();
  private nextSequence = 0;
  /** Where successful mutations are reported (the journal when the store persists); unset in memory-only mode. */
  changes: ChangeSink | undefined;

  constructor(db: string, name: string, options: Document = {}, changes?: ChangeSink) {
    this.db = db;
    this.name = name;
    this.options = options;
    this.changes = changes;
  }

  get namespace(): string {
    return `${this.db}.${this.name}`;
  }

  /** Gives the document an ObjectId `_id` first if it has none (mongod puts `_id` first too). */
  static withId(doc: Document): Document {
    if (doc['_id'] === undefined) return { _id: new ObjectId(), ...doc };
    if (Object.keys(doc)[0] === '_id') return doc;
    const { _id, ...rest } = doc;
    return { _id, ...rest };
  }

  private checkId(doc: Document): void {
    const id = doc['_id'];
    if (Array.isArray(id)) {
      throw new StoreError(ErrorCodes.InvalidIdField, `The '_id' value cannot be of type array`);
    }
    if (id instanceof RegExp) {
      throw new StoreError(ErrorCodes.InvalidIdField, `The '_id' value cannot be of type regex`);
    }
  }

  private checkUnique(doc: Document, ownId: string): void {
    for (const index of this.indexes.values()) {
      const conflict = index.findConflict(doc, ownId);
      if (conflict) throw duplicateKeyError(this.namespace, index.name, index.spec.key, conflict.values);
    }
  }

  /** Inserts a document (which must already have `_id`). Throws E11000 on any unique violation. */
  insert(doc: Document): void {
    this.checkId(doc);
    const id = encodeKey(doc['_id']);
    if (this.docs.has(id)) throw duplicateKeyError(this.namespace, '_id_', { _id: 1 }, [doc['_id']]);
    this.checkUnique(doc, id);
    this.docs.set(id, doc);
    this.sequence.set(id, this.nextSequence++);
    for (const index of this.indexes.values()) index.add(id, doc);
    this.changes?.record({ op: 'insert', db: this.db, coll: this.name, doc });
  }

  /** Replaces the stored document having the same `_id`. Throws E11000 before changing anything. */
  replace(oldDoc: Document, newDoc: Document): void {
    const id = encodeKey(oldDoc['_id']);
    this.checkUnique(newDoc, id);
    for (const index of this.indexes.values()) index.remove(id, oldDoc);
    this.docs.set(id, newDoc);
    for (const index of this.indexes.values()) index.add(id, newDoc);
    this.changes?.record({ op: 'replace', db: this.db, coll: this.name, doc: newDoc });
  }

  remove(doc: Document): void {
    const id = encodeKey(doc['_id']);
    for (const index of this.indexes.values()) index.remove(id, doc);
    this.docs.delete(id);
    this.sequence.delete(id);
    this.changes?.record({ op: 'delete', db: this.db, coll: this.name, id: doc['_id'] });
  }

  /** Documents for a set of encoded ids, in natural order. */
  byEncodedIds(ids: Iterable<string>): Document[] {
    const found = [...ids].filter((id) => this.docs.has(id));
    if (found.length > 1) found.sort((a, b) => this.sequence.get(a)! - this.sequence.get(b)!);
    return found.map((id) => this.docs.get(id)!);
  }

  getById(id: unknown): Document | undefined {
    return this.docs.get(encodeKey(id));
  }

  getByEncodedId(id: string): Document | undefined {
    return this.docs.get(id);
  }

  /** Builds an index over existing documents; fails with E11000 (and builds nothing) if they violate it. */
  addIndex(spec: IndexSpec): void {
    const index = new Index(spec);
    for (const [id, doc] of this.docs) {
      const conflict = index.findConflict(doc, id);
      if (conflict) throw duplicateKeyError(this.namespace, index.name, index.spec.key, conflict.values);
      index.add(id, doc);
    }
    this.indexes.set(spec.name, index);
    this.changes?.record({ op: 'createIndex', db: this.db, coll: this.name, spec });
  }

  /** Drops a secondary index by name; returns whether it existed. */
  dropIndex(name: string): boolean {
    if (!this.indexes.delete(name)) return false;
    this.changes?.record({ op: 'dropIndex', db: this.db, coll: this.name, name });
    return true;
  }

  /** Index specs as listIndexes reports them, `_id_` first. */
  indexSpecs(): Document[] {
    return [{ ...ID_INDEX_SPEC }, ...[...this.indexes.values()].map((i) => ({ v: 2, ...i.spec }))];
  }
}

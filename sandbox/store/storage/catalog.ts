/**
 * The store's catalog: databases -> collections. Collections are created implicitly on first write, as in mongod.
 */
import type { Document } from 'bson';
import { ErrorCodes, StoreError } from '../errors.js';
import type { ChangeSink } from './changes.js';
import { Collection } from './collection.js';

export class Catalog {
  private readonly databases = new Map<string, Map<string, Collection>>();
  private changes: ChangeSink | undefined;

  /** From now on, reports every change of this catalog and of its collections to `sink` (the journal). */
  observe(sink: ChangeSink): void {
    this.changes = sink;
    for (const collection of this.allCollections()) collection.changes = sink;
  }

  /** The collection if it exists. */
  get(db: string, name: string): Collection | undefined {
    return this.databases.get(db)?.get(name);
  }

  /** The collection, created (implicitly, like mongod on first write) if missing. */
  ensure(db: string, name: string, options: Document = {}): Collection {
    validateNames(db, name);
    let collections = this.databases.get(db);
    if (!collections) this.databases.set(db, (collections = new Map()));
    let collection = collections.get(name);
    if (!collection) {
      collections.set(name, (collection = new Collection(db, name, options, this.changes)));
      this.changes?.record({ op: 'createCollection', db, coll: name, options });
    }
    return collection;
  }

  /** Explicit `create`: fails with NamespaceExists (48) if the collection is already there. */
  create(db: string, name: string, options: Document): Collection {
    if (this.get(db, name)) {
      throw new StoreError(ErrorCodes.NamespaceExists, `Collection ${db}.${name} already exists.`);
    }
    return this.ensure(db, name, options);
  }

  drop(db: string, name: string): boolean {
    const collections = this.databases.get(db);
    const existed = collections?.delete(name) ?? false;
    if (collections && collections.size === 0) this.databases.delete(db);
    if (existed) this.changes?.record({ op: 'dropCollection', db, coll: name });
    return existed;
  }

  dropDatabase(db: string): void {
    if (this.databases.delete(db)) this.changes?.record({ op: 'dropDatabase', db });
  }

  collections(db: string): Collection[] {
    return [...(this.databases.get(db)?.values() ?? [])];
  }

  databaseNames(): string[] {
    return [...this.databases.keys()];
  }

  allCollections(): Collection[] {
    return [...this.databases.values()].flatMap((c) => [...c.values()]);
  }
}

function validateNames(db: string, name: string): void {
  if (!db || /[/\\. "$\0]/.test(db)) {
    throw new StoreError(ErrorCodes.InvalidNamespace, `Invalid database name: '${db}'`);
  }
  if (!name || name.includes('\0') || name.startsWith('.') || name.includes('$')) {
    throw new StoreError(ErrorCodes.InvalidNamespace, `Invalid collection name: ${name}`);
  }
}

/**
 * One secondary index of a collection: a Map from canonical key to the ids of the documents holding it.
 * Unique, sparse and partial indexes are enforced here; TTL indexes only carry `expireAfterSeconds`.
 */
import type { Document } from 'bson';
import { makeQuery } from '../mingo-context.js';
import { toNumbers, viewOf } from '../views.js';
import { documentKeys, hasPath, type IndexKey } from './keys.js';

export interface IndexSpec {
  name: string;
  key: Document;
  unique?: boolean;
  sparse?: boolean;
  partialFilterExpression?: Document;
  expireAfterSeconds?: number;
  [option: string]: unknown;
}

export class Index {
  readonly spec: IndexSpec;
  readonly fields: string[];
  private readonly partial: ReturnType<typeof makeQuery> | undefined;
  /** canonical key -> ids (encoded _id) of documents with that key */
  private readonly entries = new Map<string, Set<string>>();

  constructor(spec: IndexSpec) {
    this.spec = spec;
    this.fields = Object.keys(spec.key);
    this.partial = spec.partialFilterExpression
      ? makeQuery(toNumbers(spec.partialFilterExpression))
      : undefined;
  }

  get name(): string {
    return this.spec.name;
  }

  get unique(): boolean {
    return this.spec.unique === true;
  }

  get sparse(): boolean {
    return this.spec.sparse === true;
  }

  get isPartial(): boolean {
    return this.partial !== undefined;
  }

  /** Whether this index holds an entry for the document (sparse/partial indexes skip some). */
  covers(doc: Document): boolean {
    if (this.sparse && !this.fields.some((f) => hasPath(doc, f))) return false;
    if (this.partial && !this.partial.test(viewOf(doc))) return false;
    return true;
  }

  keysOf(doc: Document): IndexKey[] {
    return this.covers(doc) ? documentKeys(doc, this.fields) : [];
  }

  /** The first key of `doc` already held by another document, if this is a unique index. */
  findConflict(doc: Document, ownId: string): IndexKey | undefined {
    if (!this.unique) return undefined;
    for (const key of this.keysOf(doc)) {
      const holders = this.entries.get(key.encoded);
      if (holders && [...holders].some((id) => id !== ownId)) return key;
    }
    return undefined;
  }

  add(id: string, doc: Document): void {
    for (const { encoded } of this.keysOf(doc)) {
      let holders = this.entries.get(encoded);
      if (!holders) this.entries.set(encoded, (holders = new Set()));
      holders.add(id);
    }
  }

  remove(id: string, doc: Document): void {
    for (const { encoded } of this.keysOf(doc)) {
      const holders = this.entries.get(encoded);
      if (!holders) continue;
      holders.delete(id);
      if (holders.size === 0) this.entries.delete(encoded);
    }
  }

  /** Ids of documents holding exactly this encoded key. */
  lookup(encoded: string): ReadonlySet<string> {
    return this.entries.get(encoded) ?? new Set();
  }

  clear(): void {
    this.entries.clear();
  }
}

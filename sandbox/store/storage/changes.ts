/**
 * The physical changes a catalog goes through, as the persistence layer records them. Storage reports every
 * mutation AFTER it succeeded, so the recorded sequence replays to exactly the in-memory state; commands are
 * never re-run at load (ObjectIds, `$$NOW`, `$currentDate` and TTL sweeps would come out differently).
 */
import type { Document } from 'bson';
import type { IndexSpec } from './index-def.js';

export type Change =
  | { op: 'createCollection'; db: string; coll: string; options: Document }
  | { op: 'dropCollection'; db: string; coll: string }
  | { op: 'dropDatabase'; db: string }
  | { op: 'createIndex'; db: string; coll: string; spec: IndexSpec }
  | { op: 'dropIndex'; db: string; coll: string; name: string }
  | { op: 'insert'; db: string; coll: string; doc: Document }
  | { op: 'replace'; db: string; coll: string; doc: Document }
  | { op: 'delete'; db: string; coll: string; id: unknown };

/** Receives every change of a catalog, in order. */
export interface ChangeSink {
  record(change: Change): void;
}

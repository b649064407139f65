/**
 * Shared seed data for the aggregation conformance tests. The instants are chosen around the
 * JST day boundary (midnight JST is 15:00 UTC the day before), so UTC and Asia/Tokyo disagree.
 */
import type { Collection, Db, Document, UpdateFilter } from 'mongodb';
import { looseCollection, type LooseDocument } from './target.js';

/** A Date from an ISO-8601 string (always written with an explicit Z or offset). */
export const utc = (iso: string): Date => new Date(iso);

/** Inserts five sales straddling the JST day boundaries of 1–3 March 2026 into `sales`. */
export async function seedSales(db: Db): Promise<Collection<LooseDocument>> {
  const c = looseCollection(db, 'sales');
  await c.insertMany([
    { _id: 1, item: 'a', qty: 3, price: 10, at: utc('2026-03-01T14:59:59Z') },
    { _id: 2, item: 'b', qty: 1, price: 20, at: utc('2026-03-01T15:00:00Z') },
    { _id: 3, item: 'a', qty: 5, price: 10, at: utc('2026-03-01T16:00:00Z') },
    { _id: 4, item: 'c', qty: 3, price: 5, at: utc('2026-03-02T14:59:59.999Z') },
    { _id: 5, item: 'a', qty: 1, price: 12, at: utc('2026-03-02T15:00:00Z') },
  ]);
  return c;
}

/** A collection holding one seeded document, and a reader for that document. */
export interface SeededDocument {
  c: Collection<LooseDocument>;
  read: () => Promise<unknown>;
}

/** Inserts `doc` into the named collection; `read()` fetches it back by its _id. */
export async function seedOne(db: Db, name: string, doc: LooseDocument): Promise<SeededDocument> {
  const c = looseCollection(db, name);
  await c.insertOne(doc);
  return { c, read: () => c.findOne({ _id: doc._id }) };
}

/** Update documents built freely: the driver's static update types cannot express every operator form. */
export const ops = (update: Document): UpdateFilter<LooseDocument> => update as UpdateFilter<LooseDocument>;

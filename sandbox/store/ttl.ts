/**
 * TTL monitor: like mongod's (every 60 s by default), removes documents whose indexed date field is older than
 * the index's `expireAfterSeconds`. Arrays use their earliest date; documents without a date are kept.
 */
import type { Catalog } from './storage/catalog.js';
import { pathValues } from './storage/keys.js';

/** Removes expired documents everywhere; returns how many were removed. */
export function sweepExpired(catalog: Catalog, now = Date.now()): number {
  let removed = 0;
  for (const collection of catalog.allCollections()) {
    for (const index of collection.indexes.values()) {
      const seconds = index.spec.expireAfterSeconds;
      if (seconds === undefined || index.fields.length !== 1) continue;
      const expired = [...collection.docs.values()].filter((doc) => {
        if (!index.covers(doc)) return false;
        const dates = pathValues(doc, index.fields[0]!).filter((v): v is Date => v instanceof Date);
        if (dates.length === 0) return false;
        const earliest = Math.min(...dates.map((d) => d.getTime()));
        return earliest + seconds * 1000 <= now;
      });
      for (const doc of expired) {
        collection.remove(doc);
        removed += 1;
      }
    }
  }
  return removed;
}

/**
 * Server-side cursors: results are materialised when the cursor opens and handed out in batches by getMore.
 * Idle cursors are reaped after `timeoutMs` (mongod's default is 10 minutes).
 */
import { Long, type Document } from 'bson';
import { ErrorCodes, StoreError } from './errors.js';

interface OpenCursor {
  id: bigint;
  namespace: string;
  remaining: Document[];
  lastUsed: number;
}

/** Default size of a first batch when the client gives none, as in mongod. */
export const DEFAULT_FIRST_BATCH = 101;

export class CursorManager {
  private readonly cursors = new Map<bigint, OpenCursor>();
  private nextId = 1n;

  constructor(private readonly timeoutMs = 10 * 60 * 1000) {}

  /**
   * Builds the `cursor` reply for a fresh result: the first batch, and a live cursor id if more remain
   * (0 when exhausted or `singleBatch`).
   */
  open(namespace: string, docs: Document[], batchSize: number | undefined, singleBatch = false): Document {
    const size = batchSize === undefined ? DEFAULT_FIRST_BATCH : batchSize;
    const firstBatch = size === 0 && !singleBatch ? [] : docs.slice(0, size || docs.length);
    const rest = docs.slice(firstBatch.length);
    let id = 0n;
    if (rest.length > 0 && !singleBatch) {
      id = this.nextId++;
      this.cursors.set(id, { id, namespace, remaining: rest, lastUsed: Date.now() });
    }
    return { cursor: { firstBatch, id: Long.fromBigInt(id), ns: namespace }, ok: 1 };
  }

  /** The next batch of an open cursor; unknown ids fail with CursorNotFound (43) like mongod. */
  getMore(rawId: unknown, namespace: string, batchSize: number | undefined): Document {
    const id = toBigInt(rawId);
    const cursor = this.cursors.get(id);
    if (!cursor) throw new StoreError(ErrorCodes.CursorNotFound, `cursor id ${id} not found`);
    if (cursor.namespace !== namespace) {
      throw new StoreError(
        ErrorCodes.Unauthorized,
        `Requested getMore on namespace '${namespace}', but cursor belongs to a different namespace ${cursor.namespace}`,
      );
    }
    const size = batchSize && batchSize > 0 ? batchSize : cursor.remaining.length;
    const nextBatch = cursor.remaining.splice(0, size);
    cursor.lastUsed = Date.now();
    let replyId = id;
    if (cursor.remaining.length === 0) {
      this.cursors.delete(id);
      replyId = 0n;
    }
    return { cursor: { nextBatch, id: Long.fromBigInt(replyId), ns: namespace }, ok: 1 };
  }

  /** killCursors: reports which ids were killed and which were unknown. */
  kill(ids: unknown[]): Document {
    const cursorsKilled: Long[] = [];
    const cursorsNotFound: Long[] = [];
    for (const raw of ids) {
      const id = toBigInt(raw);
      (this.cursors.delete(id) ? cursorsKilled : cursorsNotFound).push(Long.fromBigInt(id));
    }
    return { cursorsKilled, cursorsNotFound, cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  /** Drops cursors idle for longer than the timeout. */
  reap(now = Date.now()): number {
    let reaped = 0;
    for (const [id, cursor] of this.cursors) {
      if (now - cursor.lastUsed > this.timeoutMs) {
        this.cursors.delete(id);
        reaped += 1;
      }
    }
    return reaped;
  }

  get size(): number {
    return this.cursors.size;
  }
}

function toBigInt(raw: unknown): bigint {
  if (typeof raw === 'bigint') return raw;
  if (typeof raw === 'number') return BigInt(raw);
  if (raw && typeof raw === 'object' && (raw as { _bsontype?: string })._bsontype === 'Long') {
    return (raw as Long).toBigInt();
  }
  throw new StoreError(ErrorCodes.TypeMismatch, `cursor id must be a long, got ${typeof raw}`);
}

/**
 * What every command handler receives, and the shape of a handler.
 */
import type { Document } from 'bson';
import type { Logger } from '../../../shared/logger.js';
import type { CursorManager } from '../cursors.js';
import { ErrorCodes, StoreError } from '../errors.js';
import type { Catalog } from '../storage/catalog.js';

/** The journal as the dispatcher sees it (present only when the store persists to a data directory). */
export interface Durability {
  /** Ends one command: the changes it made become one atomic journal record. */
  commit(): void;
  /** Set once the journal could not be written; the store then refuses every command with it. */
  readonly failure: StoreError | undefined;
}

export interface StoreState {
  catalog: Catalog;
  cursors: CursorManager;
  logger: Logger;
  /** Process id-like value for this store instance, reported by hello/serverStatus. */
  startedAt: Date;
  durability?: Durability | undefined;
}

export interface CommandContext extends StoreState {
  /** `$db` of the request. */
  db: string;
  connectionId: number;
}

export type CommandHandler = (body: Document, ctx: CommandContext) => Document;

/** The collection name a command targets (its first field), validated as a string. */
export function collectionName(body: Document, command: string): string {
  const name = body[command];
  if (typeof name !== 'string' || name.length === 0) {
    throw new StoreError(
      ErrorCodes.InvalidNamespace,
      `collection name has invalid type ${name === null ? 'null' : typeof name}`,
    );
  }
  return name;
}

/** A non-negative integer option (skip, limit, batchSize…), or undefined when absent. */
export function intOption(body: Document, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === 'number'
      ? value
      : (value as { _bsontype?: string })._bsontype === 'Long'
        ? (value as { toNumber(): number }).toNumber()
        : Number(value);
  if (!Number.isFinite(n)) {
    throw new StoreError(ErrorCodes.TypeMismatch, `Field '${field}' should be a number, got ${typeof value}`);
  }
  return Math.trunc(n);
}

/** A document option (filter, sort, projection…), or undefined when absent. */
export function docOption(body: Document, field: string): Document | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new StoreError(ErrorCodes.TypeMismatch, `BSON field '${field}' is the wrong type, expected object`);
  }
  return value as Document;
}

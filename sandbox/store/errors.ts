/**
 * MongoDB-shaped server errors. Every failure the store reports travels as `{ ok: 0, errmsg, code, codeName }`
 * so the driver raises a `MongoServerError` exactly as it would against mongod.
 */
import type { Document } from 'bson';

/** The MongoDB error codes the store uses, with their official code names. */
export const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  NoSuchKey: 4,
  FailedToParse: 9,
  TypeMismatch: 14,
  IllegalOperation: 20,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  InvalidIdField: 53,
  CommandNotSupported: 115,
  NamespaceNotFound: 26,
  NotImplemented: 238,
  Location40324: 40324,
  ChangeStreamNotSupported: 40573,
  DuplicateKey: 11000,
  ProtocolError: 17,
  InvalidBSON: 22,
  Unauthorized: 13,
  OperationFailed: 96,
  QueryFeatureNotAllowed: 224,
  CannotCreateIndex: 67,
} as const;

const CODE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(ErrorCodes)
    .filter(([name]) => !name.startsWith('Location') && name !== 'ChangeStreamNotSupported')
    .map(([name, code]) => [code, name]),
);

/** An error the store answers with `ok: 0`. `extra` fields (keyPattern, keyValue…) are copied to the reply. */
export class StoreError extends Error {
  readonly code: number;
  readonly codeName: string;
  readonly extra: Document;

  constructor(code: number, errmsg: string, extra: Document = {}) {
    super(errmsg);
    this.code = code;
    this.codeName = CODE_NAMES[code] ?? '';
    this.extra = extra;
  }

  /** The `{ ok: 0, ... }` reply body for this error. */
  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code };
    if (this.codeName) reply['codeName'] = this.codeName;
    return { ...reply, ...this.extra };
  }

  /** The `writeErrors[]` entry for this error at position `index` of a bulk write. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }
}

/** Shorthand for the loud failure used for every feature the store deliberately does not implement. */
export function notSupported(what: string): StoreError {
  return new StoreError(
    ErrorCodes.NotImplemented,
    `not supported by the embedded MongoDB-compatible store (tests and sandbox only): ${what}; use a real MongoDB`,
  );
}

/** Converts anything thrown while running a command into a StoreError (mingo errors become BadValue). */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(ErrorCodes.BadValue, message);
}

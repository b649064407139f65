/**
 * Routes a command body to its handler and turns every failure into a MongoDB-shaped `ok: 0` reply.
 * Cross-cutting refusals live here: transactions (standalone answer, code 20), non-simple collation, unknown commands.
 */
import type { Document } from 'bson';
import { ErrorCodes, StoreError, notSupported, toStoreError } from './errors.js';
import { toNumbers } from './views.js';
import type { CommandHandler, StoreState } from './commands/context.js';
import { handshakeCommands } from './commands/handshake.js';

const TRANSACTION_FIELDS = ['txnNumber', 'startTransaction', 'autocommit'];

/** A collation other than the binary "simple" one cannot be honoured, so it is refused. */
export function rejectCollation(collation: unknown): void {
  if (collation === undefined || collation === null) return;
  const locale = (collation as Document)['locale'];
  if (locale === 'simple') return;
  throw notSupported('collation');
}

/**
 * int64 command options (limit, batchSize, maxTimeMS…) become numbers; user data (documents, filters, updates)
 * is left untouched so Long values keep their type. Cursor ids are Longs and are handled by CursorManager.
 */
function normaliseOptions(body: Document): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(body)) {
    const tag = (value as { _bsontype?: string } | null)?._bsontype;
    if ((tag === 'Long' || tag === 'Double') && key !== 'getMore') out[key] = toNumbers(value);
    else if (key === 'cursor' || key === 'writeConcern') out[key] = toNumbers(value);
    else out[key] = value;
  }
  return out;
}

export class Dispatcher {
  constructor(
    private readonly state: StoreState,
    private readonly handlers: Record<string, CommandHandler>,
  ) {}

  /** Runs one command; never throws. */
  run(rawBody: Document, connectionId: number): Document {
    const body = normaliseOptions(rawBody);
    const name = Object.keys(body)[0] ?? '';
    try {
      const db = body['$db'];
      if (typeof db !== 'string' || db.length === 0) {
        throw new StoreError(40571, 'OP_MSG requests require a $db argument');
      }
      if (TRANSACTION_FIELDS.some((f) => body[f] !== undefined)) {
        throw new StoreError(
          ErrorCodes.IllegalOperation,
          'Transaction numbers are only allowed on a replica set member or mongos',
        );
      }
      const handler = Object.hasOwn(this.handlers, name) ? this.handlers[name] : undefined;
      if (!handler) throw new StoreError(ErrorCodes.CommandNotFound, `no such command: '${name}'`);
      // After a journal failure, handshakes still answer so clients fail fast with the reason, not a timeout.
      const failure = this.state.durability?.failure;
      if (failure && !Object.hasOwn(handshakeCommands, name)) throw failure;
      rejectCollation(body['collation']);
      return handler(body, { ...this.state, db, connectionId });
    } catch (error) {
      const storeError = toStoreError(error);
      this.state.logger.debug(
        {
          err: error instanceof StoreError ? undefined : error,
          command: name,
          code: storeError.code,
          errmsg: storeError.message,
        },
        'embedded store answered ok: 0',
      );
      return storeError.toReply();
    } finally {
      this.state.durability?.commit();
    }
  }
}

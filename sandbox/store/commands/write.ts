/**
 * Write commands: insert, update, delete. Bulk semantics follow mongod: `ordered` (default true) stops at the
 * first error, otherwise every statement runs; failures are reported per statement in `writeErrors[]`.
 */
import type { Document } from 'bson';
import { rejectCollation } from '../dispatcher.js';
import { ErrorCodes, StoreError, notSupported, toStoreError } from '../errors.js';
import { Collection } from '../storage/collection.js';
import { applyUpdate, buildUpsert, changed, updateKind } from '../update.js';
import { cloneValue } from '../clone.js';
import { select } from './read.js';
import { collectionName, type CommandContext, type CommandHandler } from './context.js';

function statements(body: Document, field: string): Document[] {
  const list = body[field];
  if (!Array.isArray(list))
    throw new StoreError(ErrorCodes.FailedToParse, `BSON field '${field}' is missing or not an array`);
  return list as Document[];
}

/** Runs each statement, collecting writeErrors; stops early when ordered. */
function runBulk(
  body: Document,
  items: Document[],
  run: (item: Document, index: number) => void,
): Document[] {
  const ordered = body['ordered'] !== false;
  const writeErrors: Document[] = [];
  for (let i = 0; i < items.length; i++) {
    try {
      run(items[i]!, i);
    } catch (error) {
      writeErrors.push(toStoreError(error).toWriteError(i));
      if (ordered) break;
    }
  }
  return writeErrors;
}

function withErrors(reply: Document, writeErrors: Document[]): Document {
  return writeErrors.length ? { ...reply, writeErrors, ok: 1 } : { ...reply, ok: 1 };
}

function checkStatementOptions(statement: Document): void {
  rejectCollation(statement['collation']);
  if (statement['sort'] !== undefined) throw notSupported('update/delete statement sort (use findAndModify)');
}

const insert: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'insert');
  const docs = statements(body, 'documents');
  const collection = ctx.catalog.ensure(ctx.db, name);
  let n = 0;
  const writeErrors = runBulk(body, docs, (doc) => {
    collection.insert(Collection.withId(cloneValue(doc)));
    n += 1;
  });
  return withErrors({ n }, writeErrors);
};

/** Applies one update statement; returns what it did. Shared with findAndModify-like callers. */
export function updateStatement(
  ctx: CommandContext,
  name: string,
  statement: Document,
): { matched: number; modified: number; upsertedId?: unknown; before?: Document; after?: Document } {
  const filter = (statement['q'] as Document | undefined) ?? {};
  const update = statement['u'] as Document | Document[];
  const multi = statement['multi'] === true;
  const arrayFilters = statement['arrayFilters'] as Document[] | undefined;
  checkStatementOptions(statement);
  const kind = updateKind(update);
  if (multi && kind === 'replacement') {
    throw new StoreError(
      ErrorCodes.FailedToParse,
      'multi update is not supported for replacement-style update',
    );
  }
  const existing = ctx.catalog.get(ctx.db, name);
  const targets = select(existing, { filter, limit: multi ? undefined : 1, hint: statement['hint'] });
  if (targets.length === 0) {
    if (statement['upsert'] !== true) return { matched: 0, modified: 0 };
    const doc = buildUpsert(filter, update, arrayFilters);
    ctx.catalog.ensure(ctx.db, name).insert(doc);
    return { matched: 0, modified: 0, upsertedId: doc['_id'], after: doc };
  }
  const collection = existing!;
  let modified = 0;
  let before: Document | undefined;
  let after: Document | undefined;
  for (const doc of targets) {
    const next = applyUpdate(doc, update, { filter, arrayFilters, isInsert: false });
    before ??= doc;
    if (changed(doc, next)) {
      collection.replace(doc, next);
      modified += 1;
      after ??= next;
    } else {
      after ??= doc;
    }
  }
  return { matched: targets.length, modified, before, after };
}

const update: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'update');
  const items = statements(body, 'updates');
  let n = 0;
  let nModified = 0;
  const upserted: Document[] = [];
  const writeErrors = runBulk(body, items, (statement, index) => {
    const result = updateStatement(ctx, name, statement);
    if (result.upsertedId !== undefined) {
      upserted.push({ index, _id: result.upsertedId });
      n += 1;
    } else {
      n += result.matched;
      nModified += result.modified;
    }
  });
  const reply: Document = { n, nModified };
  if (upserted.length) reply['upserted'] = upserted;
  return withErrors(reply, writeErrors);
};

const deleteCommand: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'delete');
  const items = statements(body, 'deletes');
  let n = 0;
  const writeErrors = runBulk(body, items, (statement) => {
    checkStatementOptions(statement);
    const filter = (statement['q'] as Document | undefined) ?? {};
    const limit = Number(statement['limit'] ?? 0);
    if (limit !== 0 && limit !== 1) {
      throw new StoreError(
        ErrorCodes.FailedToParse,
        `The limit field in delete objects must be 0 or 1. Got ${limit}`,
      );
    }
    const collection = ctx.catalog.get(ctx.db, name);
    for (const doc of select(collection, {
      filter,
      limit: limit === 1 ? 1 : undefined,
      hint: statement['hint'],
    })) {
      collection!.remove(doc);
      n += 1;
    }
  });
  return withErrors({ n }, writeErrors);
};

export const writeCommands: Record<string, CommandHandler> = { insert, update, delete: deleteCommand };

/**
 * findAndModify (behind the driver's findOneAndUpdate / findOneAndReplace / findOneAndDelete). Atomic by
 * construction: the whole command runs synchronously on the event loop, so two clients racing for the same
 * document (e.g. agenda workers locking a job) can never both win.
 */
import type { Document } from 'bson';
import { ErrorCodes, StoreError } from '../errors.js';
import { project } from '../projection.js';
import { applyUpdate, buildUpsert, changed, updateKind } from '../update.js';
import { collectionName, docOption, type CommandHandler } from './context.js';
import { select } from './read.js';

function validate(body: Document): void {
  const remove = body['remove'] === true;
  const hasUpdate = body['update'] !== undefined && body['update'] !== null;
  if (remove && hasUpdate)
    throw new StoreError(ErrorCodes.FailedToParse, 'Cannot specify both an update and remove=true');
  if (remove && body['upsert'] === true) {
    throw new StoreError(ErrorCodes.FailedToParse, 'Cannot specify both upsert=true and remove=true');
  }
  if (remove && body['new'] === true) {
    throw new StoreError(
      ErrorCodes.FailedToParse,
      "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document",
    );
  }
  if (!remove && !hasUpdate)
    throw new StoreError(ErrorCodes.FailedToParse, 'Either an update or remove=true must be specified');
}

const findAndModify: CommandHandler = (body, ctx) => {
  const name = collectionName(body, 'findAndModify');
  validate(body);
  const filter = docOption(body, 'query') ?? {};
  const fields = docOption(body, 'fields');
  const existing = ctx.catalog.get(ctx.db, name);
  const [doc] = select(existing, { filter, sort: docOption(body, 'sort'), limit: 1, hint: body['hint'] });
  const shape = (value: Document | undefined): Document | null =>
    value ? project([value], fields, filter)[0]! : null;

  if (body['remove'] === true) {
    if (!doc) return { lastErrorObject: { n: 0 }, value: null, ok: 1 };
    existing!.remove(doc);
    return { lastErrorObject: { n: 1 }, value: shape(doc), ok: 1 };
  }

  const update = body['update'] as Document | Document[];
  updateKind(update);
  const arrayFilters = body['arrayFilters'] as Document[] | undefined;
  const returnNew = body['new'] === true;
  if (doc) {
    const next = applyUpdate(doc, update, { filter, arrayFilters, isInsert: false });
    if (changed(doc, next)) existing!.replace(doc, next);
    return { lastErrorObject: { n: 1, updatedExisting: true }, value: shape(returnNew ? next : doc), ok: 1 };
  }
  if (body['upsert'] !== true)
    return { lastErrorObject: { n: 0, updatedExisting: false }, value: null, ok: 1 };
  const inserted = buildUpsert(filter, update, arrayFilters);
  ctx.catalog.ensure(ctx.db, name).insert(inserted);
  return {
    lastErrorObject: { n: 1, updatedExisting: false, upserted: inserted['_id'] },
    value: returnNew ? shape(inserted) : null,
    ok: 1,
  };
};

export const findAndModifyCommands: Record<string, CommandHandler> = {
  findAndModify,
  findandmodify: findAndModify,
};

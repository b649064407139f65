/**
 * Checks mongod makes before applying operator updates and mingo skips: conflicting paths (code 40), paths that
 * cannot be created (28), arithmetic on non-numbers and array operators on non-arrays.
 */
import type { Document } from 'bson';
import { ErrorCodes, StoreError } from './errors.js';
import { renderValue } from './storage/dup-key.js';

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pop', '$pull', '$pullAll']);

export function isPositional(part: string): boolean {
  return part === '$' || part.startsWith('$[');
}

/** Rejects two operators touching the same path or a path and its prefix (mongod code 40). */
export function checkConflicts(update: Document): void {
  const seen: string[] = [];
  for (const [op, fields] of Object.entries(update)) {
    const paths = Object.keys(fields as Document);
    if (op === '$rename') paths.push(...Object.values(fields as Document).map(String));
    for (const path of paths) {
      const clash = seen.find((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`));
      if (clash !== undefined) {
        throw new StoreError(
          ErrorCodes.ConflictingUpdateOperators,
          `Updating the path '${path}' would create a conflict at '${clash.length < path.length ? clash : path}'`,
        );
      }
      seen.push(path);
    }
  }
}

/** The value at a dotted path (no array expansion), `undefined` when missing. Stops at positional parts. */
export function getPath(
  doc: Document,
  path: string,
): { value: unknown; blockedBy?: { part: string; holder: unknown } } {
  let current: unknown = doc;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (isPositional(part)) return { value: undefined };
    if (current === undefined) return { value: undefined };
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(part)) return { value: undefined, blockedBy: { part, holder: current } };
      current = current[Number(part)];
      continue;
    }
    if (
      current === null ||
      typeof current !== 'object' ||
      current instanceof Date ||
      (current as { _bsontype?: string })._bsontype
    ) {
      return { value: undefined, blockedBy: { part, holder: current } };
    }
    current = (current as Document)[part];
  }
  return { value: current };
}

export function isNumeric(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  const type = (value as { _bsontype?: string } | null)?._bsontype;
  return type === 'Long' || type === 'Int32' || type === 'Double' || type === 'Decimal128';
}

function bsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  const type = (value as { _bsontype?: string })?._bsontype;
  if (type === 'ObjectId') return 'objectId';
  return type ? type.toLowerCase() : 'object';
}

/** The type and path checks mongod applies before modifying a document; mingo silently skips these cases. */
export function precheck(doc: Document, update: Document): void {
  const idText = `{_id: ${renderValue(doc['_id'])}}`;
  for (const [op, fields] of Object.entries(update)) {
    for (const [path, arg] of Object.entries(fields as Document)) {
      if (NUMERIC_OPS.has(op) && !isNumeric(arg)) {
        const verb = op === '$inc' ? 'increment' : 'multiply';
        throw new StoreError(
          ErrorCodes.TypeMismatch,
          `Cannot ${verb} with non-numeric argument: {${path}: ${renderValue(arg)}}`,
        );
      }
      const { value, blockedBy } = getPath(doc, path);
      if (blockedBy && op !== '$unset' && op !== '$pull' && op !== '$pullAll' && op !== '$pop') {
        throw new StoreError(
          ErrorCodes.PathNotViable,
          `Cannot create field '${blockedBy.part}' in element {${path.split('.')[0]}: ${renderValue(blockedBy.holder)}}`,
        );
      }
      if (value === undefined || value === null) {
        if (value === null && NUMERIC_OPS.has(op)) {
          throw new StoreError(
            ErrorCodes.TypeMismatch,
            `Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${path}' of non-numeric type null`,
          );
        }
        continue;
      }
      if (NUMERIC_OPS.has(op) && !isNumeric(value)) {
        throw new StoreError(
          ErrorCodes.TypeMismatch,
          `Cannot apply ${op} to a value of non-numeric type. ${idText} has the field '${path}' of non-numeric type ${bsonTypeName(value)}`,
        );
      }
      if (ARRAY_OPS.has(op) && !Array.isArray(value)) {
        const message =
          op === '$push' || op === '$addToSet'
            ? `The field '${path}' must be an array but is of type ${bsonTypeName(value)} in document ${idText}`
            : `Cannot apply ${op} to a non-array value`;
        throw new StoreError(ErrorCodes.BadValue, message);
      }
    }
  }
}

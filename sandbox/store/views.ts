/**
 * Numeric views of stored documents. The store keeps int64 (Long), double (Double) and Decimal128 values as sent,
 * so they round-trip with their BSON type (int32 is a plain number), but mingo only computes on JS numbers. Matching and aggregation therefore run on a "view"
 * where those values are plain numbers; the view is cached per stored document (stored documents are never
 * mutated, updates replace them), and documents without such values are their own view.
 */
import { Decimal128, Double, Long, type Document, type Int32 } from 'bson';

const viewCache = new WeakMap<object, Document>();
const originals = new WeakMap<object, Document>();

type Tagged = { _bsontype?: string };

const WIDE = new Set(['Long', 'Decimal128', 'Double', 'Int32']);

function isWide(value: unknown): boolean {
  return WIDE.has((value as Tagged | null)?._bsontype ?? '');
}

function wideToNumber(value: unknown): number {
  const tag = (value as Tagged)._bsontype;
  if (tag === 'Long') return (value as Long).toNumber();
  if (tag === 'Decimal128') return Number((value as Decimal128).toString());
  return (value as Double).value;
}

/** Incoming documents: int32 becomes a plain number; doubles stay Double so an integral double keeps its type. */
export function unwrapInt32<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if ((value as Tagged)._bsontype === 'Int32') return (value as unknown as Int32).value as T;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = unwrapInt32(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  for (const [k, v] of Object.entries(value as Document)) {
    if (v !== null && typeof v === 'object') (value as Document)[k] = unwrapInt32(v);
  }
  return value;
}

/** Whether a value contains any Long or Decimal128. */
export function hasWideNumbers(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (isWide(value)) return true;
  if (Array.isArray(value)) return value.some(hasWideNumbers);
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value as Document).some(hasWideNumbers);
}

/** Deep copy with Long/Decimal128 replaced by numbers (use on filters and expressions too). */
export function toNumbers<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (isWide(value)) return wideToNumber(value) as T;
  if (Array.isArray(value)) return value.map(toNumbers) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Document = {};
  for (const [k, v] of Object.entries(value as Document)) out[k] = toNumbers(v);
  return out as T;
}

/** The numeric view of a stored document (cached; the document itself when it has no wide numbers). */
export function viewOf(doc: Document): Document {
  let view = viewCache.get(doc);
  if (!view) {
    view = hasWideNumbers(doc) ? toNumbers(doc) : doc;
    viewCache.set(doc, view);
    if (view !== doc) originals.set(view, doc);
  }
  return view;
}

/**
 * A private numeric copy of a stored document for aggregation (mingo may modify it in place), still linked to the
 * stored document so `$type` in a leading `$match` sees real BSON types.
 */
export function freshView(doc: Document): Document {
  const view = toNumbers(doc);
  originals.set(view, doc);
  return view;
}

/** The stored document behind a view (for `$type`, which must see the real BSON types). */
export function originalOf(view: Document): Document {
  return originals.get(view) ?? view;
}

/** Dotted paths (array indexes included) holding a Long or Decimal128, with their values. */
export function widePaths(
  value: unknown,
  prefix = '',
  out = new Map<string, unknown>(),
): Map<string, unknown> {
  if (value === null || typeof value !== 'object') return out;
  if (isWide(value)) {
    out.set(prefix, value);
    return out;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => widePaths(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value as Document)) widePaths(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

/**
 * After an update ran on numbers, gives fields that were wide back their type: an unchanged value gets its
 * original object back; a changed integral value of a Long becomes a Long, of a Decimal128 a Decimal128.
 */
export function restoreWide(doc: Document, paths: Map<string, unknown>): void {
  for (const [path, original] of paths) {
    const parts = path.split('.');
    let holder: unknown = doc;
    for (const part of parts.slice(0, -1)) {
      holder = holder && typeof holder === 'object' ? (holder as Document)[part] : undefined;
    }
    if (!holder || typeof holder !== 'object') continue;
    const key = parts[parts.length - 1]!;
    const current = (holder as Document)[key];
    if (typeof current !== 'number') continue;
    const tag = (original as Tagged)._bsontype;
    if (current === wideToNumber(original)) (holder as Document)[key] = original;
    else if (tag === 'Long') {
      if (Number.isInteger(current)) (holder as Document)[key] = Long.fromNumber(current);
    } else if (tag === 'Double') (holder as Document)[key] = new Double(current);
    else if (tag === 'Decimal128') (holder as Document)[key] = Decimal128.fromString(String(current));
  }
}

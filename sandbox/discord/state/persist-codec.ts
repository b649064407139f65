/**
 * A generic JSON codec for the emulator's state, so whatever a store keeps (Maps of records, Sets of
 * ids, nested Maps inside records, Buffers of uploads) is saved without a hand-written serializer per
 * record type: state someone adds later is included as long as it lives in the saved parts (see
 * persist.ts) and is made of plain data.
 *
 * Tagged values: `{ $map: [[k, v]…] }`, `{ $set: […] }`, `{ $bytes: base64 }`, `{ $bigint: "…" }`,
 * `{ $date: iso }`; a plain object that itself has a key starting with `$` is wrapped in `{ $obj }`,
 * so no stored record can be mistaken for a tag. Functions are skipped (stores' methods, listeners);
 * a cycle is an error naming its path, because a record must never point back into the state.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TAGS = ['$map', '$set', '$bytes', '$bigint', '$date', '$obj'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns a state value into JSON-safe data (see the file comment for the tags). */
export function encodeState(value: unknown, path = '$', seen: Set<object> = new Set()): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be saved`);
    return value;
  }
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') throw new TypeError(`${path}: a ${typeof value} cannot be saved`);
  if (value instanceof Date) return { $date: value.toISOString() };
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') };
  if (seen.has(value)) throw new TypeError(`${path}: the state refers back to itself here`);
  seen.add(value);
  try {
    if (value instanceof Map) {
      return {
        $map: [...value].map(([k, v], i) => [
          encodeState(k, `${path}<key ${i}>`, seen),
          encodeState(v, `${path}.get(${String(k)})`, seen),
        ]),
      };
    }
    if (value instanceof Set)
      return { $set: [...value].map((v, i) => encodeState(v, `${path}[${i}]`, seen)) };
    if (Array.isArray(value)) return value.map((v, i) => encodeState(v, `${path}[${i}]`, seen));
    const out: Record<string, Json> = {};
    let tagged = false;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      if (key.startsWith('$')) tagged = true;
      out[key] = encodeState(v, `${path}.${key}`, seen);
    }
    return tagged ? { $obj: out } : out;
  } finally {
    seen.delete(value);
  }
}

/** The inverse of `encodeState`: Maps, Sets, Buffers, bigints and Dates come back as themselves. */
export function decodeState(value: Json): unknown {
  if (Array.isArray(value)) return value.map(decodeState);
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const tag = keys.length === 1 ? TAGS.find((t) => t === keys[0]) : undefined;
  switch (tag) {
    case '$map':
      return new Map((value.$map as [Json, Json][]).map(([k, v]) => [decodeState(k), decodeState(v)]));
    case '$set':
      return new Set((value.$set as Json[]).map(decodeState));
    case '$bytes':
      return Buffer.from(value.$bytes as string, 'base64');
    case '$bigint':
      return BigInt(value.$bigint as string);
    case '$date':
      return new Date(value.$date as string);
    case '$obj':
      return decodeRecord(value.$obj as Record<string, Json>);
    default:
      return decodeRecord(value);
  }
}

function decodeRecord(value: Record<string, Json>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeState(v)]));
}

/**
 * Puts decoded data back INTO live objects: a Map or Set is emptied and refilled (so every store
 * that holds it sees the restored content), an object (a plain container or a store instance with
 * private Maps) is filled key by key, anything else is assigned. Keys the saved data lacks are left
 * as they are: state added to the code after a snapshot was written starts empty instead of failing.
 */
export function restoreInto(target: Record<string, unknown>, saved: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(saved)) {
    const current = target[key];
    if (current instanceof Map && value instanceof Map) {
      current.clear();
      for (const [k, v] of value) current.set(k, v);
    } else if (current instanceof Set && value instanceof Set) {
      current.clear();
      for (const v of value) current.add(v);
    } else if (isRecord(current) && isRecord(value) && !(value instanceof Date) && !Buffer.isBuffer(value)) {
      restoreInto(current, value);
    } else {
      target[key] = value;
    }
  }
}

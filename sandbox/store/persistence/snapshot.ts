/**
 * Snapshots: the whole catalog as one file of frames (header, then per collection its creation and indexes
 * followed by its documents, then a trailer with the counts). A snapshot is written to a temporary name,
 * fsynced, renamed into place and its directory fsynced, so a snapshot file that exists is complete; the
 * trailer and the checksums prove it again at load.
 *
 * Capturing is cheap and consistent: stored documents are never mutated (updates replace them, see views.ts),
 * so holding references taken in one synchronous step is a point-in-time image that later writes cannot touch.
 * Encoding and writing then proceed in chunks without blocking the server.
 */
import { promises as fs } from 'node:fs';
import type { Document } from 'bson';
import type { Catalog } from '../storage/catalog.js';
import type { IndexSpec } from '../storage/index-def.js';
import { applyChange, checkHeader, decodeChange, encodeChange, fileHeader } from './change-codec.js';
import { snapshotPath, syncDirectory } from './data-dir.js';
import { encodeFrame, scanFrames, splitDocuments } from './frame.js';

interface CollectionImage {
  db: string;
  coll: string;
  options: Document;
  indexes: IndexSpec[];
  docs: Document[];
}

const DOCS_PER_FRAME = 1_000;
const WRITE_BYTES = 4 * 1024 * 1024;

/** A point-in-time image of the catalog (references only; see the file comment). */
export function captureCatalog(catalog: Catalog): CollectionImage[] {
  return catalog.allCollections().map((c) => ({
    db: c.db,
    coll: c.name,
    options: c.options,
    indexes: [...c.indexes.values()].map((index) => index.spec),
    docs: [...c.docs.values()],
  }));
}

function* frames(generation: number, images: CollectionImage[]): Generator<Buffer> {
  yield encodeFrame([encodeChange(fileHeader('snapshot', generation))]);
  let documents = 0;
  for (const { db, coll, options, indexes, docs } of images) {
    yield encodeFrame([
      encodeChange({ op: 'createCollection', db, coll, options }),
      ...indexes.map((spec) => encodeChange({ op: 'createIndex', db, coll, spec })),
    ]);
    for (let i = 0; i < docs.length; i += DOCS_PER_FRAME) {
      const batch = docs.slice(i, i + DOCS_PER_FRAME);
      yield encodeFrame(batch.map((doc) => encodeChange({ op: 'insert', db, coll, doc })));
      documents += batch.length;
    }
  }
  yield encodeFrame([encodeChange({ op: 'end', collections: images.length, documents })]);
}

/** Writes snapshot `generation` durably; resolves with its size in bytes. */
export async function writeSnapshot(
  dir: string,
  generation: number,
  images: CollectionImage[],
): Promise<number> {
  const target = snapshotPath(dir, generation);
  const temporary = `${target}.tmp`;
  const handle = await fs.open(temporary, 'w');
  let size = 0;
  try {
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    for (const frame of frames(generation, images)) {
      chunk.push(frame);
      chunkBytes += frame.length;
      if (chunkBytes < WRITE_BYTES) continue;
      await handle.write(Buffer.concat(chunk));
      size += chunkBytes;
      [chunk, chunkBytes] = [[], 0];
    }
    await handle.write(Buffer.concat(chunk));
    size += chunkBytes;
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, target);
  await syncDirectory(dir);
  return size;
}

/** Loads snapshot `generation` into an empty catalog; throws when the file is damaged or incomplete. */
export async function loadSnapshot(dir: string, generation: number, catalog: Catalog): Promise<number> {
  const file = snapshotPath(dir, generation);
  const data = await fs.readFile(file);
  const scan = scanFrames(data);
  if (scan.damage) {
    throw new Error(`snapshot ${file} is damaged at byte ${scan.damage.offset}`);
  }
  const changes = scan.payloads.flatMap(splitDocuments);
  checkHeader(changes.length ? decodeChange(changes[0]!) : undefined, 'snapshot', file);
  const trailer = changes.length > 1 ? decodeChange(changes[changes.length - 1]!) : undefined;
  if (trailer?.['op'] !== 'end') throw new Error(`snapshot ${file} is incomplete (no trailer)`);
  let documents = 0;
  for (const bytes of changes.slice(1, -1)) {
    const change = decodeChange(bytes);
    applyChange(catalog, change);
    if (change['op'] === 'insert') documents += 1;
  }
  if (documents !== trailer['documents']) {
    throw new Error(
      `snapshot ${file} holds ${documents} documents, its trailer says ${String(trailer['documents'])}`,
    );
  }
  return data.length;
}

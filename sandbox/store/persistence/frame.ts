/**
 * Framing shared by journals and snapshots: `[u32 LE payload length][u32 LE CRC-32 of the payload][payload]`,
 * where the payload is a run of BSON documents (each self-delimited by its int32 length). The checksum is what
 * tells a record that reached the disk whole from one cut short by a crash or damaged on the medium.
 */
import { crc32 } from 'node:zlib';

export const FRAME_HEADER_BYTES = 8;
/** The smallest BSON document (`{}`) is 5 bytes, so no real payload is shorter. */
const MIN_PAYLOAD_BYTES = 5;

/** One frame holding `documents` (already BSON-encoded). */
export function encodeFrame(documents: Buffer[]): Buffer {
  const payload = documents.length === 1 ? documents[0]! : Buffer.concat(documents);
  const header = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

/** Where a scan stopped early: the first frame that is cut short or fails its checksum. */
export interface FrameDamage {
  offset: number;
  /** An intact frame follows the bad one: damage in the middle, not a write cut short at the end. */
  intactFrameFollows: boolean;
}

export interface FrameScan {
  payloads: Buffer[];
  /** Bytes covered by intact frames, from the start of the file. */
  validBytes: number;
  damage: FrameDamage | undefined;
}

/** Length of the intact frame starting at `offset`, or undefined when there is none. */
function intactFrameAt(data: Buffer, offset: number): number | undefined {
  if (offset + FRAME_HEADER_BYTES > data.length) return undefined;
  const length = data.readUInt32LE(offset);
  const end = offset + FRAME_HEADER_BYTES + length;
  if (length < MIN_PAYLOAD_BYTES || end > data.length) return undefined;
  const payload = data.subarray(offset + FRAME_HEADER_BYTES, end);
  return crc32(payload) === data.readUInt32LE(offset + 4) ? length : undefined;
}

/** Reads frames from the start of `data` until the end or the first bad frame. */
export function scanFrames(data: Buffer): FrameScan {
  const payloads: Buffer[] = [];
  let offset = 0;
  while (offset < data.length) {
    const length = intactFrameAt(data, offset);
    if (length === undefined) {
      const declared = offset + FRAME_HEADER_BYTES <= data.length ? data.readUInt32LE(offset) : 0;
      const next = offset + FRAME_HEADER_BYTES + declared;
      const intactFrameFollows = declared > 0 && intactFrameAt(data, next) !== undefined;
      return { payloads, validBytes: offset, damage: { offset, intactFrameFollows } };
    }
    payloads.push(data.subarray(offset + FRAME_HEADER_BYTES, offset + FRAME_HEADER_BYTES + length));
    offset += FRAME_HEADER_BYTES + length;
  }
  return { payloads, validBytes: offset, damage: undefined };
}

/** The BSON documents of one payload. */
export function splitDocuments(payload: Buffer): Buffer[] {
  const documents: Buffer[] = [];
  let offset = 0;
  while (offset < payload.length) {
    const size = payload.readInt32LE(offset);
    if (size < MIN_PAYLOAD_BYTES || offset + size > payload.length) {
      throw new Error(`malformed document at byte ${offset} of a record whose checksum matched`);
    }
    documents.push(payload.subarray(offset, offset + size));
    offset += size;
  }
  return documents;
}

/**
 * Wire-protocol framing for the embedded MongoDB-compatible store: splits a TCP byte stream into messages,
 * parses OP_MSG / OP_QUERY, and encodes OP_MSG / OP_REPLY answers. Pure functions, no sockets.
 */
import { BSON, type Document } from 'bson';
import { unwrapInt32 } from './views.js';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

/** Largest message the store accepts, as mongod advertises in `maxMessageSizeBytes`. */
export const MAX_MESSAGE_SIZE = 48_000_000;
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
const HEADER_SIZE = 16;

export const MSG_FLAG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_FLAG_MORE_TO_COME = 1 << 1;
export const MSG_FLAG_EXHAUST_ALLOWED = 1 << 16;
const MSG_KNOWN_FLAGS = MSG_FLAG_CHECKSUM_PRESENT | MSG_FLAG_MORE_TO_COME | MSG_FLAG_EXHAUST_ALLOWED;

/**
 * Options used to read client documents: numbers arrive wrapped so int64 and double keep their BSON type;
 * `unwrapInt32` then turns int32 into plain numbers (see views.ts).
 */
export const DESERIALIZE_OPTIONS = {
  promoteLongs: false,
  promoteValues: false,
  promoteBuffers: false,
} as const;

export interface MessageHeader {
  messageLength: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A framing problem that makes the rest of the stream unreadable. */
export class WireError extends Error {}

/** Accumulates TCP chunks and yields complete messages (header included), however the bytes were split. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  /** Adds a chunk and returns every message now complete. Throws WireError on an impossible length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const messages: Buffer[] = [];
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const length = head.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_SIZE) {
        throw new WireError(`invalid message length ${length} (allowed ${HEADER_SIZE}..${MAX_MESSAGE_SIZE})`);
      }
      if (this.buffered < length) break;
      messages.push(this.take(length));
    }
    return messages;
  }

  private peek(size: number): Buffer {
    if (this.chunks[0]!.length < size) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, size);
  }

  private take(size: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const message = all.subarray(0, size);
    const rest = all.subarray(size);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return message;
  }
}

/** Reads the 16-byte standard header. */
export function readHeader(message: Buffer): MessageHeader {
  return {
    messageLength: message.readInt32LE(0),
    requestId: message.readInt32LE(4),
    responseTo: message.readInt32LE(8),
    opCode: message.readInt32LE(12),
  };
}

/** A parsed OP_MSG: the kind-0 body with kind-1 document sequences merged in as arrays. */
export interface OpMsgRequest {
  flagBits: number;
  moreToCome: boolean;
  body: Document;
}

function readBsonAt(message: Buffer, offset: number, end: number): { doc: Document; size: number } {
  if (offset + 5 > end) throw new WireError('truncated BSON document');
  const size = message.readInt32LE(offset);
  if (size < 5 || offset + size > end) throw new WireError(`invalid BSON document size ${size}`);
  const doc = unwrapInt32(BSON.deserialize(message.subarray(offset, offset + size), DESERIALIZE_OPTIONS));
  return { doc, size };
}

function readCString(message: Buffer, offset: number, end: number): { value: string; next: number } {
  const zero = message.indexOf(0, offset);
  if (zero < 0 || zero >= end) throw new WireError('unterminated cstring');
  return { value: message.toString('utf8', offset, zero), next: zero + 1 };
}

/** Parses an OP_MSG. Kind-1 sequences become arrays on the body under their identifier (e.g. `documents`). */
export function parseOpMsg(message: Buffer): OpMsgRequest {
  const flagBits = message.readUInt32LE(HEADER_SIZE);
  if ((flagBits & 0xffff & ~MSG_KNOWN_FLAGS) !== 0) {
    throw new WireError(`unsupported OP_MSG required flag bits ${flagBits}`);
  }
  // The checksum is CRC-32C over the message; TCP on 127.0.0.1 already guarantees integrity, so skip it.
  const end = flagBits & MSG_FLAG_CHECKSUM_PRESENT ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let body: Document | undefined;
  const sequences: Array<[string, Document[]]> = [];
  while (offset < end) {
    const kind = message[offset]!;
    offset += 1;
    if (kind === 0) {
      if (body) throw new WireError('OP_MSG has more than one kind-0 section');
      const { doc, size } = readBsonAt(message, offset, end);
      body = doc;
      offset += size;
    } else if (kind === 1) {
      if (offset + 4 > end) throw new WireError('truncated document sequence');
      const sectionSize = message.readInt32LE(offset);
      const sectionEnd = offset + sectionSize;
      if (sectionSize < 5 || sectionEnd > end)
        throw new WireError(`invalid document sequence size ${sectionSize}`);
      const { value: identifier, next } = readCString(message, offset + 4, sectionEnd);
      const docs: Document[] = [];
      let cursor = next;
      while (cursor < sectionEnd) {
        const { doc, size } = readBsonAt(message, cursor, sectionEnd);
        docs.push(doc);
        cursor += size;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new WireError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body) throw new WireError('OP_MSG has no kind-0 body section');
  for (const [identifier, docs] of sequences) {
    const existing = body[identifier];
    body[identifier] = Array.isArray(existing) ? [...existing, ...docs] : docs;
  }
  return { flagBits, moreToCome: (flagBits & MSG_FLAG_MORE_TO_COME) !== 0, body };
}

/** A parsed legacy OP_QUERY (only used by drivers for the initial `ismaster`/`hello` handshake). */
export interface OpQueryRequest {
  fullCollectionName: string;
  numberToSkip: number;
  numberToReturn: number;
  query: Document;
}

/** Parses a legacy OP_QUERY. */
export function parseOpQuery(message: Buffer): OpQueryRequest {
  let offset = HEADER_SIZE + 4;
  const { value: fullCollectionName, next } = readCString(message, offset, message.length);
  offset = next;
  if (offset + 8 > message.length) throw new WireError('truncated OP_QUERY');
  const numberToSkip = message.readInt32LE(offset);
  const numberToReturn = message.readInt32LE(offset + 4);
  const { doc } = readBsonAt(message, offset + 8, message.length);
  return { fullCollectionName, numberToSkip, numberToReturn, query: doc };
}

let nextRequestId = 1;

function header(length: number, responseTo: number, opCode: number): Buffer {
  const head = Buffer.alloc(HEADER_SIZE);
  head.writeInt32LE(length, 0);
  head.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  head.writeInt32LE(responseTo, 8);
  head.writeInt32LE(opCode, 12);
  return head;
}

/** Encodes an OP_MSG reply with a single kind-0 section. */
export function encodeOpMsg(body: Document, responseTo: number, flagBits = 0): Buffer {
  const doc = BSON.serialize(body, { ignoreUndefined: false });
  const prefix = Buffer.alloc(5);
  prefix.writeUInt32LE(flagBits, 0);
  prefix[4] = 0;
  const length = HEADER_SIZE + prefix.length + doc.length;
  return Buffer.concat([header(length, responseTo, OP_MSG), prefix, doc]);
}

/** Encodes a legacy OP_REPLY carrying one document (the answer to an OP_QUERY handshake). */
export function encodeOpReply(doc: Document, responseTo: number): Buffer {
  const bytes = BSON.serialize(doc);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(0, 0); // responseFlags
  fields.writeBigInt64LE(0n, 4); // cursorID
  fields.writeInt32LE(0, 12); // startingFrom
  fields.writeInt32LE(1, 16); // numberReturned
  const length = HEADER_SIZE + fields.length + bytes.length;
  return Buffer.concat([header(length, responseTo, OP_REPLY), fields, bytes]);
}

/**
 * Minimal MongoDB wire-protocol framing for the protocol conformance tests: builds OP_MSG and
 * OP_QUERY messages by hand and reads one reply (or the socket closing) from a raw TCP socket,
 * so tests can send what no driver would.
 */
import { connect } from 'node:net';
import { BSON, type Document } from 'mongodb';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;

let nextRequestId = 1000;

/** A fresh request id for a hand-built message. */
export function requestId(): number {
  nextRequestId += 1;
  return nextRequestId;
}

/** The first host:port of a mongodb:// URI (credentials and options stripped). */
export function firstHost(uri: string): { host: string; port: number } {
  const match = /^mongodb:\/\/(?:[^@/]*@)?([^/?,]+)/.exec(uri);
  if (!match?.[1]) throw new Error(`cannot take a host from ${uri}`);
  const hostPort = match[1];
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1] ?? '', port: Number(bracketed[2] ?? 27017) };
  const [host, port] = hostPort.split(':');
  return { host: host ?? '127.0.0.1', port: Number(port ?? 27017) };
}

/** A 16-byte message header. */
export function header(length: number, id: number, opCode: number, responseTo = 0): Buffer {
  const buffer = Buffer.alloc(16);
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(id, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
  return buffer;
}

/** Frames a body behind a header whose length is correct. */
export function frame(id: number, opCode: number, body: Buffer): Buffer {
  return Buffer.concat([header(16 + body.length, id, opCode), body]);
}

/** A kind-1 document sequence section: identifier plus documents. */
export interface DocumentSequence {
  identifier: string;
  documents: Document[];
}

/** An OP_MSG with a kind-0 body and optional kind-1 document sequences. */
export function opMsg(id: number, body: Document, sequences: DocumentSequence[] = []): Buffer {
  const parts: Buffer[] = [Buffer.alloc(4), Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const sequence of sequences) {
    const name = Buffer.from(`${sequence.identifier}\0`, 'utf8');
    const docs = sequence.documents.map((d) => Buffer.from(BSON.serialize(d)));
    const size = Buffer.alloc(4);
    size.writeInt32LE(4 + name.length + docs.reduce((sum, d) => sum + d.length, 0));
    parts.push(Buffer.from([1]), size, name, ...docs);
  }
  return frame(id, OP_MSG, Buffer.concat(parts));
}

/** A legacy OP_QUERY against `<db>.$cmd`, as drivers send for the first hello/isMaster. */
export function opQuery(id: number, namespace: string, query: Document): Buffer {
  const flags = Buffer.alloc(4);
  const ns = Buffer.from(`${namespace}\0`, 'utf8');
  const skipReturn = Buffer.alloc(8);
  skipReturn.writeInt32LE(0, 0);
  skipReturn.writeInt32LE(-1, 4);
  return frame(id, OP_QUERY, Buffer.concat([flags, ns, skipReturn, Buffer.from(BSON.serialize(query))]));
}

/** One decoded reply: its header fields and its first document. */
export interface Reply {
  responseTo: number;
  opCode: number;
  document: Document;
}

/** What came back for a raw exchange: a reply, or the server closing the connection. */
export type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'closed' };

/** Decodes an OP_MSG or OP_REPLY message (the whole message, header included). */
export function decodeReply(message: Buffer): Reply {
  const responseTo = message.readInt32LE(8);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) {
    // flagBits (4) then a kind-0 section: kind byte, then the document.
    if (message[20] !== 0) throw new Error(`unexpected first section kind ${String(message[20])}`);
    return { responseTo, opCode, document: BSON.deserialize(message.subarray(21)) };
  }
  if (opCode === OP_REPLY) {
    // responseFlags (4), cursorID (8), startingFrom (4), numberReturned (4), documents.
    const numberReturned = message.readInt32LE(32);
    if (numberReturned < 1) throw new Error('OP_REPLY without documents');
    const docLength = message.readInt32LE(36);
    return { responseTo, opCode, document: BSON.deserialize(message.subarray(36, 36 + docLength)) };
  }
  throw new Error(`unexpected reply opCode ${opCode}`);
}

/**
 * Opens a raw socket, writes `bytes`, and resolves with the first complete reply or with
 * `closed` when the server hangs up (anything it sent that is not a whole message is ignored,
 * e.g. the plain-text answer a real mongod gives to HTTP). Rejects after `deadlineMs`.
 */
export function exchange(
  target: { host: string; port: number },
  bytes: Buffer,
  deadlineMs = 5000,
): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(target.port, target.host);
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: Outcome | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () => finish(new Error(`no reply and no close within ${deadlineMs} ms`)),
      deadlineMs,
    );
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 16) return;
      const length = received.readInt32LE(0);
      const opCode = received.readInt32LE(12);
      if (length < 16 || (opCode !== OP_MSG && opCode !== OP_REPLY)) return; // not a wire message; wait for close
      if (received.length < length) return;
      try {
        finish({ kind: 'reply', reply: decodeReply(received.subarray(0, length)) });
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.on('error', () => finish({ kind: 'closed' }));
    socket.on('close', () => finish({ kind: 'closed' }));
  });
}

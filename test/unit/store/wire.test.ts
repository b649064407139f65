import { expect } from 'chai';
import { BSON, Long } from 'bson';
import {
  MessageFramer,
  OP_MSG,
  OP_QUERY,
  WireError,
  encodeOpMsg,
  encodeOpReply,
  parseOpMsg,
  parseOpQuery,
  readHeader,
} from '../../../sandbox/store/wire.js';

/** Builds an OP_MSG with a body and optional kind-1 sequences, as a driver would. */
function opMsg(
  body: object,
  sequences: Array<[string, object[]]> = [],
  flagBits = 0,
  checksum = false,
): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const [id, docs] of sequences) {
    const payload = Buffer.concat([
      Buffer.from(`${id}\0`),
      ...docs.map((d) => Buffer.from(BSON.serialize(d))),
    ]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    parts.push(Buffer.from([1]), size, payload);
  }
  const flags = Buffer.alloc(4);
  flags.writeUInt32LE(flagBits | (checksum ? 1 : 0));
  const tail = checksum ? [Buffer.alloc(4)] : [];
  const content = Buffer.concat([flags, ...parts, ...tail]);
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + content.length, 0);
  header.writeInt32LE(7, 4);
  header.writeInt32LE(0, 8);
  header.writeInt32LE(OP_MSG, 12);
  return Buffer.concat([header, content]);
}

describe('store wire protocol', () => {
  describe('MessageFramer', () => {
    it('reassembles a message split across many TCP chunks', () => {
      const message = opMsg({ ping: 1, $db: 'admin' });
      const framer = new MessageFramer();
      const out: Buffer[] = [];
      for (let i = 0; i < message.length; i += 3) out.push(...framer.push(message.subarray(i, i + 3)));
      expect(out).to.have.length(1);
      expect(out[0]!.equals(message)).to.equal(true);
    });

    it('splits two messages that arrive in one chunk', () => {
      const a = opMsg({ ping: 1, $db: 'a' });
      const b = opMsg({ ping: 1, $db: 'b' });
      const out = new MessageFramer().push(Buffer.concat([a, b]));
      expect(out.map((m) => parseOpMsg(m).body['$db'])).to.deep.equal(['a', 'b']);
    });

    it('rejects a length below the header size or above the maximum message size', () => {
      const tooSmall = Buffer.alloc(16);
      tooSmall.writeInt32LE(8, 0);
      expect(() => new MessageFramer().push(tooSmall)).to.throw(WireError);
      const tooBig = Buffer.alloc(16);
      tooBig.writeInt32LE(48_000_001, 0);
      expect(() => new MessageFramer().push(tooBig)).to.throw(WireError);
    });
  });

  describe('OP_MSG', () => {
    it('merges kind-1 document sequences into the body under their identifier', () => {
      const message = opMsg({ insert: 'c', $db: 'd' }, [['documents', [{ a: 1 }, { a: 2 }]]]);
      const { body, moreToCome } = parseOpMsg(message);
      expect(body['documents']).to.deep.equal([{ a: 1 }, { a: 2 }]);
      expect(moreToCome).to.equal(false);
    });

    it('reads the moreToCome flag and ignores a trailing checksum', () => {
      const message = opMsg({ insert: 'c', $db: 'd' }, [['documents', [{ a: 1 }]]], 2, true);
      const request = parseOpMsg(message);
      expect(request.moreToCome).to.equal(true);
      expect(request.body['documents']).to.deep.equal([{ a: 1 }]);
    });

    it('keeps int64 values as Long and turns int32 into plain numbers', () => {
      const { body } = parseOpMsg(
        opMsg({ find: 'c', $db: 'd', filter: { big: Long.fromNumber(5), small: 5 } }),
      );
      expect(body['filter'].big).to.be.instanceOf(Long);
      expect(body['filter'].small).to.equal(5);
    });

    it('rejects unknown section kinds and unknown required flag bits', () => {
      const bad = opMsg({ ping: 1 });
      bad[20] = 7;
      expect(() => parseOpMsg(bad)).to.throw(WireError, /section kind 7/);
      expect(() => parseOpMsg(opMsg({ ping: 1 }, [], 1 << 4))).to.throw(WireError, /flag bits/);
    });

    it('encodes a reply that parses back with responseTo set', () => {
      const reply = encodeOpMsg({ ok: 1, n: 3 }, 42);
      expect(readHeader(reply)).to.include({ messageLength: reply.length, responseTo: 42, opCode: OP_MSG });
      expect(parseOpMsg(reply).body).to.deep.equal({ ok: 1, n: 3 });
    });
  });

  describe('legacy OP_QUERY / OP_REPLY', () => {
    it('parses the handshake query and answers with one OP_REPLY document', () => {
      const query = Buffer.from(BSON.serialize({ isMaster: 1, helloOk: true }));
      const ns = Buffer.from('admin.$cmd\0');
      const fields = Buffer.alloc(8);
      fields.writeInt32LE(0, 0);
      fields.writeInt32LE(-1, 4);
      const content = Buffer.concat([Buffer.alloc(4), ns, fields, query]);
      const header = Buffer.alloc(16);
      header.writeInt32LE(16 + content.length, 0);
      header.writeInt32LE(OP_QUERY, 12);
      const parsed = parseOpQuery(Buffer.concat([header, content]));
      expect(parsed.fullCollectionName).to.equal('admin.$cmd');
      expect(parsed.query).to.deep.equal({ isMaster: 1, helloOk: true });

      const reply = encodeOpReply({ ok: 1 }, 9);
      expect(readHeader(reply)).to.include({ responseTo: 9, opCode: 1 });
      expect(reply.readInt32LE(32)).to.equal(1);
      expect(BSON.deserialize(reply.subarray(36))).to.deep.equal({ ok: 1 });
    });
  });
});

/**
 * Conformance: the handshake (hello / legacy isMaster), admin commands (ping, buildInfo,
 * endSessions), unknown commands (ok 0, code 59 CommandNotFound), hand-built OP_MSG / OP_QUERY
 * messages, and malformed input: a bad client gets an error reply or a closed socket, and the
 * server keeps serving everyone else.
 */
import { expect } from 'chai';
import { MongoClient, type Document } from 'mongodb';
import { connect } from 'node:net';
import { testDatabaseUri, useDriver } from '../../support/database.js';
import { serverError } from './support/target.js';
import {
  OP_MSG,
  OP_QUERY,
  OP_REPLY,
  exchange,
  firstHost,
  frame,
  header,
  opMsg,
  opQuery,
  requestId,
  type Outcome,
} from './support/wire.js';

describe('store conformance: handshake, admin commands and the wire protocol', () => {
  const { db, client } = useDriver('protocol');
  const admin = () => client().db('admin');

  describe('handshake and admin commands', () => {
    it('answers hello as a writable standalone with the documented limits', async () => {
      const hello = await admin().command({ hello: 1 });
      expect(hello.ok).to.equal(1);
      expect(hello.isWritablePrimary).to.equal(true);
      expect(hello.maxBsonObjectSize).to.equal(16 * 1024 * 1024);
      expect(hello.maxMessageSizeBytes).to.equal(48_000_000);
      expect(hello.maxWriteBatchSize).to.equal(100_000);
      expect(hello.localTime).to.be.instanceOf(Date);
      expect(hello.minWireVersion).to.be.a('number');
      expect(hello.maxWireVersion)
        .to.be.a('number')
        .and.at.least(hello.minWireVersion as number);
      expect(hello.setName).to.equal(undefined);
      expect(hello.msg).to.not.equal('isdbgrid');
    });

    it('answers the legacy ismaster and isMaster commands', async () => {
      expect(await admin().command({ ismaster: 1 })).to.deep.include({ ok: 1, ismaster: true });
      expect(await admin().command({ isMaster: 1 })).to.deep.include({ ok: 1, ismaster: true });
    });

    it('answers ping', async () => {
      expect(await admin().command({ ping: 1 })).to.deep.include({ ok: 1 });
      expect(await db().command({ ping: 1 })).to.deep.include({ ok: 1 });
    });

    it('answers buildInfo with a version string and matching versionArray', async () => {
      const info = await admin().command({ buildInfo: 1 });
      expect(info.ok).to.equal(1);
      expect(info.version).to.match(/^\d+\.\d+\.\d+/);
      const numbers = (info.version as string).split(/[.-]/).slice(0, 3).map(Number);
      expect(info.versionArray).to.be.an('array');
      expect((info.versionArray as number[]).slice(0, 3)).to.deep.equal(numbers);
    });

    it('ends sessions with endSessions', async () => {
      const session = client().startSession();
      try {
        await db().collection('sessions').insertOne({ a: 1 }, { session });
        const id = session.id;
        expect(id).to.not.equal(undefined);
        const reply = await admin().command({ endSessions: [id] });
        expect(reply.ok).to.equal(1);
      } finally {
        await session.endSession();
      }
      expect(await db().collection('sessions').countDocuments()).to.equal(1);
    });

    it('answers an unknown command with ok 0 and CommandNotFound (59)', async () => {
      const error = await serverError(() => db().command({ nosuch: 1 }));
      expect(error.code).to.equal(59);
      expect(error.codeName).to.equal('CommandNotFound');
      expect(error.errorResponse.ok).to.equal(0);
      expect(error.errorResponse.errmsg).to.be.a('string').and.include('nosuch');
    });
  });

  describe('unacknowledged writes', () => {
    it('never answers a w:0 write (moreToCome), so the next reply on the connection is the right one', async () => {
      const single = new MongoClient(testDatabaseUri(), { serverSelectionTimeoutMS: 5000, maxPoolSize: 1 });
      try {
        await single.connect();
        const c = single.db(db().databaseName).collection('unacknowledged');
        for (let i = 0; i < 5; i += 1) {
          await c.insertOne({ i }, { writeConcern: { w: 0 } });
        }
        await c.updateOne({ i: 0 }, { $set: { touched: true } }, { writeConcern: { w: 0 } });
        // The pool has one connection: a stray reply to a w:0 write would be read as this answer.
        const docs = await c
          .find({}, { projection: { _id: 0 } })
          .sort({ i: 1 })
          .toArray();
        expect(docs).to.deep.equal([{ i: 0, touched: true }, { i: 1 }, { i: 2 }, { i: 3 }, { i: 4 }]);
        expect(await single.db('admin').command({ ping: 1 })).to.deep.include({ ok: 1 });
      } finally {
        await single.close();
      }
    });
  });

  describe('hand-built messages', () => {
    const target = () => firstHost(testDatabaseUri());

    const reply = (outcome: Outcome): Document & { opCode: number; responseTo: number } => {
      if (outcome.kind !== 'reply') throw new Error('the server closed the connection instead of replying');
      return {
        ...outcome.reply.document,
        opCode: outcome.reply.opCode,
        responseTo: outcome.reply.responseTo,
      };
    };

    it('answers an OP_MSG ping with an OP_MSG reply to the same request id', async () => {
      const id = requestId();
      const answer = reply(await exchange(target(), opMsg(id, { ping: 1, $db: 'admin' })));
      expect(answer.opCode).to.equal(OP_MSG);
      expect(answer.responseTo).to.equal(id);
      expect(answer.ok).to.equal(1);
    });

    it('accepts insert documents sent as an OP_MSG kind-1 document sequence', async () => {
      const id = requestId();
      const message = opMsg(id, { insert: 'sequenced', $db: db().databaseName }, [
        {
          identifier: 'documents',
          documents: [
            { _id: 1, via: 'kind-1' },
            { _id: 2, via: 'kind-1' },
          ],
        },
      ]);
      const answer = reply(await exchange(target(), message));
      expect(answer.ok).to.equal(1);
      expect(answer.n).to.equal(2);
      const stored = await db().collection('sequenced').find().sort({ _id: 1 }).toArray();
      expect(stored).to.deep.equal([
        { _id: 1, via: 'kind-1' },
        { _id: 2, via: 'kind-1' },
      ]);
    });

    it('answers a legacy OP_QUERY isMaster handshake with an OP_REPLY', async () => {
      const id = requestId();
      const answer = reply(await exchange(target(), opQuery(id, 'admin.$cmd', { isMaster: 1 })));
      expect(answer.opCode).to.equal(OP_REPLY);
      expect(answer.responseTo).to.equal(id);
      expect(answer.ok).to.equal(1);
      expect(answer.ismaster).to.equal(true);
      expect(answer.maxWireVersion).to.be.a('number');
    });
  });

  describe('malformed input', () => {
    const target = () => firstHost(testDatabaseUri());

    /** A fresh client must still connect and work, and so must the suite's long-lived one. */
    const othersStillServed = async () => {
      const fresh = new MongoClient(testDatabaseUri(), { serverSelectionTimeoutMS: 5000 });
      try {
        await fresh.connect();
        expect(await fresh.db('admin').command({ ping: 1 })).to.deep.include({ ok: 1 });
        const probe = fresh.db(db().databaseName).collection('after-garbage');
        await probe.insertOne({ fine: true });
        expect(await probe.countDocuments({ fine: true })).to.be.at.least(1);
      } finally {
        await fresh.close();
      }
      expect(await db().command({ ping: 1 })).to.deep.include({ ok: 1 });
    };

    /**
     * A closed socket, or an error reply: OP_MSG replies carry ok 0, errmsg and code; a legacy
     * OP_REPLY may instead carry the older `$err` field.
     */
    const expectErrorOrClose = (outcome: Outcome) => {
      if (outcome.kind === 'closed') return;
      const document = outcome.reply.document;
      if (outcome.reply.opCode === OP_REPLY && typeof document.$err === 'string') return;
      expect(document.ok).to.equal(0);
      expect(document.errmsg).to.be.a('string');
      expect(document.code).to.be.a('number');
    };

    const corruptBson = Buffer.from([12, 0, 0, 0, 0x02, 0x61, 0, 0xff, 0xff, 0xff, 0x7f, 0]);
    const garbage: Array<[string, () => Buffer]> = [
      ['an HTTP request on the wire port', () => Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n')],
      [
        'a header whose length is below 16',
        () => Buffer.concat([header(8, requestId(), OP_MSG), Buffer.alloc(4)]),
      ],
      ['a header announcing a message over the size limit', () => header(100_000_000, requestId(), OP_MSG)],
      ['an OP_MSG with no sections', () => frame(requestId(), OP_MSG, Buffer.alloc(4))],
      [
        'an OP_MSG whose body is corrupt BSON',
        () => frame(requestId(), OP_MSG, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), corruptBson])),
      ],
      [
        'an OP_MSG with an unknown section kind',
        () =>
          frame(
            requestId(),
            OP_MSG,
            Buffer.concat([Buffer.alloc(4), Buffer.from([7]), Buffer.from(corruptBson)]),
          ),
      ],
      ['an unknown opCode', () => frame(requestId(), 4242, Buffer.from('not a real operation'))],
      [
        'an OP_QUERY with a truncated query document',
        () =>
          frame(
            requestId(),
            OP_QUERY,
            Buffer.concat([
              Buffer.alloc(4),
              Buffer.from('admin.$cmd\0'),
              Buffer.alloc(8),
              corruptBson.subarray(0, 6),
            ]),
          ),
      ],
      [
        'deterministic noise',
        () => {
          const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256));
          noise.writeInt32LE(64, 0);
          return noise;
        },
      ],
    ];

    for (const [name, bytes] of garbage) {
      it(`answers ${name} with an error reply or a closed socket, and keeps serving others`, async () => {
        expectErrorOrClose(await exchange(target(), bytes()));
        await othersStillServed();
      });
    }

    it('survives a client that hangs up in the middle of a message', async () => {
      const { host, port } = target();
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, host, () => {
          const full = opMsg(requestId(), { ping: 1, $db: 'admin' });
          socket.end(full.subarray(0, full.length - 5), () => resolve());
        });
        socket.on('error', reject);
      });
      await othersStillServed();
    });

    it('answers a command with a wrongly typed field with ok 0', async () => {
      const typed = await serverError(() => db().command({ find: 'x', filter: 'not a document' }));
      expect(typed.code).to.be.a('number');
      expect(typed.errorResponse.ok).to.equal(0);
      await othersStillServed();
    });
  });
});

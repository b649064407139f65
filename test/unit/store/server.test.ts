import { expect } from 'chai';
import net from 'node:net';
import { BSON } from 'bson';
import { startEmbeddedStore, type EmbeddedStore } from '../../../sandbox/store/index.js';
import { parsePort } from '../../../sandbox/store/cli-args.js';
import { MessageFramer, encodeOpMsg, parseOpMsg } from '../../../sandbox/store/wire.js';

/** Sends raw bytes and resolves with the first reply body (or null when the server closes the socket). */
function exchange(port: number, bytes: Buffer): Promise<Record<string, unknown> | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const framer = new MessageFramer();
    socket.on('data', (chunk) => {
      const [message] = framer.push(chunk);
      if (message) {
        socket.destroy();
        resolve(parseOpMsg(message).body);
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

describe('store server isolation', () => {
  let store: EmbeddedStore;
  before(async () => {
    store = await startEmbeddedStore({ port: 0 });
  });
  after(async () => {
    await store.stop();
  });

  it('answers an unknown command with CommandNotFound (59)', async () => {
    const reply = await exchange(store.port, encodeOpMsg({ frobnicate: 1, $db: 'admin' }, 0));
    expect(reply).to.include({ ok: 0, code: 59, codeName: 'CommandNotFound' });
  });

  it('answers a transaction with IllegalOperation (20) as a standalone mongod does', async () => {
    const reply = await exchange(
      store.port,
      encodeOpMsg({ insert: 'c', documents: [{}], txnNumber: 1, startTransaction: true, $db: 'd' }, 0),
    );
    expect(reply).to.include({ ok: 0, code: 20 });
  });

  it('survives garbage and a corrupt document while other clients keep working', async () => {
    const garbage = Buffer.alloc(32, 0xff);
    const corrupt = encodeOpMsg({ ping: 1, $db: 'admin' }, 0);
    corrupt.writeInt32LE(1_000, 21); // BSON length far beyond the message
    const [first, second] = await Promise.all([exchange(store.port, garbage), exchange(store.port, corrupt)]);
    expect(first === null || first['ok'] === 0).to.equal(true);
    expect(second).to.include({ ok: 0 });
    const ping = await exchange(store.port, encodeOpMsg({ ping: 1, $db: 'admin' }, 0));
    expect(ping).to.deep.equal({ ok: 1 });
  });

  it('requires $db on OP_MSG commands', async () => {
    const reply = await exchange(store.port, encodeOpMsg({ ping: 1 }, 0));
    expect(reply).to.include({ ok: 0, code: 40571 });
    expect(BSON.calculateObjectSize(reply!)).to.be.greaterThan(0);
  });
});

describe('npm run db arguments', () => {
  it('reads the port from a bare number, --port, --port= or PORT, defaulting to 27017', () => {
    expect(parsePort(['27018'], {})).to.equal(27018);
    expect(parsePort(['--port', '27019'], {})).to.equal(27019);
    expect(parsePort(['--port=0'], {})).to.equal(0);
    expect(parsePort([], { PORT: '28000' })).to.equal(28000);
    expect(parsePort([], {})).to.equal(27017);
    expect(() => parsePort(['--port', 'x'], {})).to.throw(/invalid port/);
  });
});

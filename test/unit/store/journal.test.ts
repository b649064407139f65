import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BSON } from 'bson';
import { expect } from 'chai';
import { silentLogger } from '../../../shared/logger.js';
import { encodeFrame, scanFrames, splitDocuments } from '../../../sandbox/store/persistence/frame.js';
import { Journal, createJournalFile } from '../../../sandbox/store/persistence/journal.js';
import { journalPath } from '../../../sandbox/store/persistence/data-dir.js';
import { decodeChange } from '../../../sandbox/store/persistence/change-codec.js';
import { CursorManager } from '../../../sandbox/store/cursors.js';
import { Dispatcher } from '../../../sandbox/store/dispatcher.js';
import { StoreError } from '../../../sandbox/store/errors.js';
import { Catalog } from '../../../sandbox/store/storage/catalog.js';
import { COMMANDS } from '../../../sandbox/store/store.js';

const doc = (n: number): Buffer => Buffer.from(BSON.serialize({ n }));

describe('store journal frames', () => {
  const frames = [encodeFrame([doc(1)]), encodeFrame([doc(2), doc(3)]), encodeFrame([doc(4)])];
  const three = Buffer.concat(frames);

  it('reads back every intact frame and the documents inside', () => {
    const scan = scanFrames(three);
    expect(scan.damage).to.equal(undefined);
    expect(scan.validBytes).to.equal(three.length);
    expect(scan.payloads.map((p) => splitDocuments(p).length)).to.deep.equal([1, 2, 1]);
  });

  it('stops at a frame cut short and reports it as a torn end', () => {
    const scan = scanFrames(three.subarray(0, three.length - 2));
    expect(scan.payloads).to.have.length(2);
    expect(scan.damage).to.deep.equal({
      offset: frames[0]!.length + frames[1]!.length,
      intactFrameFollows: false,
    });
  });

  it('tells damage in the middle (an intact frame follows) from a torn end', () => {
    const damaged = Buffer.from(three);
    damaged[13] = damaged[13]! ^ 0xff; // first frame's payload
    const scan = scanFrames(damaged);
    expect(scan.payloads).to.have.length(0);
    expect(scan.damage).to.deep.equal({ offset: 0, intactFrameFollows: true });
  });
});

describe('store journal group commit', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tsunagu-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('releases a held reply only once its record is in the file', async () => {
    const journal = new Journal(dir, silentLogger());
    journal.switchTo(await createJournalFile(dir, 0));
    journal.record({ op: 'dropDatabase', db: 'a' });
    journal.commit();
    const onDisk = await new Promise<Buffer>((resolve, reject) =>
      journal.hold(() => void readFile(journalPath(dir, 0)).then(resolve), reject),
    );
    const changes = scanFrames(onDisk).payloads.flatMap(splitDocuments).map(decodeChange);
    expect(changes.map((c) => c['op'])).to.deep.equal(['journal', 'dropDatabase']);
    await journal.close();
  });

  it('writes the commands of one turn of the event loop with a single flush, one record each', async () => {
    const flushes: number[] = [];
    const journal = new Journal(dir, silentLogger(), (bytes) => flushes.push(bytes));
    journal.switchTo(await createJournalFile(dir, 0));
    await journal.drain();
    flushes.length = 0;
    const released: number[] = [];
    for (let i = 0; i < 50; i++) {
      journal.record({ op: 'dropDatabase', db: `db${i}` });
      journal.record({ op: 'dropDatabase', db: `again${i}` });
      journal.commit();
      journal.hold(
        () => released.push(i),
        () => undefined,
      );
    }
    expect(released).to.deep.equal([]);
    await journal.drain();
    expect(released).to.have.length(50);
    expect(flushes).to.have.length(1);
    const scan = scanFrames(await readFile(journalPath(dir, 0)));
    expect(scan.payloads.slice(1).map((p) => splitDocuments(p).length)).to.deep.equal(Array(50).fill(2));
    await journal.close();
  });

  it('answers at once when nothing is waiting to be written', async () => {
    const journal = new Journal(dir, silentLogger());
    journal.switchTo(await createJournalFile(dir, 0));
    await journal.drain();
    let answered = false;
    journal.hold(
      () => (answered = true),
      () => undefined,
    );
    expect(answered).to.equal(true);
    await journal.close();
  });

  it('GIVEN the disk refuses a write THEN fails the waiting reply and refuses later ones', async () => {
    const journal = new Journal(dir, silentLogger());
    const file = await createJournalFile(dir, 0);
    journal.switchTo(file);
    await journal.drain();
    await file.handle.close(); // the next write gets EBADF, as a vanished disk would answer
    journal.record({ op: 'dropDatabase', db: 'a' });
    const failure = await new Promise<StoreError>((resolve) => journal.hold(() => undefined, resolve));
    expect(failure.code).to.equal(1);
    expect(failure.message).to.match(/could not write its journal/);
    expect(journal.failure).to.equal(failure);
  });
});

describe('store dispatcher after a journal failure', () => {
  it('refuses commands with the failure but still answers the handshake', () => {
    const failure = new StoreError(1, 'the embedded store could not write its journal');
    const state = {
      catalog: new Catalog(),
      cursors: new CursorManager(),
      logger: silentLogger(),
      startedAt: new Date(),
      durability: { commit: () => undefined, failure },
    };
    const dispatcher = new Dispatcher(state, COMMANDS);
    expect(dispatcher.run({ find: 'people', $db: 'club' }, 1)).to.include({ ok: 0, code: 1 });
    expect(dispatcher.run({ hello: 1, $db: 'admin' }, 1)).to.include({ ok: 1 });
  });
});

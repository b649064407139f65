/**
 * The append-only journal with group commit.
 *
 * Storage reports each change as it happens (`record`); at the end of every command the dispatcher calls
 * `commit`, which seals that command's changes into ONE checksummed frame, so a command is replayed whole or not
 * at all (a renameCollection never comes back half done). Sealed frames wait in a queue; one flusher writes
 * everything queued so far with a single write + fdatasync, then releases the replies that were waiting for it.
 * While one fdatasync is in flight, later commands queue up and share the next one: that is group commit, and
 * why concurrent clients pay far less than one fsync per write.
 *
 * Durability guarantee: the server sends no reply before everything appended up to that moment is on disk
 * (`hold`). So every acknowledged write survives `kill -9` or a power cut, and no client ever observes a state
 * (even through a read) that a crash could take back. Changes made outside commands (TTL sweeps) are committed
 * too; losing one only means it is swept again.
 */
import { promises as fs } from 'node:fs';
import type { Logger } from '../../../shared/logger.js';
import { ErrorCodes, StoreError } from '../errors.js';
import type { Change, ChangeSink } from '../storage/changes.js';
import { encodeChange, fileHeader } from './change-codec.js';
import { journalPath, syncDirectory } from './data-dir.js';
import { encodeFrame } from './frame.js';

export interface JournalFile {
  handle: fs.FileHandle;
  generation: number;
  /** Bytes written and synced so far. */
  bytes: number;
  /** Whether the file's directory entry is known to be on disk. */
  entrySynced: boolean;
}

/** Creates the journal file of a generation (never reusing an existing one). */
export async function createJournalFile(dir: string, generation: number): Promise<JournalFile> {
  const handle = await fs.open(journalPath(dir, generation), 'wx');
  return { handle, generation, bytes: 0, entrySynced: false };
}

type QueueItem =
  | { kind: 'write'; file: JournalFile; chunks: Buffer[]; seq: number }
  | { kind: 'task'; run: () => Promise<void> };

interface Waiter {
  seq: number;
  onDurable: () => void;
  onFailed: (failure: StoreError) => void;
}

export class Journal implements ChangeSink {
  private file: JournalFile | undefined;
  private pending: Buffer[] = [];
  private readonly queue: QueueItem[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly idle: Array<() => void> = [];
  /** Sequence number of the last sealed frame, and of the last one known to be on disk. */
  private appended = 0;
  private durable = 0;
  private flushing = false;
  /** Set when the disk refused a write; the store then refuses every command (see Dispatcher). */
  failure: StoreError | undefined;

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    /** Called after each flush with the size of the current journal file (drives compaction). */
    private readonly onFlushed: (journalBytes: number) => void = () => undefined,
  ) {}

  record(change: Change): void {
    if (!this.failure) this.pending.push(encodeChange(change));
  }

  /** Seals the changes recorded since the last call into one record. */
  commit(): void {
    if (this.pending.length === 0) return;
    const frame = encodeFrame(this.pending);
    this.pending = [];
    this.appended += 1;
    this.enqueue(frame, this.appended);
  }

  /**
   * Sends later records to `file` (compaction starts a new generation). Records sealed before the switch still go
   * to the previous file, which is closed once they are on disk.
   */
  switchTo(file: JournalFile): void {
    this.commit();
    const previous = this.file;
    this.file = file;
    this.enqueue(encodeFrame([encodeChange(fileHeader('journal', file.generation))]), this.appended);
    if (previous) this.queue.push({ kind: 'task', run: () => previous.handle.close() });
  }

  /** Calls `onDurable` once everything appended so far is on disk (at once when it already is). */
  hold(onDurable: () => void, onFailed: (failure: StoreError) => void): void {
    this.commit();
    if (this.failure) return onFailed(this.failure);
    if (this.durable >= this.appended) return onDurable();
    this.waiters.push({ seq: this.appended, onDurable, onFailed });
  }

  /** Resolves when everything appended so far has been written (or the journal has failed). */
  async drain(): Promise<void> {
    this.commit();
    if (this.flushing) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  /** Drains and closes the current file. */
  async close(): Promise<void> {
    await this.drain();
    await this.file?.handle.close();
    this.file = undefined;
  }

  private enqueue(frame: Buffer, seq: number): void {
    const last = this.queue.at(-1);
    if (last?.kind === 'write' && last.file === this.file) {
      last.chunks.push(frame);
      last.seq = seq;
    } else {
      this.queue.push({ kind: 'write', file: this.file!, chunks: [frame], seq });
    }
    if (this.flushing) return;
    this.flushing = true;
    // setImmediate, not now: every command of the current I/O turn joins this flush (group commit).
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0 && !this.failure) {
      const item = this.queue.shift()!;
      if (item.kind === 'task') {
        await item
          .run()
          .catch((error: unknown) => this.logger.warn({ err: error }, 'embedded store journal task failed'));
        continue;
      }
      try {
        await this.write(item.file, Buffer.concat(item.chunks));
      } catch (error) {
        this.fail(error);
        break;
      }
      this.durable = Math.max(this.durable, item.seq);
      while (this.waiters.length > 0 && this.waiters[0]!.seq <= this.durable)
        this.waiters.shift()!.onDurable();
      this.onFlushed(item.file.bytes);
    }
    this.flushing = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async write(file: JournalFile, data: Buffer): Promise<void> {
    for (let written = 0; written < data.length;) {
      const { bytesWritten } = await file.handle.write(data, written, data.length - written, null);
      written += bytesWritten;
    }
    // fdatasync also persists the new file length, which is all an append changes besides the data.
    await file.handle.datasync();
    file.bytes += data.length;
    if (!file.entrySynced) {
      await syncDirectory(this.dir);
      file.entrySynced = true;
    }
  }

  private fail(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.failure = new StoreError(
      ErrorCodes.InternalError,
      `the embedded store could not write its journal in ${this.dir} (${reason}); it refuses every command ` +
        'until it is restarted, and every write acknowledged before this is on disk',
    );
    this.logger.error({ err: error, dataDir: this.dir }, 'embedded store journal write failed');
    this.queue.length = 0;
    for (const waiter of this.waiters.splice(0)) waiter.onFailed(this.failure);
  }
}

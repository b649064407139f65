/**
 * Persistence of the embedded store, switched on by `dataDir`. Layout of the directory:
 *
 *   LOCK                    pid of the store using it (a second store on the same directory is refused)
 *   snapshot-<gen>.bson     the whole catalog as it was when generation <gen> began
 *   journal-<gen>.log       every change after that, one checksummed frame per command (journal.ts)
 *
 * Loading reads the newest snapshot, then replays every journal of that generation or later, in order.
 * Compaction (when the journal outgrows both `compactAfterBytes` and the last snapshot, and at start-up after a
 * replay) opens journal <gen+1>, captures the catalog in the same synchronous step, writes snapshot <gen+1>
 * (write, fsync, rename, fsync the directory) and only then deletes the files of older generations. A crash at
 * any point leaves either the old snapshot with all the journals that follow it, or the new snapshot: both load
 * to the same state.
 *
 * Why a journal plus snapshots rather than rewriting one file per write: appends with one fdatasync per group
 * of commands keep writes cheap, the checksums make a torn last record detectable, and compaction bounds both
 * the disk used and the start-up replay. Reads never touch the disk: the catalog stays in memory.
 */
import type { Logger } from '../../../shared/logger.js';
import type { Catalog } from '../storage/catalog.js';
import { ensureDataDir, lockDataDir, removeBelow, resetDataDir, scanDataDir } from './data-dir.js';
import { Journal, createJournalFile } from './journal.js';
import { replayJournal } from './replay.js';
import { captureCatalog, loadSnapshot, writeSnapshot } from './snapshot.js';

export interface PersistenceOptions {
  dataDir: string;
  /** Start empty: delete the store's files in `dataDir` first. */
  reset: boolean;
  /** The journal is compacted into a snapshot once it is larger than this and than the last snapshot. */
  compactAfterBytes: number;
  logger: Logger;
}

const RETRY_COMPACTION_MS = 60_000;

export class Persistence {
  readonly journal: Journal;
  private generation = 0;
  private snapshotBytes = 0;
  private compacting: Promise<void> | undefined;
  private retryAfter = 0;
  private closing = false;

  private constructor(
    private readonly catalog: Catalog,
    private readonly options: PersistenceOptions,
    private readonly unlock: () => Promise<void>,
  ) {
    this.journal = new Journal(options.dataDir, options.logger, (bytes) => this.compactIfDue(bytes));
  }

  /** Loads `dataDir` into the (empty) catalog, then journals every later change of it. */
  static async open(catalog: Catalog, options: PersistenceOptions): Promise<Persistence> {
    await ensureDataDir(options.dataDir);
    const unlock = await lockDataDir(options.dataDir);
    const persistence = new Persistence(catalog, options, unlock);
    try {
      if (options.reset) await resetDataDir(options.dataDir);
      await persistence.load();
      catalog.observe(persistence.journal);
      return persistence;
    } catch (error) {
      await persistence.journal.close().catch(() => undefined);
      await unlock();
      throw error;
    }
  }

  private async load(): Promise<void> {
    const { dataDir: dir, logger } = this.options;
    const files = await scanDataDir(dir);
    const base = files.snapshots.at(-1);
    if (base === undefined && files.journals.length > 0 && files.journals[0] !== 0) {
      throw new Error(`${dir} holds journals from generation ${files.journals[0]} on but no snapshot`);
    }
    if (base !== undefined) this.snapshotBytes = await loadSnapshot(dir, base, this.catalog);
    const journals = files.journals.filter((g) => g >= (base ?? 0));
    let replayed = 0;
    let dropped = 0;
    for (const [i, generation] of journals.entries()) {
      const result = await replayJournal(dir, generation, {
        catalog: this.catalog,
        logger,
        last: i === journals.length - 1,
      });
      replayed += result.records;
      dropped += result.droppedBytes;
    }
    logger.info(
      { dataDir: dir, snapshot: base ?? null, records: replayed },
      'embedded store loaded its data',
    );
    const newest = Math.max(base ?? 0, ...files.journals);
    if (replayed > 0 || dropped > 0 || journals.length > 1) {
      // Fold the replay into a snapshot: the next start reads one file, and no append ever follows a torn record.
      this.compacting = this.startGeneration(newest + 1);
      await this.compacting.finally(() => (this.compacting = undefined));
      return;
    }
    // Nothing to fold in: the journals are empty, so start the base generation's journal afresh.
    this.generation = base ?? 0;
    await removeBelow(dir, { snapshots: files.snapshots, journals: [] }, this.generation);
    await removeBelow(dir, { snapshots: [], journals: files.journals }, Infinity);
    this.journal.switchTo(await createJournalFile(dir, this.generation));
  }

  /** Opens journal `generation` and writes the snapshot it starts from; then drops older generations. */
  private async startGeneration(generation: number): Promise<void> {
    const dir = this.options.dataDir;
    const file = await createJournalFile(dir, generation);
    // Switch and capture in one synchronous step: the snapshot holds exactly what older journals hold.
    this.journal.switchTo(file);
    this.generation = generation;
    const image = captureCatalog(this.catalog);
    this.snapshotBytes = await writeSnapshot(dir, generation, image);
    await removeBelow(dir, await scanDataDir(dir), generation);
  }

  private compactIfDue(journalBytes: number): void {
    const threshold = Math.max(this.options.compactAfterBytes, this.snapshotBytes);
    if (this.compacting || this.closing || journalBytes < threshold || Date.now() < this.retryAfter) return;
    this.compacting = this.startGeneration(this.generation + 1)
      .catch((error: unknown) => {
        // The previous generation's files are all still there, so nothing is lost; try again later.
        this.retryAfter = Date.now() + RETRY_COMPACTION_MS;
        this.options.logger.warn(
          { err: error, dataDir: this.options.dataDir },
          'embedded store compaction failed',
        );
      })
      .finally(() => (this.compacting = undefined));
  }

  /** Waits for a compaction in progress, writes what is queued, closes the journal and releases the lock. */
  async close(): Promise<void> {
    this.closing = true;
    await this.compacting;
    await this.journal.close();
    await this.unlock();
  }
}

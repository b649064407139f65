/**
 * Replaying journals at start-up. A record cut short at the end of the last journal (the process died while
 * writing it, so it was never acknowledged) is dropped with a warning. Damage followed by intact records looks
 * like a bad disk rather than a torn write: those records are dropped too (they cannot be ordered safely), but
 * the file is kept beside the store as `*.damaged` for a person to look at.
 */
import { promises as fs } from 'node:fs';
import type { Logger } from '../../../shared/logger.js';
import type { Catalog } from '../storage/catalog.js';
import { applyChange, checkHeader, decodeChange } from './change-codec.js';
import { journalPath } from './data-dir.js';
import { scanFrames, splitDocuments } from './frame.js';

export interface ReplayResult {
  /** Records (commands) applied. */
  records: number;
  /** Bytes dropped from the end of the file. */
  droppedBytes: number;
}

/**
 * Applies one journal's intact records to the catalog. Only the last journal may end badly: an earlier one was
 * completely on disk before its successor got its first byte, so damage there means the disk lost data.
 */
export async function replayJournal(
  dir: string,
  generation: number,
  options: { catalog: Catalog; logger: Logger; last: boolean },
): Promise<ReplayResult> {
  const { catalog, logger } = options;
  const file = journalPath(dir, generation);
  const data = await fs.readFile(file);
  const scan = scanFrames(data);
  if (scan.damage && !options.last) {
    throw new Error(
      `journal ${file} is damaged at byte ${scan.damage.offset}, and later journals depend on it`,
    );
  }
  const [header, ...records] = scan.payloads;
  if (header) checkHeader(decodeChange(splitDocuments(header)[0]!), 'journal', file);
  for (const [index, payload] of records.entries()) {
    try {
      for (const bytes of splitDocuments(payload)) applyChange(catalog, decodeChange(bytes));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`journal ${file}, record ${index + 1}, cannot be replayed: ${reason}`, {
        cause: error,
      });
    }
  }
  const droppedBytes = data.length - scan.validBytes;
  if (scan.damage?.intactFrameFollows) {
    await fs.copyFile(file, `${file}.damaged`);
    logger.error(
      { file, offset: scan.damage.offset, droppedBytes, keptAs: `${file}.damaged` },
      'embedded store journal is damaged in the middle; records from the damage on were dropped',
    );
  } else if (scan.damage) {
    logger.warn(
      { file, offset: scan.damage.offset, droppedBytes },
      'embedded store dropped a journal record cut short by a crash (it was never acknowledged)',
    );
  }
  return { records: records.length, droppedBytes };
}

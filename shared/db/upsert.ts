/** Helpers for writes that may race with another writer of the same document. */

/** True for MongoDB's duplicate key error (E11000). */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/**
 * Runs an upsert, and once more if it lost a race to insert the same unique key: the second run
 * finds the document the other writer inserted and updates it.
 */
export async function upsertWithRetry<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return write();
  }
}

import type { Logger } from '../../shared/logger.js';

/**
 * Runs a side step whose failure must not stop the flow (a role grant, a courtesy DM): a failure
 * is logged as a warning saying what could not be done, never thrown.
 */
export async function bestEffort(log: Logger, what: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    log.warn({ err: error }, `could not ${what}`);
  }
}

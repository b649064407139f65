/**
 * Assembles the embedded MongoDB-compatible store: catalog (loaded from and journalled to a data directory when
 * one is given), cursors, command table, wire server and the periodic TTL / idle-cursor sweeps.
 */
import type { Logger } from '../../shared/logger.js';
import { adminCommands } from './commands/admin.js';
import { aggregateCommands } from './commands/aggregate.js';
import type { CommandHandler, StoreState } from './commands/context.js';
import { findAndModifyCommands } from './commands/find-and-modify.js';
import { handshakeCommands } from './commands/handshake.js';
import { indexCommands } from './commands/indexes.js';
import { readCommands } from './commands/read.js';
import { writeCommands } from './commands/write.js';
import { CursorManager } from './cursors.js';
import { Dispatcher } from './dispatcher.js';
import { Persistence, type PersistenceOptions } from './persistence/persistence.js';
import { WireServer } from './server.js';
import { Catalog } from './storage/catalog.js';
import { sweepExpired } from './ttl.js';

export const COMMANDS: Record<string, CommandHandler> = {
  ...handshakeCommands,
  ...readCommands,
  ...writeCommands,
  ...findAndModifyCommands,
  ...aggregateCommands,
  ...adminCommands,
  ...indexCommands,
};

export interface RunningStore {
  port: number;
  state: StoreState;
  close(): Promise<void>;
}

/** Starts the store's server and sweeps (after loading the data directory, when there is one). */
export async function runStore(options: {
  port: number;
  host: string;
  ttlSweepMs: number;
  logger: Logger;
  persistence?: Omit<PersistenceOptions, 'logger'> | undefined;
}): Promise<RunningStore> {
  const catalog = new Catalog();
  const persistence = options.persistence
    ? await Persistence.open(catalog, { ...options.persistence, logger: options.logger })
    : undefined;
  const state: StoreState = {
    catalog,
    cursors: new CursorManager(),
    logger: options.logger,
    startedAt: new Date(),
    durability: persistence?.journal,
  };
  const server = new WireServer(new Dispatcher(state, COMMANDS), options.logger, persistence?.journal);
  let port: number;
  try {
    port = await server.listen(options.port, options.host);
  } catch (error) {
    await persistence?.close();
    throw error;
  }
  const ttlTimer = setInterval(() => {
    const removed = sweepExpired(state.catalog);
    persistence?.journal.commit();
    if (removed) options.logger.debug({ removed }, 'embedded store TTL sweep removed expired documents');
  }, options.ttlSweepMs);
  const cursorTimer = setInterval(() => state.cursors.reap(), 60_000);
  // Timers must never keep a test run or a CLI alive on their own.
  ttlTimer.unref();
  cursorTimer.unref();
  return {
    port,
    state,
    close: async () => {
      clearInterval(ttlTimer);
      clearInterval(cursorTimer);
      // Replies still waiting for their fsync go out before the sockets close.
      await persistence?.journal.drain();
      await server.close();
      await persistence?.close();
    },
  };
}

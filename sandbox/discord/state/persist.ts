/**
 * Keeps an emulator's state across restarts (`startDiscordEmulator({ dataDir })`): guilds with their
 * roles, members, voice states and scheduled events, users, channels, messages, invites, uploads,
 * OAuth2 codes and tokens, registered commands, the application's identity and bot token, and the
 * snowflake counter. A snapshot is saved shortly after changes (every dispatch and every API or
 * control-API call that is not a read marks the state changed) and when the emulator stops.
 *
 * What is saved is chosen by PART, not by field: all of `state.data` and every record in it, and
 * the side stores listed in `persistedParts`, are encoded generically (persist-codec.ts), so a new
 * Map in `state.data`, a new field on a record or a new Map inside a guild is saved without
 * touching this file. Deliberately NOT saved, as Discord itself does not keep them: gateway sessions
 * (a client identifies again), interactions and their ephemeral replies (Discord drops ephemeral
 * messages when the client reloads), rate-limit windows, the test clock's offset.
 */
import type { Logger } from '../../../shared/logger.js';
import { oauth2Of } from '../oauth2.js';
import { commandsOf } from '../rest/applications.js';
import { continueSnowflakesAfter, lastSnowflake } from '../snowflake.js';
import { decodeState, encodeState, restoreInto } from './persist-codec.js';
import { lockDataDir, prepareDataDir, readSnapshot, writeSnapshot } from './persist-file.js';
import type { DiscordState } from './state.js';

/** Who the emulator is: kept so the bot's token, the OAuth2 client and every id stay the same. */
export interface EmulatorIdentity {
  botUserId: string;
  ownerId: string;
  applicationId: string;
  clientSecret: string;
  verifyKey: string;
  botToken: string;
}

/** The live objects a snapshot is made of, by name; restoring fills the same objects in place. */
export function persistedParts(state: DiscordState): Record<string, Record<string, unknown>> {
  return {
    data: state.data,
    commands: commandsOf(state) as unknown as Record<string, unknown>,
    oauth2: oauth2Of(state) as unknown as Record<string, unknown>,
  };
}

/** The whole saved image as JSON text (taken in one synchronous step: a consistent point in time). */
export function snapshotText(state: DiscordState, identity: EmulatorIdentity): string {
  return JSON.stringify(encodeState({ identity, snowflake: lastSnowflake(), parts: persistedParts(state) }));
}

/** Restores a snapshot into a fresh state; returns the saved identity. */
export function restoreSnapshot(state: DiscordState, text: string): EmulatorIdentity {
  const saved = decodeState(JSON.parse(text)) as {
    identity: EmulatorIdentity;
    snowflake: string;
    parts: Record<string, Record<string, unknown>>;
  };
  continueSnowflakesAfter(saved.snowflake);
  const parts = persistedParts(state);
  for (const [name, value] of Object.entries(saved.parts)) {
    const target = parts[name];
    // A part the code no longer has is dropped; one it gained since starts empty.
    if (target) restoreInto(target, value);
  }
  state.botUserId = saved.identity.botUserId;
  return saved.identity;
}

export interface PersistenceOptions {
  dataDir: string;
  /** Start empty, deleting the emulator's snapshot in `dataDir` first. */
  reset?: boolean;
  /**
   * How long after a change the snapshot is written (changes in between go into the same write).
   * Default 1 s: saving a big guild (5 MB, 5,000 messages) holds the event loop ~100 ms.
   */
  delayMs?: number;
  logger: Logger;
}

/** The data directory of one running emulator: the loaded snapshot, then debounced saves. */
export class EmulatorPersistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;
  private closed = false;
  private source: { state: DiscordState; identity: EmulatorIdentity } | undefined;

  private constructor(
    private readonly options: PersistenceOptions,
    private readonly unlock: () => Promise<void>,
    /** The snapshot found at open (undefined: a fresh directory, or `reset`). */
    readonly saved: string | undefined,
  ) {}

  /** Locks the directory and reads its snapshot (if any). */
  static async open(options: PersistenceOptions): Promise<EmulatorPersistence> {
    await prepareDataDir(options.dataDir, { reset: false });
    const unlock = await lockDataDir(options.dataDir);
    try {
      if (options.reset) await prepareDataDir(options.dataDir, { reset: true });
      return new EmulatorPersistence(options, unlock, await readSnapshot(options.dataDir));
    } catch (error) {
      await unlock();
      throw error;
    }
  }

  /** Starts saving `state` (after it has been restored or built); writes a first snapshot at once. */
  attach(state: DiscordState, identity: EmulatorIdentity): void {
    this.source = { state, identity };
    state.onDispatch(() => this.changed());
    this.changed();
  }

  /** Marks the state changed: a snapshot follows within `delayMs`. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'Discord emulator: could not save its state'),
      );
    }, this.options.delayMs ?? 1_000).unref();
  }

  /** Writes the snapshot now if anything changed; resolves once it is on disk. */
  async flush(): Promise<void> {
    const run = this.writing.then(async () => {
      if (!this.dirty || !this.source) return;
      this.dirty = false;
      const text = snapshotText(this.source.state, this.source.identity);
      try {
        await writeSnapshot(this.options.dataDir, text);
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    });
    // One write at a time, in order; a failed write leaves the next one free to run.
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Saves what is left and releases the directory. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
    this.closed = true;
    await this.unlock();
  }
}

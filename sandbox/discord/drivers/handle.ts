/** `InteractionHandle`: what a test holds after acting, to wait for and read the bot's answers. */
import type {
  APIApplicationCommandOptionChoice,
  APIMessage,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { InteractionRecord, InteractionResponseEntry } from '../rest/interactions.js';

/** What a handle needs from the drivers: their `waitFor` (re-checked on every dispatch and response). */
export interface Waiter {
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs?: number, what?: string): Promise<T>;
}

/** What a test holds after acting: waits for and reads the bot's answers to that interaction. */
export class InteractionHandle {
  constructor(
    private readonly drivers: Waiter,
    readonly record: InteractionRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** Everything the bot did with this interaction so far, in order. */
  responses(): InteractionResponseEntry[] {
    return [...this.record.responses];
  }

  /** Resolves with the initial callback (any type). */
  waitForCallback(timeoutMs = 5000): Promise<InteractionResponseEntry> {
    return this.waitForEntry((e) => e.kind === 'callback', timeoutMs, 'a callback');
  }

  /**
   * Resolves with the first visible answer message: a type 4 reply, a type 7 update, or the edit
   * or follow-up that replaces a deferred "thinking…" message.
   */
  async waitForReply(timeoutMs = 5000): Promise<APIMessage> {
    const entry = await this.waitForEntry(
      (e) =>
        (e.kind === 'callback' && (e.callbackType === 4 || e.callbackType === 7) && !!e.message) ||
        ((e.kind === 'edit' || e.kind === 'followup') && !!e.message),
      timeoutMs,
      'a reply',
    );
    return entry.message!;
  }

  /** Resolves with the n-th (1-based) follow-up message. */
  async waitForFollowUp(n = 1, timeoutMs = 5000): Promise<APIMessage> {
    const entry = await this.waitForEntry(
      (e, i, all) =>
        e.kind === 'followup' && all.slice(0, i + 1).filter((x) => x.kind === 'followup').length === n,
      timeoutMs,
      `follow-up #${n}`,
    );
    return entry.message!;
  }

  /**
   * Resolves with the suggestions the bot offered to an autocomplete interaction (callback type 8);
   * rejects on timeout, as the Discord client then shows "Loading options failed".
   */
  async waitForChoices(timeoutMs = 5000): Promise<APIApplicationCommandOptionChoice[]> {
    const entry = await this.waitForEntry(
      (e) => e.kind === 'callback' && e.callbackType === 8,
      timeoutMs,
      'autocomplete choices',
    );
    return entry.choices ?? [];
  }

  /** Resolves with the modal the bot showed (callback type 9). */
  async waitForModal(timeoutMs = 5000): Promise<APIModalInteractionResponseCallbackData> {
    const entry = await this.waitForEntry((e) => e.kind === 'callback' && !!e.modal, timeoutMs, 'a modal');
    return entry.modal!;
  }

  private waitForEntry(
    match: (e: InteractionResponseEntry, i: number, all: InteractionResponseEntry[]) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<InteractionResponseEntry> {
    return this.drivers.waitFor(
      () => this.record.responses.find((e, i, all) => match(e, i, all)),
      timeoutMs,
      `interaction ${this.id}: ${what}`,
    );
  }
}

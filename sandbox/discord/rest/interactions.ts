/**
 * Interactions: the in-memory records (id + token), the 3-second / 15-minute token windows, and
 * `POST /interactions/:id/:token/callback` (types 4, 5, 6, 7, 8, 9). Drivers create the records and
 * dispatch INTERACTION_CREATE; webhooks.ts serves the follow-ups on the same records.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { Errors, errorTree } from '../errors.js';
import type { Router, RouteRequest, RouteResponse } from '../router.js';
import { snowflake } from '../snowflake.js';
import { normalizeEmbeds, numberComponents } from '../state/normalize.js';
import { serializeUser } from '../state/serialize.js';
import type { DiscordState } from '../state/state.js';
import { toMessageEdit, toMessageInput, toModal } from './webhooks.js';
import { checkAutocompleteChoices, focusedOption } from './autocomplete-choices.js';

/** Timing rules of interaction tokens. */
export interface InteractionSettings {
  /** How long the bot has for the initial callback (Discord: 3 s). */
  initialResponseMs: number;
  /** How long follow-ups and @original edits work (Discord: 15 min). */
  followUpMs: number;
}

/** One thing the bot did with an interaction, in order. */
export interface InteractionResponseEntry {
  kind: 'callback' | 'followup' | 'edit' | 'delete';
  /** The callback type (kind 'callback'). */
  callbackType?: InteractionResponseType;
  /** The message created or edited (absent for 6 and 9 callbacks and deletes). */
  message?: APIMessage;
  /** The modal shown (callback type 9). */
  modal?: APIModalInteractionResponseCallbackData;
  /** The suggestions offered (callback type 8, to an autocomplete interaction). */
  choices?: APIApplicationCommandOptionChoice[];
  at: number;
}

export interface InteractionRecord {
  id: string;
  token: string;
  applicationId: string;
  type: InteractionType;
  payload: APIInteraction;
  guildId?: string;
  channelId: string;
  userId: string;
  createdAt: number;
  /** Modal submits: the interaction that showed the modal. */
  triggeringInteractionId?: string;
  /** The message whose component was used (component interactions, modals opened from one). */
  sourceMessageId?: string;
  /** Set by the first callback. */
  ack?: { type: InteractionResponseType; at: number };
  /** The @original message id (types 4/5: the response; 6/7: the source message). */
  originalMessageId?: string;
  /** Ephemeral messages exist only for the invoking user: kept here, never in the channel. */
  ephemeral: Map<string, APIMessage>;
  followUpIds: string[];
  responses: InteractionResponseEntry[];
}

/** The interactions of one emulator. Emits `response` (record, entry) whenever the bot acts on one. */
export class InteractionStore extends EventEmitter {
  readonly settings: InteractionSettings = { initialResponseMs: 3000, followUpMs: 15 * 60 * 1000 };
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();
  /**
   * Every ephemeral message by id with when it was last created, used or edited. Kept apart from
   * the records so a component on an old ephemeral message keeps working after the interaction that
   * made it is pruned (the person still sees it; Discord accepts the new interaction's token).
   */
  private readonly ephemeralById = new Map<string, { message: APIMessage; usedAt: number }>();
  private added = 0;

  constructor() {
    super();
    // Every waiting driver handle listens here; a busy sandbox has many at once by design.
    this.setMaxListeners(0);
  }

  /** Registers an interaction built by a driver (the payload already carries id and token). */
  add(record: Omit<InteractionRecord, 'ephemeral' | 'followUpIds' | 'responses'>): InteractionRecord {
    const full: InteractionRecord = { ...record, ephemeral: new Map(), followUpIds: [], responses: [] };
    this.byId.set(full.id, full);
    this.byToken.set(full.token, full);
    if (++this.added % 100 === 0) this.prune();
    return full;
  }

  /**
   * Forgets interactions, and ephemeral messages nobody used, an hour past the follow-up window, so
   * a long sandbox run stays bounded. Runs every 100 interactions; public for tests.
   */
  prune(): void {
    const cutoff = Date.now() - this.settings.followUpMs - 60 * 60 * 1000;
    for (const record of this.byId.values()) {
      if (record.createdAt >= cutoff) continue;
      this.byId.delete(record.id);
      this.byToken.delete(record.token);
    }
    for (const [id, entry] of this.ephemeralById) if (entry.usedAt < cutoff) this.ephemeralById.delete(id);
  }

  /** Keeps an ephemeral message of `record` (also findable by id from any later interaction). */
  keepEphemeral(record: InteractionRecord, message: APIMessage): void {
    record.ephemeral.set(message.id, message);
    this.ephemeralById.set(message.id, { message, usedAt: Date.now() });
  }

  /** An ephemeral message by id, marked as used now (a click or an edit keeps it alive). */
  ephemeralMessage(messageId: string): APIMessage | undefined {
    const entry = this.ephemeralById.get(messageId);
    if (entry) entry.usedAt = Date.now();
    return entry?.message;
  }

  /** Drops an ephemeral message (deleted by the bot) from the store and every record. */
  forgetEphemeral(messageId: string): void {
    this.ephemeralById.delete(messageId);
    for (const record of this.byId.values()) record.ephemeral.delete(messageId);
  }

  find(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  findByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  list(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  record(record: InteractionRecord, entry: Omit<InteractionResponseEntry, 'at'>): InteractionResponseEntry {
    const full = { ...entry, at: Date.now() };
    record.responses.push(full);
    this.emit('response', record, full);
    return full;
  }
}

const stores = new WeakMap<DiscordState, InteractionStore>();

/** The interaction store of an emulator (created on first use). */
export function interactionsOf(state: DiscordState): InteractionStore {
  let store = stores.get(state);
  if (!store) stores.set(state, (store = new InteractionStore()));
  return store;
}

/** A fresh interaction token (Discord's are long opaque strings). */
export function newInteractionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

/** The message a response creates: ephemeral ones stay in the record, others go to the channel (MESSAGE_CREATE). */
export function createResponseMessage(
  emu: EmulatorContext,
  record: InteractionRecord,
  input: ReturnType<typeof toMessageInput>,
  original: boolean,
): APIMessage {
  const state = emu.state;
  const metadata = interactionMetadata(state, record, original);
  const type =
    original && record.type === InteractionType.ApplicationCommand
      ? MessageType.ChatInputCommand
      : MessageType.Default;
  const flags = input.flags ?? 0;
  if (flags & MessageFlags.Ephemeral) {
    const message = {
      id: snowflake(),
      channel_id: record.channelId,
      author: serializeUser(state.users.get(emu.botUser.id)),
      content: input.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: input.attachments ?? [],
      embeds: normalizeEmbeds(input.embeds ?? []),
      pinned: false,
      type,
      flags,
      components: numberComponents(input.components ?? []),
      webhook_id: record.applicationId,
      application_id: record.applicationId,
      interaction_metadata: metadata,
    } as APIMessage;
    interactionsOf(state).keepEphemeral(record, message);
    return message;
  }
  return state.messages.create(record.channelId, {
    ...input,
    authorId: emu.botUser.id,
    type,
    webhookId: record.applicationId,
    applicationId: record.applicationId,
    extra: { interaction_metadata: metadata },
  });
}

/** The `interaction_metadata` of a response message (a modal submit names the interaction that opened it). */
function interactionMetadata(
  state: DiscordState,
  record: InteractionRecord,
  original: boolean,
): APIMessageInteractionMetadata {
  const trigger = record.triggeringInteractionId
    ? interactionsOf(state).find(record.triggeringInteractionId)
    : undefined;
  return {
    id: record.id,
    type: record.type,
    user: serializeUser(state.users.get(record.userId)),
    authorizing_integration_owners: record.payload.authorizing_integration_owners,
    ...(!original && record.originalMessageId
      ? { original_response_message_id: record.originalMessageId }
      : {}),
    ...(record.type === InteractionType.MessageComponent && record.sourceMessageId
      ? { interacted_message_id: record.sourceMessageId }
      : {}),
    ...(record.type === InteractionType.ModalSubmit && trigger
      ? { triggering_interaction_metadata: interactionMetadata(state, trigger, true) }
      : {}),
  } as APIMessageInteractionMetadata;
}

/** An ephemeral message of this interaction, or the ephemeral message its component sat on. */
function ephemeralOf(
  state: DiscordState,
  record: InteractionRecord,
  messageId: string,
): APIMessage | undefined {
  // Looked up through the store, which marks the message as used (see InteractionStore.prune).
  const own = record.ephemeral.has(messageId) || messageId === record.sourceMessageId;
  return own ? findEphemeral(state, messageId) : undefined;
}

/** Returns one of the interaction's messages (ephemeral or in the channel) or throws 10008. */
export function interactionMessage(
  emu: EmulatorContext,
  record: InteractionRecord,
  messageId: string,
): APIMessage {
  const ephemeral = ephemeralOf(emu.state, record, messageId);
  if (ephemeral) return ephemeral;
  if (messageId !== record.originalMessageId && !record.followUpIds.includes(messageId))
    throw Errors.unknownMessage();
  return emu.state.messages.get(record.channelId, messageId);
}

/** Edits one of the interaction's messages; clears the "thinking…" loading flag as Discord does. */
export function editInteractionMessage(
  emu: EmulatorContext,
  record: InteractionRecord,
  messageId: string,
  patch: ReturnType<typeof toMessageEdit>,
): APIMessage {
  const current = interactionMessage(emu, record, messageId);
  const flags =
    ((patch.flags ?? current.flags ?? 0) & ~MessageFlags.Loading) |
    ((current.flags ?? 0) & MessageFlags.Ephemeral);
  const ephemeral = ephemeralOf(emu.state, record, messageId);
  if (ephemeral) {
    Object.assign(ephemeral, { ...normalized(patch), flags, edited_timestamp: new Date().toISOString() });
    return ephemeral;
  }
  return emu.state.messages.update(record.channelId, messageId, { ...definedOnly(patch), flags });
}

/** An edit as Discord stores it (ephemeral messages bypass the message store, so normalize here). */
function normalized(patch: ReturnType<typeof toMessageEdit>): ReturnType<typeof toMessageEdit> {
  const out = definedOnly(patch);
  if (out.embeds) out.embeds = normalizeEmbeds(out.embeds);
  if (out.components) out.components = numberComponents(out.components);
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Callback types each interaction type accepts. */
const ALLOWED: Record<number, InteractionResponseType[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
  // Suggestions only: no message, no defer, no modal. Anything else is refused as
  // `type: Value must be one of {8}.` (50035), as Discord answers (Red-DiscordBot issue #6374).
  [InteractionType.ApplicationCommandAutocomplete]: [8],
};

function callback(req: RouteRequest): RouteResponse | void {
  const store = interactionsOf(req.emu.state);
  const record = store.find(req.params.interactionId!);
  if (!record || record.token !== req.params.token) throw Errors.unknownInteraction();
  if (record.ack) throw Errors.interactionAlreadyAcknowledged();
  if (Date.now() - record.createdAt > store.settings.initialResponseMs) throw Errors.unknownInteraction();
  const body = (req.body ?? {}) as { type?: unknown; data?: Record<string, unknown> };
  const type = body.type as InteractionResponseType;
  let allowed = ALLOWED[record.type] ?? [];
  // 6 and 7 edit the message a component sits on; a modal opened from a slash command has none.
  if (record.type === InteractionType.ModalSubmit && !record.sourceMessageId) allowed = [4, 5];
  if (!allowed.includes(type)) {
    throw Errors.invalidFormBody(
      errorTree([
        {
          path: ['type'],
          code: 'BASE_TYPE_CHOICES',
          message: `Value must be one of {${allowed.join(', ')}}.`,
        },
      ]),
    );
  }
  const data = body.data ?? {};
  let message: APIMessage | undefined;
  let modal: APIModalInteractionResponseCallbackData | undefined;
  let choices: APIApplicationCommandOptionChoice[] | undefined;
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource:
      message = createResponseMessage(req.emu, record, toMessageInput(data, ['data']), true);
      record.originalMessageId = message.id;
      break;
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const ephemeral = ((data.flags as number | undefined) ?? 0) & MessageFlags.Ephemeral;
      message = createResponseMessage(
        req.emu,
        record,
        { content: '', flags: MessageFlags.Loading | ephemeral },
        true,
      );
      record.originalMessageId = message.id;
      break;
    }
    case InteractionResponseType.DeferredMessageUpdate:
      record.originalMessageId = record.sourceMessageId;
      break;
    case InteractionResponseType.UpdateMessage:
      record.originalMessageId = record.sourceMessageId;
      message = editSource(req.emu, record, toMessageEdit(data, ['data']));
      break;
    case InteractionResponseType.Modal:
      modal = toModal(data, ['data']);
      break;
    case InteractionResponseType.ApplicationCommandAutocompleteResult:
      choices = autocompleteChoices(record, data);
      break;
  }
  record.ack = { type, at: Date.now() };
  store.record(record, { kind: 'callback', callbackType: type, message, modal, choices });
  if (req.query.get('with_response') !== 'true') return;
  return {
    body: {
      interaction: {
        id: record.id,
        type: record.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: Boolean((message.flags ?? 0) & MessageFlags.Loading),
              response_message_ephemeral: Boolean((message.flags ?? 0) & MessageFlags.Ephemeral),
            }
          : {}),
      },
      // Only replies (4) and updates (7) create a resource Discord returns.
      ...(message && (type === 4 || type === 7) ? { resource: { type, message } } : {}),
    },
  };
}

/** The checked choices of a type 8 answer, against the type of the option being typed. */
function autocompleteChoices(
  record: InteractionRecord,
  data: Record<string, unknown>,
): APIApplicationCommandOptionChoice[] {
  const options = (record.payload.data as { options?: APIApplicationCommandInteractionDataOption[] }).options;
  const focused = focusedOption(options);
  const checked = checkAutocompleteChoices(data, focused?.type ?? 3);
  if (checked.issues.length) throw Errors.invalidFormBody(errorTree(checked.issues));
  return checked.choices;
}

function editSource(
  emu: EmulatorContext,
  record: InteractionRecord,
  patch: ReturnType<typeof toMessageEdit>,
): APIMessage {
  const sourceId = record.sourceMessageId!;
  const ephemeralSource = findEphemeral(emu.state, sourceId);
  if (ephemeralSource) {
    Object.assign(ephemeralSource, { ...normalized(patch), edited_timestamp: new Date().toISOString() });
    return ephemeralSource;
  }
  return emu.state.messages.update(record.channelId, sourceId, definedOnly(patch));
}

/** Drops an ephemeral message wherever it is kept. */
export function forgetEphemeral(state: DiscordState, messageId: string): void {
  interactionsOf(state).forgetEphemeral(messageId);
}

/** Finds an ephemeral message of any interaction (components on ephemeral replies can be used too). */
export function findEphemeral(state: DiscordState, messageId: string): APIMessage | undefined {
  return interactionsOf(state).ephemeralMessage(messageId);
}

/** Registers `POST /interactions/:interactionId/:token/callback` (no bot token: the path carries it). */
export function register(router: Router): void {
  router.route('POST', '/interactions/:interactionId/:token/callback', callback, { auth: 'none' });
}

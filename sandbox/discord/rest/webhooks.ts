/**
 * Interaction webhooks: follow-ups (`POST /webhooks/:app/:token`) and the `@original` / follow-up
 * message routes, valid for 15 minutes after the interaction. Also the message-body reading shared
 * with the interaction callbacks (the core's validation.ts, errors re-rooted under `data`).
 */
import {
  InteractionType,
  MessageFlags,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';
import { DiscordApiError, Errors, type FormErrorTree } from '../errors.js';
import type { Router, RouteRequest, RouteResponse } from '../router.js';
import type { CreateMessageInput, UpdateMessageInput } from '../state/messages.js';
import {
  validateMessageCreate,
  validateMessageEdit,
  validateModal,
  type MessageBody,
} from '../validation.js';
import {
  createResponseMessage,
  forgetEphemeral,
  editInteractionMessage,
  interactionMessage,
  interactionsOf,
  type InteractionRecord,
} from './interactions.js';

type Path = (string | number)[];
type MessageInput = Omit<CreateMessageInput, 'authorId'>;

/** Re-roots a 50035 error tree under `at` (interaction callbacks carry the message in `data`). */
function under<T>(at: Path, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DiscordApiError && error.errors && at.length) {
      const tree = at.reduceRight<FormErrorTree>((inner, key) => ({ [String(key)]: inner }), error.errors);
      throw Errors.invalidFormBody(tree);
    }
    throw error;
  }
}

/**
 * Reads a create-message body with the core's validation (Discord's limits → 400 50035 at the
 * offending path under `at`, 50006 when nothing would be sent).
 */
export function toMessageInput(body: unknown, at: Path = []): MessageInput {
  return pick(under(at, () => validateMessageCreate(body ?? {})));
}

/** Reads an edit-message body: same limits, every field optional. */
export function toMessageEdit(body: unknown, at: Path = []): UpdateMessageInput {
  return pick(under(at, () => validateMessageEdit(body ?? {})));
}

/** Validates the `data` of a modal callback (type 9). */
export function toModal(data: unknown, at: Path = []): APIModalInteractionResponseCallbackData {
  return under(at, () => validateModal(data)) as unknown as APIModalInteractionResponseCallbackData;
}

function pick(b: MessageBody): MessageInput {
  return {
    ...(typeof b.content === 'string' ? { content: b.content } : {}),
    ...(Array.isArray(b.embeds) ? { embeds: b.embeds as MessageInput['embeds'] } : {}),
    ...(Array.isArray(b.components) ? { components: b.components as MessageInput['components'] } : {}),
    ...(Array.isArray(b.attachments) ? { attachments: b.attachments as MessageInput['attachments'] } : {}),
    ...(typeof b.flags === 'number' ? { flags: b.flags } : {}),
    ...(typeof b.tts === 'boolean' ? { tts: b.tts } : {}),
  };
}

/** Finds the interaction behind a webhook token; expired tokens answer 401 50027 as on Discord. */
function resolve(req: RouteRequest): InteractionRecord {
  const store = interactionsOf(req.emu.state);
  const record = store.findByToken(req.params.token!);
  if (!record || record.applicationId !== req.params.webhookId) throw Errors.unknownWebhook();
  // An autocomplete interaction has no message: Discord documents only its callback (type 8,
  // discord-api-docs receiving-and-responding), no follow-up or @original, so its token opens no
  // webhook here (10015, as for a token Discord does not know; unsupported fails loudly).
  if (record.type === InteractionType.ApplicationCommandAutocomplete) throw Errors.unknownWebhook();
  if (Date.now() - record.createdAt > store.settings.followUpMs)
    throw new DiscordApiError(401, 50027, 'Invalid Webhook Token');
  return record;
}

function messageId(record: InteractionRecord, param: string): string {
  if (param !== '@original') return param;
  if (!record.originalMessageId) throw Errors.unknownMessage();
  return record.originalMessageId;
}

function followUp(req: RouteRequest): RouteResponse | void {
  const record = resolve(req);
  // Discord only accepts follow-ups once the interaction was acknowledged.
  if (!record.ack) throw Errors.unknownWebhook();
  const store = interactionsOf(req.emu.state);
  const input = toMessageInput(req.body);
  const original = record.originalMessageId ? safeMessage(req, record, record.originalMessageId) : undefined;
  let message: APIMessage;
  if (original && (original.flags ?? 0) & MessageFlags.Loading) {
    // The first follow-up after a deferred reply replaces the "thinking…" message.
    message = editInteractionMessage(req.emu, record, original.id, input);
    store.record(record, { kind: 'edit', message });
  } else {
    message = createResponseMessage(req.emu, record, input, false);
    record.followUpIds.push(message.id);
    store.record(record, { kind: 'followup', message });
  }
  if (req.query.get('wait') === 'true') return { body: message };
}

function safeMessage(req: RouteRequest, record: InteractionRecord, id: string): APIMessage | undefined {
  try {
    return interactionMessage(req.emu, record, id);
  } catch {
    return undefined;
  }
}

/** Registers the interaction webhook routes (no bot token: the path carries the interaction token). */
export function register(router: Router): void {
  const options = { auth: 'none' as const };
  router.route('POST', '/webhooks/:webhookId/:token', followUp, options);
  const message = '/webhooks/:webhookId/:token/messages/:messageId';
  router.route(
    'GET',
    message,
    (req) => {
      const record = resolve(req);
      return { body: interactionMessage(req.emu, record, messageId(record, req.params.messageId!)) };
    },
    options,
  );
  router.route(
    'PATCH',
    message,
    (req) => {
      const record = resolve(req);
      const edited = editInteractionMessage(
        req.emu,
        record,
        messageId(record, req.params.messageId!),
        toMessageEdit(req.body),
      );
      interactionsOf(req.emu.state).record(record, { kind: 'edit', message: edited });
      return { body: edited };
    },
    options,
  );
  router.route(
    'DELETE',
    message,
    (req) => {
      const record = resolve(req);
      const id = messageId(record, req.params.messageId!);
      const message = interactionMessage(req.emu, record, id);
      // Ephemeral messages never reached the channel; they only disappear for the user.
      if ((message.flags ?? 0) & MessageFlags.Ephemeral) forgetEphemeral(req.emu.state, id);
      else req.emu.state.messages.delete(record.channelId, id);
      interactionsOf(req.emu.state).record(record, { kind: 'delete', message });
    },
    options,
  );
}

/**
 * Interaction webhooks: follow-ups (`POST /webhooks/:app/:token`) and the `@original` / follow-up
 * message routes, valid for 15 minutes after the interaction. Also the message-body reading shared
 * with the interaction callbacks.
 */
import { MessageFlags, type APIMessage } from 'discord-api-types/v10';
import { DiscordApiError, Errors, errorTree } from '../errors.js';
import type { Router, RouteRequest, RouteResponse } from '../router.js';
import type { CreateMessageInput, UpdateMessageInput } from '../state/messages.js';
import {
  createResponseMessage,
  editInteractionMessage,
  interactionMessage,
  interactionsOf,
  type InteractionRecord,
} from './interactions.js';

type Path = (string | number)[];
type Issue = { path: Path; code: string; message: string };
type MessageInput = Omit<CreateMessageInput, 'authorId'>;

/** Flags a bot may set on an interaction response or follow-up. */
const SETTABLE_FLAGS =
  MessageFlags.SuppressEmbeds | MessageFlags.Ephemeral | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

/**
 * Reads a create-message body (content, embeds, components, flags) and applies Discord's limits:
 * 400 50035 with the offending path, 50006 when nothing would be sent.
 */
export function toMessageInput(body: unknown, at: Path = [], _opts: { interaction?: boolean } = {}): MessageInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const issues = checkMessage(b, at);
  if (issues.length) throw Errors.invalidFormBody(errorTree(issues));
  const input = pick(b);
  const empty = !input.content && !input.embeds?.length && !input.components?.length && !input.attachments?.length;
  if (empty) throw Errors.cannotSendEmptyMessage();
  return input;
}

/** Reads an edit-message body: same limits, every field optional. */
export function toMessageEdit(body: unknown, at: Path = []): UpdateMessageInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const issues = checkMessage(b, at);
  if (issues.length) throw Errors.invalidFormBody(errorTree(issues));
  return pick(b);
}

function pick(b: Record<string, unknown>): MessageInput {
  return {
    ...(typeof b.content === 'string' ? { content: b.content } : {}),
    ...(Array.isArray(b.embeds) ? { embeds: b.embeds as MessageInput['embeds'] } : {}),
    ...(Array.isArray(b.components) ? { components: b.components as MessageInput['components'] } : {}),
    ...(Array.isArray(b.attachments) ? { attachments: b.attachments as MessageInput['attachments'] } : {}),
    ...(typeof b.flags === 'number' ? { flags: b.flags } : {}),
    ...(typeof b.tts === 'boolean' ? { tts: b.tts } : {}),
  };
}

function checkMessage(b: Record<string, unknown>, at: Path): Issue[] {
  const issues: Issue[] = [];
  const max = (value: unknown, path: Path, limit: number) => {
    if (typeof value === 'string' && value.length > limit) {
      issues.push({ path: [...at, ...path], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${limit} or fewer in length.` });
    }
  };
  max(b.content, ['content'], 2000);
  if (typeof b.flags === 'number' && (b.flags & ~SETTABLE_FLAGS) !== 0) {
    issues.push({ path: [...at, 'flags'], code: 'MESSAGE_FLAGS_INVALID', message: 'Invalid message flags' });
  }
  if (Array.isArray(b.embeds)) {
    if (b.embeds.length > 10) issues.push({ path: [...at, 'embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' });
    b.embeds.forEach((raw, i) => {
      const e = (raw ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      max(e.title, ['embeds', i, 'title'], 256);
      max(e.description, ['embeds', i, 'description'], 4096);
      max(e.footer?.text, ['embeds', i, 'footer', 'text'], 2048);
      max(e.author?.name, ['embeds', i, 'author', 'name'], 256);
      const fields = Array.isArray(e.fields) ? (e.fields as Record<string, unknown>[]) : [];
      if (fields.length > 25) issues.push({ path: [...at, 'embeds', i, 'fields'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
      fields.forEach((f, j) => {
        max(f.name, ['embeds', i, 'fields', j, 'name'], 256);
        max(f.value, ['embeds', i, 'fields', j, 'value'], 1024);
      });
    });
  }
  if (Array.isArray(b.components)) {
    const v2 = typeof b.flags === 'number' && (b.flags & MessageFlags.IsComponentsV2) !== 0;
    if (!v2 && b.components.length > 5) {
      issues.push({ path: [...at, 'components'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 5 or fewer in length.' });
    }
    b.components.forEach((raw, i) => {
      const row = (raw ?? {}) as { type?: number; components?: Record<string, unknown>[] };
      if (row.type !== 1) return;
      const children = row.components ?? [];
      if (children.length < 1 || children.length > 5) {
        issues.push({ path: [...at, 'components', i, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 5 in length.' });
      }
      children.forEach((c, j) => {
        max(c.custom_id, ['components', i, 'components', j, 'custom_id'], 100);
        max(c.label, ['components', i, 'components', j, 'label'], 80);
        if (Array.isArray(c.options) && c.options.length > 25) {
          issues.push({ path: [...at, 'components', i, 'components', j, 'options'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
        }
      });
    });
  }
  return issues;
}

/** Finds the interaction behind a webhook token; expired tokens answer 401 50027 as on Discord. */
function resolve(req: RouteRequest): InteractionRecord {
  const store = interactionsOf(req.emu.state);
  const record = store.findByToken(req.params.token!);
  if (!record || record.applicationId !== req.params.webhookId) throw Errors.unknownWebhook();
  if (Date.now() - record.createdAt > store.settings.followUpMs) throw new DiscordApiError(401, 50027, 'Invalid Webhook Token');
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
      const edited = editInteractionMessage(req.emu, record, messageId(record, req.params.messageId!), toMessageEdit(req.body));
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
      if (record.ephemeral.has(id)) record.ephemeral.delete(id);
      else req.emu.state.messages.delete(record.channelId, id);
      interactionsOf(req.emu.state).record(record, { kind: 'delete', message });
    },
    options,
  );
}

/**
 * Message payload validation (channel messages, webhooks, interaction responses): the
 * discord-api-spec request schemas plus the documented limits the spec does not encode
 * (2000-character content for bots, 6000 characters per message's embeds, 5 action rows,
 * 5 buttons per row, a select alone in its row, unique custom_ids, link vs custom_id buttons).
 */
import {
  MessageCreateRequestSchema,
  MessageEditRequestPartialSchema,
  ModalInteractionCallbackRequestDataSchema,
} from 'discord-api-spec/zod';
import { ComponentType, MessageFlags, ButtonStyle } from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { collect, invalidForm, type FormIssue, type SafeParser } from './zod-errors.js';

interface EmbedLike {
  title?: string | null;
  description?: string | null;
  fields?: { name?: string; value?: string }[] | null;
  footer?: { text?: string | null } | null;
  author?: { name?: string | null } | null;
}

interface ComponentLike {
  type?: number;
  custom_id?: string | null;
  url?: string | null;
  style?: number;
  components?: ComponentLike[];
  component?: ComponentLike;
  accessory?: ComponentLike;
}

export interface MessageBody {
  content?: string | null;
  embeds?: EmbedLike[] | null;
  components?: ComponentLike[] | null;
  attachments?: unknown[] | null;
  sticker_ids?: string[] | null;
  poll?: unknown;
  flags?: number | null;
  [key: string]: unknown;
}

/** Characters that count towards the 6000 limit (Discord: title, description, field names/values, footer, author). */
function embedLength(embed: EmbedLike): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + (f.name?.length ?? 0) + (f.value?.length ?? 0), 0) +
    (embed.footer?.text?.length ?? 0) +
    (embed.author?.name?.length ?? 0)
  );
}

function customIds(component: ComponentLike): string[] {
  const own = component.custom_id ? [component.custom_id] : [];
  const nested = [
    ...(component.components ?? []),
    ...(component.component ? [component.component] : []),
    ...(component.accessory ? [component.accessory] : []),
  ];
  return [...own, ...nested.flatMap(customIds)];
}

function componentIssues(components: ComponentLike[], flags: number): FormIssue[] {
  const issues: FormIssue[] = [];
  const v2 = (flags & MessageFlags.IsComponentsV2) !== 0;
  if (!v2) {
    if (components.length > 5)
      issues.push({
        path: ['components'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 5 in length.',
      });
    components.forEach((row, i) => {
      if (row.type !== ComponentType.ActionRow) {
        issues.push({
          path: ['components', i, 'type'],
          code: 'COMPONENT_TYPE_INVALID',
          message: 'Only action rows are allowed at the top level without the IS_COMPONENTS_V2 flag.',
        });
        return;
      }
      const children = row.components ?? [];
      const selects = children.filter((c) => c.type !== ComponentType.Button);
      if ((selects.length > 0 && children.length > 1) || children.length > 5) {
        issues.push({
          path: ['components', i, 'components'],
          code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
          message: 'The specified component exceeds the maximum width',
        });
      }
    });
  }
  const walk = (list: ComponentLike[], path: (string | number)[]) =>
    list.forEach((c, i) => {
      if (c.type === ComponentType.Button) {
        const link = c.style === ButtonStyle.Link;
        const premium = c.style === ButtonStyle.Premium;
        if (link && !c.url)
          issues.push({
            path: [...path, i, 'url'],
            code: 'BUTTON_COMPONENT_URL_REQUIRED',
            message: 'A url is required',
          });
        if (!link && !premium && !c.custom_id)
          issues.push({
            path: [...path, i, 'custom_id'],
            code: 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED',
            message: 'A custom id is required',
          });
        if (link && c.custom_id)
          issues.push({
            path: [...path, i, 'custom_id'],
            code: 'BUTTON_COMPONENT_LINK_HAS_CUSTOM_ID',
            message: 'A custom id and url cannot both be specified',
          });
      }
      if (c.components) walk(c.components, [...path, i, 'components']);
    });
  walk(components, ['components']);
  const ids = components.flatMap(customIds);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup)
    issues.push({
      path: ['components'],
      code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
      message: 'Component custom id cannot be duplicated',
    });
  return issues;
}

/** Limits shared by create and edit. */
function extraIssues(body: MessageBody): FormIssue[] {
  const issues: FormIssue[] = [];
  if (typeof body.content === 'string' && body.content.length > 2000) {
    issues.push({
      path: ['content'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 2000 or fewer in length.',
    });
  }
  const embeds = body.embeds ?? [];
  if (embeds.reduce((n, e) => n + embedLength(e), 0) > 6000) {
    issues.push({
      path: ['embeds'],
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: 'Embed size exceeds maximum size of 6000',
    });
  }
  if (Array.isArray(body.components)) issues.push(...componentIssues(body.components, body.flags ?? 0));
  return issues;
}

function check(schema: SafeParser, raw: unknown): MessageBody {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw invalidForm([
      { path: [], code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' },
    ]);
  const body = raw as MessageBody;
  const { issues } = collect(schema, body);
  if (issues.length === 0) issues.push(...extraIssues(body));
  if (issues.length) throw invalidForm(issues);
  return body;
}

/** Validates a message create body (POST /channels/:id/messages, webhooks, interaction replies). */
export function validateMessageCreate(raw: unknown, options: { files?: number } = {}): MessageBody {
  const body = check(MessageCreateRequestSchema as unknown as SafeParser, raw ?? {});
  const empty =
    !body.content &&
    !body.embeds?.length &&
    !body.components?.length &&
    !body.sticker_ids?.length &&
    !body.poll &&
    !(options.files ?? 0) &&
    !body.attachments?.length;
  if (empty) throw Errors.cannotSendEmptyMessage();
  return body;
}

/** Validates a message edit body (PATCH /channels/:c/messages/:m, webhook message edits). */
export function validateMessageEdit(raw: unknown): MessageBody {
  return check(MessageEditRequestPartialSchema as unknown as SafeParser, raw ?? {});
}

/** Validates the `data` of a modal interaction response (type 9). */
export function validateModal(raw: unknown): Record<string, unknown> {
  const { issues } = collect(ModalInteractionCallbackRequestDataSchema as unknown as SafeParser, raw);
  const rows = (raw as { components?: unknown[] } | null)?.components;
  if (issues.length === 0 && Array.isArray(rows) && rows.length > 5) {
    issues.push({
      path: ['components'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 5 in length.',
    });
  }
  if (issues.length) throw invalidForm(issues);
  return raw as Record<string, unknown>;
}

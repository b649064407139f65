/** Messages: list, get, create (guild channels and DMs), edit, delete. */
import {
  ChannelType,
  PermissionFlagsBits,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { DiscordApiError, Errors, formError } from '../errors.js';
import type { RouteRequest, Router } from '../router.js';
import { snowflake, snowflakeTime } from '../snowflake.js';
import type { ChannelRecord } from '../state/types.js';
import { validateMessageCreate, validateMessageEdit, type MessageBody } from '../validation.js';
import { channelForBot, intQuery, requireChannelPermission } from './access.js';

/** Attachments from multipart `files[n]`; the bytes are kept and served at their `url`. */
function attachmentsFrom(req: RouteRequest, body: MessageBody): APIAttachment[] {
  const described = (body.attachments ?? []) as {
    id?: string | number;
    filename?: string;
    description?: string;
  }[];
  return req.files.map((file, i) => {
    const id = snowflake();
    const meta = described.find((a) => String(a.id) === String(i));
    const filename = meta?.filename ?? file.filename;
    req.emu.state.data.attachments.set(id, { filename, contentType: file.contentType, data: file.data });
    return {
      id,
      filename,
      ...(meta?.description ? { description: meta.description } : {}),
      content_type: file.contentType,
      size: file.data.length,
      url: `${req.emu.baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`,
      proxy_url: `${req.emu.baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`,
    };
  });
}

/** Discord refuses DMs to users who closed them, to bots, and to users sharing no guild with the bot. */
function assertCanDm(req: RouteRequest, channel: ChannelRecord): void {
  const { state, botUser } = req.emu;
  const recipient = state.users.get(channel.recipientId!);
  const sharesGuild = state.guilds.listForUser(recipient.id).some((g) => g.members.has(botUser.id));
  if (recipient.dmsClosed || recipient.bot || !sharesGuild) throw Errors.cannotSendToUser();
}

export function registerMessageRoutes(router: Router): void {
  router.page('GET', '/attachments/:attachmentId/:filename', ({ emu, params }) => {
    const file = emu.state.data.attachments.get(params.attachmentId!);
    if (!file || file.filename !== params.filename) throw Errors.notFound();
    return { raw: file.data, contentType: file.contentType };
  });

  router.route('GET', '/channels/:channelId/messages', (req) => {
    const { emu, params, query } = req;
    const channel = channelForBot(emu, params.channelId!);
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ReadMessageHistory);
    const limit = intQuery(req, 'limit', 50, 1, 100);
    let messages = emu.state.messages.list(channel.id); // newest first
    const before = query.get('before');
    const after = query.get('after');
    const around = query.get('around');
    if (before) messages = messages.filter((m) => BigInt(m.id) < BigInt(before));
    if (after) messages = messages.filter((m) => BigInt(m.id) > BigInt(after)).slice(-limit);
    if (around) {
      const index = messages.findIndex((m) => BigInt(m.id) <= BigInt(around));
      const start = Math.max(0, (index === -1 ? messages.length : index) - Math.floor(limit / 2));
      messages = messages.slice(start);
    }
    return { body: messages.slice(0, limit) };
  });

  router.route('GET', '/channels/:channelId/messages/:messageId', ({ emu, params }) => {
    const channel = channelForBot(emu, params.channelId!);
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ReadMessageHistory);
    return { body: emu.state.messages.get(channel.id, params.messageId!) };
  });

  router.route('POST', '/channels/:channelId/messages', (req) => {
    const { emu, params } = req;
    const channel = channelForBot(emu, params.channelId!);
    if (channel.type === ChannelType.GuildCategory)
      throw new DiscordApiError(400, 50008, 'Cannot send messages in a non-text channel');
    if (channel.type === ChannelType.DM) assertCanDm(req, channel);
    else requireChannelPermission(emu, channel.id, PermissionFlagsBits.SendMessages);
    const body = validateMessageCreate(req.body, { files: req.files.length });
    if (body.poll) throw Errors.unsupported('polls');
    if (body.sticker_ids?.length) throw Errors.unsupported('stickers');
    const reference = body.message_reference as
      { message_id?: string; fail_if_not_exists?: boolean } | undefined;
    if (reference?.message_id && !emu.state.data.messages.get(channel.id)?.has(reference.message_id)) {
      if (reference.fail_if_not_exists !== false) {
        throw formError(['message_reference'], 'REPLIES_UNKNOWN_MESSAGE', 'Unknown message');
      }
    }
    const repeated = nonceRepeat(emu.state.messages.list(channel.id), emu.botUser.id, body);
    if (repeated) return { body: repeated };
    const message = emu.state.messages.create(channel.id, {
      authorId: emu.botUser.id,
      content: body.content ?? '',
      embeds: (body.embeds ?? []) as APIEmbed[],
      components: (body.components ?? []) as APIMessageTopLevelComponent[],
      attachments: attachmentsFrom(req, body),
      tts: body.tts === true,
      flags: body.flags ?? 0,
      ...(typeof body.nonce === 'string' || typeof body.nonce === 'number' ? { nonce: body.nonce } : {}),
      ...(reference?.message_id
        ? {
            messageReference: {
              message_id: reference.message_id,
              channel_id: channel.id,
              ...(channel.guildId ? { guild_id: channel.guildId } : {}),
            },
          }
        : {}),
    });
    return { body: message };
  });

  router.route('PATCH', '/channels/:channelId/messages/:messageId', ({ emu, params, body }) => {
    const channel = channelForBot(emu, params.channelId!);
    const message = emu.state.messages.get(channel.id, params.messageId!);
    if (message.author.id !== emu.botUser.id) throw Errors.cannotEditOthersMessage();
    const patch = validateMessageEdit(body);
    return {
      body: emu.state.messages.update(channel.id, message.id, {
        ...(patch.content !== undefined ? { content: patch.content ?? '' } : {}),
        ...(patch.embeds !== undefined ? { embeds: (patch.embeds ?? []) as APIEmbed[] } : {}),
        ...(patch.components !== undefined
          ? { components: (patch.components ?? []) as APIMessageTopLevelComponent[] }
          : {}),
        ...(patch.flags != null ? { flags: patch.flags } : {}),
      }),
    };
  });

  router.route('DELETE', '/channels/:channelId/messages/:messageId', ({ emu, params }) => {
    const channel = channelForBot(emu, params.channelId!);
    const message = emu.state.messages.get(channel.id, params.messageId!);
    if (message.author.id !== emu.botUser.id) {
      if (!channel.guildId) throw Errors.missingPermissions();
      requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageMessages);
    }
    emu.state.messages.delete(channel.id, message.id);
  });

  /**
   * Bulk Delete Messages, as discord-api-docs (resources/message.md, "Bulk Delete Messages")
   * documents it: guild channels only (50003 in a DM), Manage Messages required even for the
   * bot's own messages, 2–100 ids, no duplicates and none older than two weeks (400, 50034);
   * ids that do not exist count towards the limits and are skipped. One MESSAGE_DELETE_BULK.
   */
  router.route('POST', '/channels/:channelId/messages/bulk-delete', ({ emu, params, body }) => {
    const channel = channelForBot(emu, params.channelId!);
    if (!channel.guildId) throw new DiscordApiError(403, 50003, 'Cannot execute action on a DM channel');
    requireChannelPermission(emu, channel.id, PermissionFlagsBits.ManageMessages);
    const ids = (body as { messages?: unknown } | null)?.messages;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || !/^\d{1,20}$/.test(id)))
      throw formError(['messages'], 'BASE_TYPE_REQUIRED', 'This field is required');
    if (ids.length < 2 || ids.length > 100)
      throw formError(['messages'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.');
    if (new Set(ids).size !== ids.length)
      throw formError(['messages'], 'BASE_TYPE_BAD_LENGTH', 'Duplicate message ids are not allowed.');
    const twoWeeksAgo = emu.state.clock.now() - 14 * 86_400_000;
    if ((ids as string[]).some((id) => snowflakeTime(id).getTime() < twoWeeksAgo))
      throw new DiscordApiError(400, 50034, 'You can only bulk delete messages that are under 14 days old.');
    emu.state.messages.deleteBulk(channel.id, ids as string[]);
  });
}

/**
 * How long a nonce stays unique. discord-api-docs (Create Message, `enforce_nonce`): "If true and
 * nonce is present, it will be checked for uniqueness in the past few minutes. If another message
 * was created by the same author with the same nonce, that message will be returned and no new
 * message will be created." "A few minutes" is not given: 5 minutes is this emulator's assumption,
 * and the check is per channel (the docs say per author; a nonce reused in another channel is not
 * something the bot relies on).
 */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** The message an `enforce_nonce` create repeats (same author, same nonce, within the window). */
function nonceRepeat(
  newestFirst: readonly APIMessage[],
  authorId: string,
  body: MessageBody,
): APIMessage | undefined {
  const nonce = (body as { nonce?: unknown }).nonce;
  if ((body as { enforce_nonce?: unknown }).enforce_nonce !== true) return undefined;
  if (typeof nonce !== 'string' && typeof nonce !== 'number') return undefined;
  const since = Date.now() - NONCE_WINDOW_MS;
  for (const m of newestFirst) {
    if (Date.parse(m.timestamp) < since) return undefined;
    if (m.author.id === authorId && m.nonce === nonce) return m;
  }
  return undefined;
}

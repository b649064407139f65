import {
  GatewayDispatchEvents,
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageReference,
  type APIMessageTopLevelComponent,
} from 'discord-api-types/v10';
import { Errors } from '../errors.js';
import { snowflake } from '../snowflake.js';
import { normalizeEmbeds, numberComponents } from './normalize.js';
import { serializeUser } from './serialize.js';
import type { DiscordState } from './state.js';

export interface CreateMessageInput {
  authorId: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  attachments?: APIAttachment[];
  tts?: boolean;
  flags?: number;
  nonce?: string | number;
  type?: MessageType;
  messageReference?: APIMessageReference;
  /** Set for messages posted through a webhook or an interaction response. */
  webhookId?: string;
  applicationId?: string;
  /** Extra fields (interaction_metadata, …) merged as-is. */
  extra?: Partial<APIMessage>;
}

export interface UpdateMessageInput {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  attachments?: APIAttachment[];
  flags?: number;
}

/** Messages per channel. Events carry `guild_id` and `member` for guild messages, as Discord's do. */
export class MessageStore {
  constructor(private readonly s: DiscordState) {}

  /** Returns the message or throws 404 10008 Unknown Message (10003 if the channel is unknown). */
  get(channelId: string, messageId: string): APIMessage {
    this.s.channels.get(channelId);
    const message = this.s.data.messages.get(channelId)?.get(messageId);
    if (!message) throw Errors.unknownMessage();
    return message;
  }

  /** Messages of a channel, newest first (as GET /channels/:id/messages returns them). */
  list(channelId: string): APIMessage[] {
    this.s.channels.get(channelId);
    return [...(this.s.data.messages.get(channelId)?.values() ?? [])].reverse();
  }

  /** Posts a message and emits MESSAGE_CREATE. */
  create(channelId: string, input: CreateMessageInput): APIMessage {
    const channel = this.s.channels.get(channelId);
    const author = this.s.users.get(input.authorId);
    const content = input.content ?? '';
    const guild = channel.guildId ? this.s.guilds.get(channel.guildId) : undefined;
    const mentionIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const roleIds = [...content.matchAll(/<@&(\d+)>/g)]
      .map((m) => m[1]!)
      .filter((id) => guild?.roles.has(id));
    const message: APIMessage = {
      id: snowflake(),
      channel_id: channelId,
      author: serializeUser(author),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: input.tts ?? false,
      mention_everyone: /@(everyone|here)/.test(content),
      mentions: [...new Set(mentionIds)].flatMap((id) => {
        const user = this.s.users.find(id);
        return user ? [serializeUser(user)] : [];
      }),
      mention_roles: roleIds,
      attachments: input.attachments ?? [],
      embeds: normalizeEmbeds(input.embeds ?? []),
      pinned: false,
      type: input.type ?? (input.messageReference ? MessageType.Reply : MessageType.Default),
      flags: input.flags ?? 0,
      components: numberComponents(input.components ?? []),
      ...(input.nonce !== undefined ? { nonce: input.nonce } : {}),
      ...(input.messageReference
        ? { message_reference: { ...input.messageReference, channel_id: channelId } }
        : {}),
      ...(input.webhookId ? { webhook_id: input.webhookId } : {}),
      ...(input.applicationId ? { application_id: input.applicationId } : {}),
      ...input.extra,
    };
    let bucket = this.s.data.messages.get(channelId);
    if (!bucket) this.s.data.messages.set(channelId, (bucket = new Map()));
    bucket.set(message.id, message);
    channel.lastMessageId = message.id;
    this.s.emit(
      GatewayDispatchEvents.MessageCreate,
      this.eventPayload(message, channel.guildId),
      channel.guildId,
    );
    return message;
  }

  /** Edits a message and emits MESSAGE_UPDATE. */
  update(channelId: string, messageId: string, patch: UpdateMessageInput): APIMessage {
    const message = this.get(channelId, messageId);
    if (patch.content !== undefined) message.content = patch.content;
    if (patch.embeds !== undefined) message.embeds = normalizeEmbeds(patch.embeds);
    if (patch.components !== undefined) message.components = numberComponents(patch.components);
    if (patch.attachments !== undefined) message.attachments = patch.attachments;
    if (patch.flags !== undefined) message.flags = patch.flags;
    message.edited_timestamp = new Date().toISOString();
    const guildId = this.s.channels.get(channelId).guildId;
    this.s.emit(GatewayDispatchEvents.MessageUpdate, this.eventPayload(message, guildId), guildId);
    return message;
  }

  /** Deletes several messages of one channel at once and emits one MESSAGE_DELETE_BULK. */
  deleteBulk(channelId: string, messageIds: string[]): void {
    this.s.channels.get(channelId);
    const store = this.s.data.messages.get(channelId);
    const ids = messageIds.filter((id) => store?.delete(id));
    if (ids.length === 0) return;
    const guildId = this.s.channels.get(channelId).guildId;
    this.s.emit(
      GatewayDispatchEvents.MessageDeleteBulk,
      { ids, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) },
      guildId,
    );
  }

  /** Deletes a message and emits MESSAGE_DELETE. */
  delete(channelId: string, messageId: string): void {
    this.get(channelId, messageId);
    this.s.data.messages.get(channelId)!.delete(messageId);
    const guildId = this.s.channels.get(channelId).guildId;
    this.s.emit(
      GatewayDispatchEvents.MessageDelete,
      { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) },
      guildId,
    );
  }

  private eventPayload(message: APIMessage, guildId: string | undefined): unknown {
    if (!guildId) return { ...message };
    const member = this.s.members.find(guildId, message.author.id);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const partialMember = member ? (({ user, ...rest }) => rest)(this.s.members.toApi(member)) : undefined;
    return { ...message, guild_id: guildId, ...(partialMember ? { member: partialMember } : {}) };
  }
}

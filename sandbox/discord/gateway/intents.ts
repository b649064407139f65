/**
 * Which intent each dispatch needs (Discord's "list of intents"), the privileged intents, and
 * the MessageContent redaction Discord applies when that intent is missing.
 */
import { GatewayDispatchEvents as E, GatewayIntentBits as I, type APIMessage } from 'discord-api-types/v10';

/** Events without an entry are always sent (READY, RESUMED, INTERACTION_CREATE, USER_UPDATE, …). */
const GUILD_EVENT_INTENTS: Partial<Record<E, I>> = {
  [E.GuildCreate]: I.Guilds,
  [E.GuildUpdate]: I.Guilds,
  [E.GuildDelete]: I.Guilds,
  [E.GuildRoleCreate]: I.Guilds,
  [E.GuildRoleUpdate]: I.Guilds,
  [E.GuildRoleDelete]: I.Guilds,
  [E.ChannelCreate]: I.Guilds,
  [E.ChannelUpdate]: I.Guilds,
  [E.ChannelDelete]: I.Guilds,
  [E.ChannelPinsUpdate]: I.Guilds,
  [E.ThreadCreate]: I.Guilds,
  [E.ThreadUpdate]: I.Guilds,
  [E.ThreadDelete]: I.Guilds,
  [E.StageInstanceCreate]: I.Guilds,
  [E.StageInstanceUpdate]: I.Guilds,
  [E.StageInstanceDelete]: I.Guilds,
  [E.GuildMemberAdd]: I.GuildMembers,
  [E.GuildMemberUpdate]: I.GuildMembers,
  [E.GuildMemberRemove]: I.GuildMembers,
  [E.GuildBanAdd]: I.GuildModeration,
  [E.GuildBanRemove]: I.GuildModeration,
  [E.GuildEmojisUpdate]: I.GuildExpressions,
  [E.GuildIntegrationsUpdate]: I.GuildIntegrations,
  [E.WebhooksUpdate]: I.GuildWebhooks,
  [E.InviteCreate]: I.GuildInvites,
  [E.InviteDelete]: I.GuildInvites,
  [E.VoiceStateUpdate]: I.GuildVoiceStates,
  [E.PresenceUpdate]: I.GuildPresences,
  [E.MessageCreate]: I.GuildMessages,
  [E.MessageUpdate]: I.GuildMessages,
  [E.MessageDelete]: I.GuildMessages,
  [E.MessageDeleteBulk]: I.GuildMessages,
  [E.MessageReactionAdd]: I.GuildMessageReactions,
  [E.MessageReactionRemove]: I.GuildMessageReactions,
  [E.TypingStart]: I.GuildMessageTyping,
  [E.GuildScheduledEventCreate]: I.GuildScheduledEvents,
  [E.GuildScheduledEventUpdate]: I.GuildScheduledEvents,
  [E.GuildScheduledEventDelete]: I.GuildScheduledEvents,
  [E.GuildScheduledEventUserAdd]: I.GuildScheduledEvents,
  [E.GuildScheduledEventUserRemove]: I.GuildScheduledEvents,
};

/** In DMs the message events need DirectMessages instead of GuildMessages. */
const DM_EVENT_INTENTS: Partial<Record<E, I>> = {
  [E.MessageCreate]: I.DirectMessages,
  [E.MessageUpdate]: I.DirectMessages,
  [E.MessageDelete]: I.DirectMessages,
  [E.ChannelPinsUpdate]: I.DirectMessages,
  [E.MessageReactionAdd]: I.DirectMessageReactions,
  [E.TypingStart]: I.DirectMessageTyping,
};

export const PRIVILEGED_INTENTS = {
  guildMembers: I.GuildMembers,
  presences: I.GuildPresences,
  messageContent: I.MessageContent,
} as const;

/** Every intent bit Discord knows; others make IDENTIFY fail with 4013. */
export const ALL_INTENTS = Object.values(I)
  .filter((v): v is number => typeof v === 'number')
  .reduce((a, b) => a | b, 0);

/** The intent a dispatch needs, or undefined if it is always sent. */
export function requiredIntent(event: E, inGuild: boolean): I | undefined {
  return inGuild ? GUILD_EVENT_INTENTS[event] : DM_EVENT_INTENTS[event];
}

/**
 * Without MessageContent, Discord empties content, embeds, attachments, components and poll of
 * messages except DMs, messages that mention the bot and the bot's own messages.
 */
export function redactMessageContent(
  message: APIMessage & { guild_id?: string },
  botUserId: string,
): APIMessage {
  if (!message.guild_id) return message;
  if (message.author?.id === botUserId) return message;
  if (message.mentions?.some((u) => u.id === botUserId)) return message;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { poll, ...rest } = message;
  return { ...rest, content: '', embeds: [], attachments: [], components: [] };
}

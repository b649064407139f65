/**
 * Building and sending INTERACTION_CREATE: the complete payload discord.js needs (member or user,
 * channel with permissions, app permissions, locale, contexts…), recorded in the interaction store.
 */
import {
  ChannelType,
  GatewayDispatchEvents,
  InteractionContextType,
  InteractionType,
  type APIInteraction,
  type APIMessage,
} from 'discord-api-types/v10';
import type { EmulatorContext } from '../context.js';
import { interactionsOf, newInteractionToken, type InteractionRecord } from '../rest/interactions.js';
import { snowflake } from '../snowflake.js';
import { serializeUser } from '../state/serialize.js';
import { DM_APP_PERMISSIONS, permissionsFor } from './permissions.js';
import { DriverError, type ActOptions } from './types.js';

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

/** Where an interaction happens. */
export interface Place {
  guildId: string | null;
  channelId: string;
}

/** Checks a person can act there: a member of the guild and a channel of it, or the bot's DM (open DMs). */
export function place(
  emu: EmulatorContext,
  guildId: string | null,
  channelId: string | null,
  userId: string,
): Place {
  const state = emu.state;
  if (!guildId) {
    if (state.users.get(userId).dmsClosed) throw new DriverError(`User ${userId} has DMs closed`);
    return { guildId: null, channelId: channelId ?? state.channels.openDm(userId).id };
  }
  state.members.get(guildId, userId);
  if (!channelId) throw new DriverError('A guild interaction needs a channel');
  const channel = state.channels.get(channelId);
  if (channel.guildId !== guildId) throw new DriverError(`Channel ${channelId} is not in guild ${guildId}`);
  return { guildId, channelId };
}

/** A component interaction on `message`, in the message's channel (members only). */
export function dispatchOnMessage(
  emu: EmulatorContext,
  message: APIMessage,
  data: object,
  userId: string,
  act: ActOptions,
): InteractionRecord {
  const channel = emu.state.channels.get(message.channel_id);
  const where = { guildId: channel.guildId ?? null, channelId: channel.id };
  if (where.guildId) emu.state.members.get(where.guildId, userId);
  return dispatchInteraction(emu, InteractionType.MessageComponent, data, where, userId, act, message);
}

/** Builds the INTERACTION_CREATE payload discord.js needs, records it, and dispatches it. */
export function dispatchInteraction(
  emu: EmulatorContext,
  type: InteractionType,
  data: object,
  where: Place,
  userId: string,
  act: ActOptions,
  message?: APIMessage,
  triggeringInteractionId?: string,
): InteractionRecord {
  const state = emu.state;
  const user = serializeUser(state.users.get(userId));
  const guild = where.guildId ? state.guilds.get(where.guildId) : undefined;
  const channel = state.channels.get(where.channelId);
  // The person's own client language: the public user payload carries no locale, the record does.
  const locale = act.locale ?? state.users.get(userId).locale ?? guild?.preferredLocale ?? 'en-US';
  const id = snowflake();
  const token = newInteractionToken();
  const appPermissions = guild
    ? permissionsFor(state, guild.id, emu.botUser.id, channel.id)
    : DM_APP_PERMISSIONS;
  let who: object;
  if (guild) {
    const member = state.members.toApi(state.members.get(guild.id, userId));
    who = {
      member: { ...member, permissions: permissionsFor(state, guild.id, userId, channel.id).toString() },
    };
  } else {
    who = { user };
  }
  const channelPayload =
    channel.type === ChannelType.DM
      ? {
          id: channel.id,
          type: ChannelType.DM,
          last_message_id: channel.lastMessageId,
          flags: 0,
          recipients: [user],
        }
      : {
          ...state.channels.toApi(channel),
          permissions: permissionsFor(state, guild!.id, userId, channel.id).toString(),
        };
  const payload = {
    id,
    application_id: emu.application.id,
    type,
    data,
    ...(guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.preferredLocale, features: [...guild.features] },
        }
      : {}),
    channel: channelPayload,
    channel_id: channel.id,
    ...who,
    token,
    version: 1,
    app_permissions: appPermissions.toString(),
    locale,
    ...(guild ? { guild_locale: guild.preferredLocale } : {}),
    entitlements: [],
    authorizing_integration_owners: { '0': guild ? guild.id : '0' },
    context: guild ? InteractionContextType.Guild : InteractionContextType.BotDM,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    ...(message ? { message } : {}),
  } as unknown as APIInteraction;
  const record = interactionsOf(state).add({
    id,
    token,
    applicationId: emu.application.id,
    type,
    payload,
    guildId: guild?.id,
    channelId: channel.id,
    userId,
    createdAt: Date.now(),
    sourceMessageId: message?.id,
    triggeringInteractionId,
  });
  state.emit(GatewayDispatchEvents.InteractionCreate, payload, guild?.id);
  return record;
}

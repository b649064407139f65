import type { Guild, Message, MessageCreateOptions, SendableChannels } from 'discord.js';

/** A guild channel the bot can post in, or null when it is gone or not a text channel. */
export async function sendableChannel(
  guild: Guild,
  channelId: string | null,
): Promise<SendableChannels | null> {
  if (!channelId) return null;
  const channel =
    guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId).catch(() => null));
  return channel && channel.isSendable() ? channel : null;
}

/** Posts in a configured channel; resolves null when the channel is not set or gone (errors from Discord propagate). */
export async function postIn(
  guild: Guild,
  channelId: string | null,
  payload: MessageCreateOptions,
): Promise<Message | null> {
  const channel = await sendableChannel(guild, channelId);
  return channel ? channel.send(payload) : null;
}

/**
 * The guild's voice channels, as the worker last saw them, for the dashboard's lobby select: the
 * web process holds no discord.js Client, so the worker writes what its gateway cache holds (at
 * start-up, when it joins a guild, and on every channel create/update/delete) and the page reads
 * it here. Channel names are not personal data. A mixer's breakout rooms (under the category it
 * makes, deleted at its end) are never offered: an event whose lobby vanished with the mixer fails.
 */
import { Schema, model } from 'mongoose';
import { MixerRun } from '../mixer/mixer-run.model.js';

export interface VoiceChannelView {
  id: string;
  name: string;
}

const lobbyChannelsSchema = new Schema(
  {
    guildId: { type: String, required: true, unique: true },
    channels: {
      type: [{ id: { type: String, required: true }, name: { type: String, required: true }, _id: false }],
      default: [],
    },
    syncedAt: { type: Date, required: true },
  },
  { timestamps: false },
);

export const EventLobbyChannels = model('EventLobbyChannels', lobbyChannelsSchema);

/** Replaces the guild's list (in the order Discord shows them). */
export async function replaceVoiceChannels(
  guildId: string,
  channels: readonly VoiceChannelView[],
  now: Date,
): Promise<void> {
  await EventLobbyChannels.updateOne(
    { guildId },
    { $set: { channels: channels.map((c) => ({ id: c.id, name: c.name })), syncedAt: now } },
    { upsert: true },
  );
}

/** The guild's voice channels, or null when the worker has not listed them yet. */
export async function listVoiceChannels(guildId: string): Promise<VoiceChannelView[] | null> {
  const doc = await EventLobbyChannels.findOne({ guildId }).lean();
  return doc ? doc.channels.map((c) => ({ id: c.id, name: c.name })) : null;
}

/**
 * The categories mixers made in the guild (breakout rooms live under them). Ended mixers delete
 * theirs, so leaving those in costs nothing.
 */
export async function mixerCategoryIds(guildId: string): Promise<Set<string>> {
  const runs = await MixerRun.find({ guildId, categoryId: { $ne: null } }, { categoryId: 1 }).lean();
  return new Set(runs.map((r) => r.categoryId).filter((id): id is string => typeof id === 'string'));
}

/** The bot left the guild: its list no longer holds. */
export async function forgetVoiceChannels(guildId: string): Promise<void> {
  await EventLobbyChannels.deleteOne({ guildId });
}

/**
 * The bot's own Discord messages that name a person (the welcome post, relay announcements, a
 * baton prompt posted in a channel, a DM that names someone else): their ids are recorded when
 * they are posted, so erasure can remove them from Discord. Only ids are kept, never what the
 * message says (Tsunagu never reads message content). Every slice that posts such a message calls
 * `recordPostedMessage`; `postedMessagesPart` hands the list to erasure, which forgets each
 * message once it is gone from Discord (`forgetErasedMessages`).
 */
import { Schema, model, type InferSchemaType } from 'mongoose';
import type { MessageRef, PersonalDataPart } from './personal-data.service.js';

const postedMessageSchema = new Schema(
  {
    guildId: { type: String, required: true },
    channelId: { type: String, required: true },
    messageId: { type: String, required: true },
    /** Everyone the message names (mentions or names by display name). */
    userIds: { type: [String], default: [] },
    /** What the message is (`welcome`, `relayAnnouncement`, `batonPrompt`…), for the report. */
    kind: { type: String, required: true },
    /**
     * Whom the message is about, when it also names others (a relay announcement is about its
     * nominee and names the nominator): erasing someone else rewrites it without their name
     * instead of deleting it, so the subject keeps their message.
     */
    subjectId: { type: String, default: null },
    postedAt: { type: Date, required: true },
  },
  { timestamps: false },
);
postedMessageSchema.index({ guildId: 1, userIds: 1 });
postedMessageSchema.index({ channelId: 1, messageId: 1 }, { unique: true });

export type PostedMessageDoc = InferSchemaType<typeof postedMessageSchema>;
export const PostedMessage = model('PostedMessage', postedMessageSchema);

/** Remembers a message the bot posted that names `userIds` (safe to call twice for one message). */
export async function recordPostedMessage(input: {
  guildId: string;
  channelId: string;
  messageId: string;
  userIds: readonly (string | null | undefined)[];
  kind: string;
  subjectId?: string | null;
  postedAt?: Date;
}): Promise<void> {
  const userIds = [...new Set(input.userIds.filter((id): id is string => !!id))];
  if (userIds.length === 0) return;
  await PostedMessage.updateOne(
    { channelId: input.channelId, messageId: input.messageId },
    {
      $set: {
        guildId: input.guildId,
        kind: input.kind,
        subjectId: input.subjectId ?? null,
        postedAt: input.postedAt ?? new Date(),
      },
      $addToSet: { userIds: { $each: userIds } },
    },
    { upsert: true },
  );
}

/** Forgets a message that was removed from Discord (deleted by the bot or found gone). */
export async function forgetPostedMessage(channelId: string, messageId: string): Promise<void> {
  await PostedMessage.deleteOne({ channelId, messageId });
}

/**
 * The recorded messages naming a person. Erasure gets the list here and removes the messages from
 * Discord; only then does it forget them (`forgetErasedMessages`), so a crash, a 5xx or a hidden
 * channel midway leaves the rest recorded for the next attempt instead of untracked for ever.
 */
export const postedMessagesPart: PersonalDataPart = {
  name: 'postedMessages',
  async export({ guildId, userId }) {
    const docs = await PostedMessage.find({ guildId, userIds: userId }).sort({ postedAt: 1 }).lean();
    // Other people named in the same message are left out of the export.
    return docs.map((d) => ({
      id: String(d._id),
      channelId: d.channelId,
      messageId: d.messageId,
      kind: d.kind,
      postedAt: d.postedAt,
    }));
  },
  async erase({ guildId, userId }) {
    const docs = await PostedMessage.find({ guildId, userIds: userId }).lean();
    const messagesToRemove: MessageRef[] = docs.map((d) => ({
      channelId: d.channelId,
      messageId: d.messageId,
      kind: d.kind,
      // About someone else: rewritten without the erased person, and still remembered for the subject.
      ...(d.subjectId && d.subjectId !== userId ? { rewriteFor: d.subjectId } : {}),
    }));
    return { counts: { postedMessagesToRemove: docs.length }, messagesToRemove };
  },
};

/**
 * After erasure removed the messages from Discord: forgets every record naming `userId` except
 * those `stillThere` (they stay recorded, with the person's id, until a later `/profile delete`
 * removes them). A message about someone else keeps its record for them, without `userId`.
 * Returns how many records were forgotten.
 */
export async function forgetErasedMessages(input: {
  guildId: string;
  userId: string;
  stillThere: readonly Pick<MessageRef, 'channelId' | 'messageId'>[];
}): Promise<number> {
  const { guildId, userId } = input;
  const kept = new Set(input.stillThere.map((r) => `${r.channelId}/${r.messageId}`));
  const docs = (await PostedMessage.find({ guildId, userIds: userId }).lean()).filter(
    (d) => !kept.has(`${d.channelId}/${d.messageId}`),
  );
  const rewritten = docs.filter((d) => d.subjectId && d.subjectId !== userId).map((d) => d._id);
  const gone = docs.filter((d) => !(d.subjectId && d.subjectId !== userId)).map((d) => d._id);
  await PostedMessage.updateMany({ _id: { $in: rewritten } }, { $pull: { userIds: userId } });
  await PostedMessage.deleteMany({ _id: { $in: gone } });
  return docs.length;
}

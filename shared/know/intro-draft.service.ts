/**
 * What a member typed in the intro modal when it was refused (a required field left empty, a
 * text too long): kept server-side for a short while under a short random key, so the "Edit my
 * introduction" button re-opens the modal filled with it. Discord's custom ids hold 100
 * characters, far too few for the text itself. Drafts are personal data (see introDraftPart).
 */
import { randomBytes } from 'node:crypto';
import { Schema, model } from 'mongoose';
import type { PersonalDataPart } from '../kernel/personal-data.service.js';
import { INTRO_FIELDS, type IntroFieldId } from './profile-validation.js';

/** How long a draft is kept: long enough to fix a field, short enough not to keep text around. */
export const DRAFT_TTL_MS = 30 * 60_000;

const introDraftSchema = new Schema({
  key: { type: String, required: true, unique: true },
  guildId: { type: String, required: true },
  userId: { type: String, required: true },
  fields: { type: Map, of: String, default: {} },
  expiresAt: { type: Date, required: true },
});
// MongoDB (and the embedded store's TTL monitor, sandbox/store/ttl.ts) drop expired drafts within
// a minute or so; reads go by `expiresAt` against the app's clock and delete what they find expired.
introDraftSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
introDraftSchema.index({ guildId: 1, userId: 1 });
const IntroDraft = model('IntroDraft', introDraftSchema);

export type DraftFields = Partial<Record<IntroFieldId, string>>;

/**
 * Stores what the member typed (each field cut to four times its limit) and returns the draft key.
 * A field the member emptied is kept empty: the draft wins over the stored intro for every field
 * it has, so a cleared field is not filled again from the profile.
 */
export async function saveDraft(input: {
  guildId: string;
  userId: string;
  fields: Record<string, string>;
  now?: Date;
}): Promise<string> {
  const now = input.now ?? new Date();
  const fields: Record<string, string> = {};
  for (const f of INTRO_FIELDS) {
    const value = input.fields[f.id];
    // Discord's text input holds at most 4000 characters; a longer prefill would be refused.
    if (typeof value === 'string')
      fields[f.id] = [...value].slice(0, Math.min(4000, f.maxLength * 4)).join('');
  }
  const key = randomBytes(6).toString('base64url');
  // One draft per member: a new refusal replaces the older draft.
  await IntroDraft.deleteMany({ guildId: input.guildId, userId: input.userId });
  await IntroDraft.create({
    key,
    guildId: input.guildId,
    userId: input.userId,
    fields,
    expiresAt: new Date(now.getTime() + DRAFT_TTL_MS),
  });
  return key;
}

/**
 * The member's own draft under `key`, or null when it expired, was cleared by a successful save
 * (clearDrafts), or is someone else's. Reading does not use it up: a member who closes the re-opened
 * modal without submitting can press the button again. An expired draft found here is deleted.
 */
export async function takeDraft(input: {
  key: string;
  guildId: string;
  userId: string;
  now?: Date;
}): Promise<DraftFields | null> {
  const doc = await IntroDraft.findOne({
    key: input.key,
    guildId: input.guildId,
    userId: input.userId,
  }).lean();
  if (!doc) return null;
  if (doc.expiresAt <= (input.now ?? new Date())) {
    await IntroDraft.deleteOne({ _id: doc._id });
    return null;
  }
  const stored = doc.fields instanceof Map ? Object.fromEntries(doc.fields) : (doc.fields ?? {});
  return stored as DraftFields;
}

/** Forgets the member's drafts (after a successful save). */
export async function clearDrafts(guildId: string, userId: string): Promise<void> {
  await IntroDraft.deleteMany({ guildId, userId });
}

/** Drafts hold what the member typed: exported and erased with the rest. */
export const introDraftPart: PersonalDataPart = {
  name: 'introDrafts',
  async export({ guildId, userId }) {
    const docs = await IntroDraft.find({ guildId, userId }).lean();
    return docs.map((d) => ({
      id: String(d._id),
      fields: d.fields instanceof Map ? Object.fromEntries(d.fields) : d.fields,
      expiresAt: d.expiresAt,
    }));
  },
  async erase({ guildId, userId }) {
    const { deletedCount } = await IntroDraft.deleteMany({ guildId, userId });
    return { counts: { introDraftsDeleted: deletedCount } };
  },
};

import { Schema, model, type InferSchemaType } from 'mongoose';
import {
  AGE_BANDS,
  INDUSTRIES,
  LIFE_STAGES,
  REGIONS,
  TENURE_BANDS,
  VISIBILITY_LEVELS,
} from './profile-attributes.js';

// Lengths are checked in characters by profile-validation.ts; these maxlengths (UTF-16 units,
// twice the limits so emoji fit) only guard the collection against writes that skip the service.
/**
 * A member of a guild: created on join (a stub with ids and dates), filled by the intro.
 * Everything here is personal data; erasure deletes the whole document.
 */
const profileSchema = new Schema(
  {
    guildId: { type: String, required: true },
    userId: { type: String, required: true },
    displayName: { type: String, default: null, maxlength: 160 },
    leaveYear: { type: Number, default: null },
    tenureBand: { type: String, enum: TENURE_BANDS, default: null },
    joinedAsNewGraduate: { type: Boolean, default: null },
    departmentThen: { type: String, default: null, maxlength: 400 },
    industry: { type: String, enum: INDUSTRIES, default: null },
    roleNow: { type: String, default: null, maxlength: 400 },
    region: { type: String, enum: REGIONS, default: null },
    ageBand: { type: String, enum: AGE_BANDS, default: null },
    lifeStages: { type: [{ type: String, enum: LIFE_STAGES }], default: [] },
    interests: { type: [String], default: [] },
    skills: { type: [String], default: [] },
    needs: { type: [String], default: [] },
    greeting: { type: String, default: null, maxlength: 2000 },
    /** field → 'alumni' | 'staff'; a missing field means 'alumni' (privacy first). */
    visibility: { type: Map, of: { type: String, enum: VISIBILITY_LEVELS }, default: {} },
    introducedAt: { type: Date, default: null },
    introChannelId: { type: String, default: null },
    introMessageId: { type: String, default: null },
    invitedBy: { type: String, default: null },
    inviteCode: { type: String, default: null },
    joinedAt: { type: Date, default: null },
    leftAt: { type: Date, default: null },
    rejoinCount: { type: Number, default: 0 },
  },
  { timestamps: true },
);
profileSchema.index({ guildId: 1, userId: 1 }, { unique: true });
profileSchema.index({ guildId: 1, introducedAt: 1, leftAt: 1 });

export type ProfileDoc = InferSchemaType<typeof profileSchema>;
export const Profile = model('Profile', profileSchema);

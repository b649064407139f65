import { Schema, model, type InferSchemaType } from 'mongoose';

export const INVITE_KINDS = ['discord', 'cohort', 'personal'] as const;
export type InviteKind = (typeof INVITE_KINDS)[number];

/**
 * A guild invite as last seen, plus Tsunagu's label (cohort such as "2025 leavers – Sales").
 * `uses` is the snapshot the join diff compares against. Erasing an inviter keeps the code,
 * label and uses and drops who they were.
 *
 * Who is credited with the joins: `createdBy` when Tsunagu made the invite for someone (a cohort
 * invite asked for with /invite create, a member's personal invite from /invite mine): Discord
 * names the bot as their inviter. Otherwise Discord's `inviterId`. Nobody once `inviterErased`.
 */
const inviteRecordSchema = new Schema(
  {
    guildId: { type: String, required: true },
    code: { type: String, required: true },
    inviterId: { type: String, default: null },
    /** Set when the inviter's data was erased: later syncs from Discord must not restore it. */
    inviterErased: { type: Boolean, default: false },
    /** The person who asked Tsunagu for this invite (and is credited with its joins). */
    createdBy: { type: String, default: null },
    /** 'discord' made in Discord by a person, 'cohort' by /invite create, 'personal' by /invite mine. */
    kind: { type: String, enum: INVITE_KINDS, default: 'discord' },
    /** The label compared for duplicates (NFKC, case-folded, spaces collapsed); null without a label. */
    labelKey: { type: String, default: null },
    label: { type: String, default: null, maxlength: 100 },
    uses: { type: Number, default: 0 },
    maxUses: { type: Number, default: 0 },
    expiresAt: { type: Date, default: null },
    /** Joins Tsunagu attributed to this code (survives the invite's deletion on Discord). */
    attributedJoins: { type: Number, default: 0 },
    deletedAt: { type: Date, default: null },
  },
  { timestamps: true },
);
inviteRecordSchema.index({ guildId: 1, code: 1 }, { unique: true });
inviteRecordSchema.index({ guildId: 1, inviterId: 1 });
inviteRecordSchema.index({ guildId: 1, kind: 1, createdBy: 1 });

export type InviteRecordDoc = InferSchemaType<typeof inviteRecordSchema>;
export const InviteRecord = model('InviteRecord', inviteRecordSchema);

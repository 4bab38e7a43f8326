import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';
import { ROLES } from '../core/http/route.js';

export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];
export const LOCALES = ['fa', 'en'] as const;

const userSchema = new Schema(
  {
    email: { type: String, required: true, lowercase: true, trim: true },
    passwordHash: { type: String, required: true },
    displayName: { type: String, required: true, trim: true },
    roles: { type: [String], enum: ROLES, required: true },
    groups: [{ type: Schema.Types.ObjectId, ref: 'ExpertGroup' }],
    skills: [String],
    languages: { type: [String], enum: LOCALES, default: ['fa'] },
    /** null: the group's default capacity applies. */
    maxConcurrent: { type: Number, default: null, min: 0 },
    phone: { type: String, default: null },
    locale: { type: String, enum: LOCALES, default: 'fa' },
    presence: { type: String, enum: PRESENCE, default: 'offline' },
    presenceChangedAt: { type: Date, default: () => new Date() },
    /** Open conversations assigned to this expert; changed only by atomic conditional updates. */
    activeCount: { type: Number, default: 0 },
    /** When the expert last had nothing assigned or last finished one: ties go to the longest idle. */
    idleSince: { type: Date, default: () => new Date() },
    active: { type: Boolean, default: true },
    lastLoginAt: { type: Date, default: null },
  },
  { timestamps: true },
);

userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ groups: 1, presence: 1 });

export type UserDoc = InferSchemaType<typeof userSchema> & { _id: Types.ObjectId };
export const User = mongoose.model('User', userSchema);

import mongoose, { Schema, type Types } from 'mongoose';

const auditSchema = new Schema(
  {
    at: { type: Date, default: () => new Date() },
    actor: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    action: { type: String, required: true },
    targetKind: { type: String, required: true },
    targetId: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);
auditSchema.index({ targetKind: 1, targetId: 1, at: -1 });
auditSchema.index({ at: -1 });

export const AuditLog = mongoose.model('AuditLog', auditSchema);

export async function audit(entry: {
  actor: Types.ObjectId | string | null;
  action: string;
  targetKind: string;
  targetId: string;
  details?: Record<string, unknown>;
}): Promise<void> {
  await AuditLog.create({ ...entry, details: entry.details ?? null });
}

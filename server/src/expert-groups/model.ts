import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const localized = { fa: { type: String, required: true }, en: { type: String, required: true } };

const businessHoursSchema = new Schema(
  {
    timezone: { type: String, default: 'Asia/Tehran' },
    /** Open intervals per weekday (0 = Sunday ... 6 = Saturday), "HH:mm" local time. */
    weekly: [
      {
        _id: false,
        day: { type: Number, min: 0, max: 6, required: true },
        open: { type: String, required: true },
        close: { type: String, required: true },
      },
    ],
    /** Local dates "YYYY-MM-DD" that are closed all day. */
    holidays: [String],
    /** true: open all day every day (24/7 groups). */
    alwaysOpen: { type: Boolean, default: false },
  },
  { _id: false },
);

const expertGroupSchema = new Schema(
  {
    slug: { type: String, required: true, lowercase: true, trim: true },
    name: localized,
    description: { fa: String, en: String },
    /** Public web-chat topics that lead here (shown in the widget's pre-chat form). */
    topics: [String],
    productModels: [String],
    languages: [String],
    channels: [String],
    businessHours: { type: businessHoursSchema, default: () => ({ alwaysOpen: true }) },
    sla: {
      firstResponseMinutes: { type: Number, default: 60 },
      resolutionMinutes: { type: Number, default: 24 * 60 },
      warningPercent: { type: Number, default: 80 },
    },
    defaultMaxConcurrent: { type: Number, default: 5, min: 0 },
    overflowGroup: { type: Schema.Types.ObjectId, ref: 'ExpertGroup', default: null },
    overflowAfterMinutes: { type: Number, default: 10 },
    isDefault: { type: Boolean, default: false },
    /** Since when no member has been online (null while someone is); drives overflow. */
    unstaffedSince: { type: Date, default: () => new Date() },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);

expertGroupSchema.index({ slug: 1 }, { unique: true });

export type ExpertGroupDoc = InferSchemaType<typeof expertGroupSchema> & { _id: Types.ObjectId };
export const ExpertGroup = mongoose.model('ExpertGroup', expertGroupSchema);

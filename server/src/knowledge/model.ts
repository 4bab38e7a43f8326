import { ARTICLE_CATEGORIES } from '@cc/shared';
import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

const articleSchema = new Schema(
  {
    slug: { type: String, required: true, lowercase: true, trim: true },
    locale: { type: String, enum: ['fa', 'en'], required: true },
    title: { type: String, required: true },
    body: { type: String, required: true },
    category: { type: String, enum: ARTICLE_CATEGORIES, required: true },
    productModels: [String],
    tags: [String],
    videoLinks: [String],
    attachments: [
      {
        _id: false,
        fileId: { type: Schema.Types.ObjectId, default: null },
        name: String,
        contentType: String,
        size: Number,
        url: { type: String, default: null },
      },
    ],
    status: { type: String, enum: ['draft', 'published'], default: 'draft' },
    visibility: { type: String, enum: ['public', 'internal'], default: 'public' },
    author: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
articleSchema.index({ slug: 1, locale: 1 }, { unique: true });
articleSchema.index({ status: 1, visibility: 1, category: 1 });

export type ArticleDoc = InferSchemaType<typeof articleSchema> & { _id: Types.ObjectId };
export const Article = mongoose.model('Article', articleSchema);

import mongoose, { Schema, type InferSchemaType, type Types } from 'mongoose';

/** One stored file; its bytes are in `attachmentchunks` under `<fileId>:<n>`. */
const attachmentSchema = new Schema(
  {
    ticket: { type: Schema.Types.ObjectId, ref: 'Ticket', required: true },
    /** The message that carries it, once sent; null while only uploaded. */
    message: { type: Schema.Types.ObjectId, ref: 'Message', default: null },
    name: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    chunks: { type: Number, required: true },
    sha256: { type: String, required: true },
    uploadedBy: {
      kind: { type: String, enum: ['contact', 'expert', 'system'], required: true },
      id: { type: String, default: null },
    },
    /** False until every chunk is written: a half-written upload is never served. */
    complete: { type: Boolean, default: false },
  },
  { timestamps: true },
);
attachmentSchema.index({ ticket: 1 });

export type AttachmentDoc = InferSchemaType<typeof attachmentSchema> & { _id: Types.ObjectId };
export const Attachment = mongoose.model('Attachment', attachmentSchema);

/**
 * Chunks addressed by `_id` (`<fileId>:<n>`). GridFS finds chunks with a `files_id` query, which the
 * local MongoDB-compatible server answers by scanning every chunk of every file
 * (docs/mongodb-compatibility.md); a read by `_id` is an index lookup on both servers.
 */
const chunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    data: { type: Buffer, required: true },
  },
  { versionKey: false },
);
export const AttachmentChunk = mongoose.model('AttachmentChunk', chunkSchema, 'attachmentchunks');

import mongoose, { Schema } from 'mongoose';
import { lockKey, withLocks } from './locks.js';

const counterSchema = new Schema({
  _id: { type: String, required: true },
  seq: { type: Number, default: 0 },
});
const Counter = mongoose.model('Counter', counterSchema);

/** Next value of a named sequence (ticket numbers); one writer at a time across processes. */
export async function nextSequence(name: string, start = 10_000): Promise<number> {
  return withLocks([lockKey('sequence', name)], async () => {
    const doc = await Counter.findOneAndUpdate(
      { _id: name },
      { $inc: { seq: 1 } },
      { upsert: true, new: true },
    ).lean();
    return start + (doc?.seq ?? 1);
  });
}

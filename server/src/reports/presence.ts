import type { Types } from 'mongoose';
import { logger } from '../core/logger.js';
import { PresenceInterval } from './model.js';

/**
 * Called when an expert's presence changes: leaving 'online' stores the interval just ended.
 * Never fails the presence change itself; a lost interval only under-counts online time.
 */
export async function recordPresenceChange(
  expert: Types.ObjectId | string,
  before: { presence: string; presenceChangedAt?: Date | null },
  after: { presence: string },
  at: Date,
): Promise<void> {
  if (before.presence !== 'online' || after.presence === 'online' || !before.presenceChangedAt)
    return;
  try {
    await PresenceInterval.create({ expert, from: before.presenceChangedAt, to: at });
  } catch (err) {
    logger.warn({ err, expert: String(expert) }, 'presence interval not recorded');
  }
}

import type { Config } from '../core/config.js';
import { isDuplicateKeyError } from '../core/errors.js';
import { logger } from '../core/logger.js';
import { User } from './model.js';
import { hashPassword } from './password.js';

/** On first start, ADMIN_EMAIL / ADMIN_PASSWORD become the first admin (only if no admin exists). */
export async function ensureFirstAdmin(config: Config): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  if (await User.exists({ roles: 'admin' })) return;
  try {
    await User.create({
      email: config.ADMIN_EMAIL.toLowerCase(),
      passwordHash: await hashPassword(config.ADMIN_PASSWORD),
      displayName: 'Administrator',
      roles: ['admin', 'supervisor'],
    });
    logger.info({ email: config.ADMIN_EMAIL }, 'created the first admin from ADMIN_EMAIL');
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}

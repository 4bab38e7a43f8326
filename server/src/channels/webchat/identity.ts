import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { config } from '../../core/config.js';
import { phoneSchema } from '../../core/phone.js';
import { handshakeUserSchema } from './schema.js';

/**
 * Verified visitors. The host's server signs its signed-in user so the widget may trust the
 * name, email and phone given to `ContactCentre.setUser`:
 *
 *   signature = hex(HMAC-SHA256(identitySecret, name + "\n" + email + "\n" + phone))
 *
 * with missing fields as empty strings. `identitySecret` is per widget key, shown to admins
 * with the key (GET /api/widget-keys) and derived from APP_SECRET, so it changes with it.
 */
export function widgetIdentitySecret(key: string): string {
  return createHmac('sha256', config().APP_SECRET).update(`widget-identity:${key}`).digest('hex');
}

export function signWidgetUser(
  key: string,
  user: { name?: string; email?: string; phone?: string },
): string {
  return createHmac('sha256', widgetIdentitySecret(key))
    .update(`${user.name ?? ''}\n${user.email ?? ''}\n${user.phone ?? ''}`)
    .digest('hex');
}

const emailSchema = z.email().max(200);

/** The handshake's `auth.user` when its signature is right; its phone normalised, bad fields dropped. */
export function verifiedWidgetUser(
  key: string,
  raw: unknown,
): { name?: string; email?: string; phone?: string } | null {
  const parsed = handshakeUserSchema.safeParse(raw);
  if (!parsed.success || !parsed.data.signature) return null;
  const { signature, ...user } = parsed.data;
  const expected = Buffer.from(signWidgetUser(key, user), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const phone = user.phone ? phoneSchema.safeParse(user.phone) : null;
  const email = user.email ? emailSchema.safeParse(user.email) : null;
  return {
    ...(user.name ? { name: user.name } : {}),
    ...(phone?.success ? { phone: phone.data } : {}),
    ...(email?.success ? { email: email.data } : {}),
  };
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { config, mailKeyBytes } from '../../core/config.js';

/**
 * Mailbox passwords at rest: AES-256-GCM with MAIL_CREDENTIALS_KEY (or, when unset, a key
 * derived from APP_SECRET). Stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
function key(): Buffer {
  const cfg = config();
  if (cfg.MAIL_CREDENTIALS_KEY) return mailKeyBytes(cfg.MAIL_CREDENTIALS_KEY)!;
  return Buffer.from(hkdfSync('sha256', cfg.APP_SECRET, 'mailbox-credentials', 'aes-256-gcm', 32));
}

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptSecret(stored: string): string {
  const [version, iv, tag, data] = stored.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('mailbox credential is not in the expected format');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

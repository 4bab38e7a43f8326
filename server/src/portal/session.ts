import { config } from '../core/config.js';
import { unauthorized } from '../core/errors.js';
import { signToken, verifyToken } from '../core/signed-token.js';

const PURPOSE = 'portal-owner';

/** Issued once the visitor proved the owner's phone digits: lets them see history and file requests. */
export function issuePortalSession(
  unitId: string,
  contactId: string,
): { token: string; expiresAt: Date } {
  const expiresAt = new Date(Date.now() + config().PORTAL_SESSION_MINUTES * 60_000);
  return { token: signToken(PURPOSE, [unitId, contactId], expiresAt), expiresAt };
}

export function portalSessionFrom(authorization: string | undefined): {
  unitId: string;
  contactId: string;
} {
  const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined;
  const verified = verifyToken(PURPOSE, token, 2);
  if (!verified.ok)
    throw unauthorized(
      verified.reason === 'expired'
        ? 'Your portal session ended; enter the serial and phone digits again'
        : 'Enter the serial and the last four digits of the phone number first',
    );
  return { unitId: verified.parts[0]!, contactId: verified.parts[1]! };
}

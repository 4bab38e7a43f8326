import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation.
export const hashPassword = (password: string): Promise<string> => hash(password);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verifying against this when the account does not exist keeps response times alike. */
export const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$t/1MR6mYdLA4uDk+P4bAEQ$AdEm2p/eCx9rcl4Hvq9hfgzPG6czjqKE2r2y+IqLRv8';

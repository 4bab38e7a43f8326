import type { RequestHandler } from 'express';
import { AppError } from '../core/errors.js';
import { toSessionUser } from '../users/service.js';
import { SESSION_COOKIE, csrfMatches, readSession, type SessionUser } from './session.js';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser | null;
    sessionId?: string;
    csrfToken?: string;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie to the current user. Unsafe methods with a session must carry
 * X-CSRF-Token (the value login returned): a cross-site form cannot set that header.
 */
export const authenticate: RequestHandler = async (req, _res, next) => {
  try {
    const sid = req.cookies?.[SESSION_COOKIE] as string | undefined;
    const session = await readSession(sid);
    if (!session || !sid) {
      req.user = null;
      return next();
    }
    if (!SAFE_METHODS.has(req.method) && !csrfMatches(session.csrf, req.get('x-csrf-token'))) {
      return next(new AppError(403, 'csrf_failed', 'Missing or wrong X-CSRF-Token header'));
    }
    req.user = await toSessionUser(session.userId);
    req.sessionId = sid;
    req.csrfToken = session.csrf;
    next();
  } catch (err) {
    next(err);
  }
};

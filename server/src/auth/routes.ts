import { Router } from 'express';
import type { Config } from '../core/config.js';
import { unauthorized } from '../core/errors.js';
import { RESPONDED, STAFF, defineRoute } from '../core/http/route.js';
import { User, type UserDoc } from '../users/model.js';
import { DUMMY_HASH, verifyPassword } from '../users/password.js';
import { presentUser } from '../users/presenter.js';
import { getUser, updateUserDoc } from '../users/service.js';
import { LoginLimits } from './login-limits.js';
import { loginBody } from './schema.js';
import { SESSION_COOKIE, createSession, destroySession } from './session.js';

export function authRoutes(config: Config): Router {
  const router = Router();
  const tag = 'Auth';
  const limits = new LoginLimits({
    perAccount: config.LOGIN_MAX_FAILS_PER_ACCOUNT,
    perIp: config.LOGIN_MAX_FAILS_PER_IP,
    blockMinutes: config.LOGIN_BLOCK_MINUTES,
  });
  const ttlSeconds = config.SESSION_TTL_HOURS * 3600;
  const secureCookie = config.PUBLIC_URL.startsWith('https://');

  defineRoute(router, {
    method: 'post',
    path: '/auth/login',
    tag,
    access: 'public',
    summary: 'Sign in with email and password; sets the session cookie and returns the CSRF token',
    body: loginBody,
    handler: async ({ body, req, res }) => {
      const email = body.email.toLowerCase();
      const ip = req.ip ?? 'unknown';
      await limits.assertAllowed(email, ip);
      const user = await User.findOne({ email }).lean<UserDoc>();
      const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, body.password);
      if (!user || !ok || !user.active) {
        await limits.recordFailure(email, ip);
        throw unauthorized('Wrong email or password');
      }
      await limits.recordSuccess(email);
      const { sid, csrf } = await createSession(String(user._id), ttlSeconds);
      await updateUserDoc(String(user._id), { $set: { lastLoginAt: new Date() } });
      res.cookie(SESSION_COOKIE, sid, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookie,
        path: '/',
        maxAge: ttlSeconds * 1000,
      });
      return { user: presentUser(user), csrfToken: csrf };
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/auth/logout',
    tag,
    access: STAFF,
    summary: 'End this session',
    handler: async ({ req, res }) => {
      if (req.sessionId) await destroySession(req.sessionId);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.status(204).end();
      return RESPONDED;
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/auth/me',
    tag,
    access: STAFF,
    summary: 'The signed-in user and the CSRF token',
    handler: async ({ me, req }) => ({
      user: presentUser(await getUser(me.id)),
      csrfToken: req.csrfToken,
    }),
  });

  return router;
}

import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { z } from 'zod';
import { type ZodType } from 'zod';
import { forbidden, unauthorized, unsupportedMediaType } from '../errors.js';
import { openApiRegistry } from './openapi.js';
import type { SessionUser } from '../../auth/session.js';

export const ROLES = ['admin', 'supervisor', 'expert'] as const;
export type Role = (typeof ROLES)[number];
export const STAFF: readonly Role[] = ROLES;
export const MANAGERS: readonly Role[] = ['admin', 'supervisor'];
export const ADMINS: readonly Role[] = ['admin'];

/** Returned by a handler that wrote the response itself (streams, redirects). */
export const RESPONDED = Symbol('responded');

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  user: SessionUser | null;
  /** The signed-in user; only on routes that are not public (throws 401 otherwise). */
  me: SessionUser;
  req: Request;
  res: Response;
}

export interface RouteSpec<P, Q, B> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path relative to /api, e.g. `/contacts/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** 'public' routes need no session; otherwise the caller needs one of these roles. */
  access: 'public' | readonly Role[];
  rateLimit?: RequestHandler;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Documentation of the success body. */
  response?: ZodType;
  status?: number;
  handler(ctx: RouteContext<P, Q, B>): Promise<unknown>;
}

/**
 * Every route reads the same way: rate limit -> authenticate -> validate -> authorise -> command
 * -> presenter. The handler returns what leaves the server (already presented).
 */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  router: Router,
  spec: RouteSpec<P, Q, B>,
): void {
  registerOpenApi(spec);
  const handlers: RequestHandler[] = [];
  if (spec.rateLimit) handlers.push(spec.rateLimit);
  handlers.push(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = req.user ?? null;
      if (spec.access !== 'public') {
        if (!user) throw unauthorized();
        const allowed = spec.access;
        if (!user.roles.some((r) => allowed.includes(r))) throw forbidden();
      }
      if (spec.body && req.headers['content-length'] !== '0' && req.body === undefined) {
        if (req.headers['content-type'] && !req.is('application/json')) {
          throw unsupportedMediaType('Send the body as application/json');
        }
      }
      const params = (spec.params ? spec.params.parse(req.params) : {}) as P;
      const query = (spec.query ? spec.query.parse(req.query ?? {}) : {}) as Q;
      const body = (spec.body ? spec.body.parse(req.body ?? {}) : undefined) as B;
      const ctx: RouteContext<P, Q, B> = {
        params,
        query,
        body,
        user,
        req,
        res,
        get me(): SessionUser {
          if (!user) throw unauthorized();
          return user;
        },
      };
      const result = await spec.handler(ctx);
      if (result === RESPONDED) return;
      if (result === undefined) {
        res.status(204).end();
        return;
      }
      res.status(spec.status ?? 200).json(result);
    } catch (err) {
      next(err);
    }
  });
  router[spec.method](spec.path, ...handlers);
}

function registerOpenApi<P, Q, B>(spec: RouteSpec<P, Q, B>) {
  const path = '/api' + spec.path.replace(/:([A-Za-z_]+)/g, '{$1}');
  openApiRegistry.registerPath({
    method: spec.method,
    path,
    summary: spec.summary,
    tags: [spec.tag],
    security: spec.access === 'public' ? [] : [{ session: [] }],
    request: {
      params: spec.params as z.ZodObject | undefined,
      query: spec.query as z.ZodObject | undefined,
      body: spec.body
        ? { content: { 'application/json': { schema: spec.body as ZodType } } }
        : undefined,
    },
    responses: {
      [spec.status ?? 200]: {
        description: 'Success',
        content: spec.response ? { 'application/json': { schema: spec.response } } : undefined,
      },
      400: { description: 'Invalid input' },
      ...(spec.access === 'public'
        ? {}
        : { 401: { description: 'No session' }, 403: { description: 'Role not allowed' } }),
    },
  });
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import { AppError, isDuplicateKeyError } from '../errors.js';
import { logger } from '../logger.js';

/** Turns any thrown error into the one JSON error shape with the right status. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError(
      400,
      'validation_failed',
      err.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; '),
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
    );
  }
  if (err instanceof mongoose.Error.CastError) {
    return new AppError(400, 'invalid_id', `Invalid value for ${err.path}`);
  }
  if (err instanceof mongoose.Error.ValidationError) {
    return new AppError(422, 'invalid_record', err.message);
  }
  if (isDuplicateKeyError(err)) {
    return new AppError(409, 'duplicate', 'A record with the same unique value already exists');
  }
  if (
    err instanceof mongoose.mongo.MongoServerError &&
    /database is locked|SQLITE_BUSY/.test(err.message)
  ) {
    // Our local MongoDB-compatible server (FerretDB on SQLite) gives up under heavy write load.
    return new AppError(503, 'storage_busy', 'The database is busy; try again in a moment', {
      retryAfterSeconds: 1,
    });
  }
  const bodyError = err as { type?: string; status?: number; message?: string };
  switch (bodyError.type) {
    case 'entity.parse.failed':
      return new AppError(400, 'invalid_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new AppError(413, 'payload_too_large', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError(
        415,
        'unsupported_media_type',
        bodyError.message ?? 'Unsupported encoding',
      );
  }
  return new AppError(500, 'internal', 'Something went wrong on our side');
}

export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status >= 500) {
    logger.error({ err, reqId: req.id }, 'request failed');
  }
  const retry =
    appError.details && !Array.isArray(appError.details)
      ? appError.details.retryAfterSeconds
      : undefined;
  if (typeof retry === 'number') res.setHeader('Retry-After', String(Math.ceil(retry)));
  res.status(appError.status).json({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.details ? { details: appError.details } : {}),
    },
  });
};

export const notFoundMiddleware: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ error: { code: 'not_found', message: `No route for ${req.method} ${req.path}` } });
};

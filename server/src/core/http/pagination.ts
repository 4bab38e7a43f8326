import type { Model } from 'mongoose';
import { z } from 'zod';
import { badRequest } from '../errors.js';

/** Conventions: `?limit=` (1-100, default 25) and an opaque `?cursor=` from the previous page's nextCursor. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type CursorValue = { t: 'd' | 's' | 'n' | 'x'; v: string | number | null; id: string };

function encodeCursor(value: unknown, id: unknown): string {
  const c: CursorValue =
    value instanceof Date
      ? { t: 'd', v: value.toISOString(), id: String(id) }
      : typeof value === 'number'
        ? { t: 'n', v: value, id: String(id) }
        : value == null
          ? { t: 'x', v: null, id: String(id) }
          : { t: 's', v: String(value), id: String(id) };
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(cursor: string): { value: unknown; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as CursorValue;
    if (typeof c.id !== 'string' || !/^[a-f0-9]{24}$/.test(c.id)) throw new Error('bad id');
    const value = c.t === 'd' ? new Date(String(c.v)) : c.t === 'x' ? null : c.v;
    return { value, id: c.id };
  } catch {
    throw badRequest('invalid_cursor', 'The cursor is not one this server gave out');
  }
}

/** Keyset pagination on (sortField, _id): stable under inserts, no skip() scans. */
export async function paginate<T extends { _id: unknown }>(
  // Models' inferred raw types lack _id; the caller names the lean type it reads back.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  filter: Record<string, unknown>,
  options: { sortField: string; direction: 'asc' | 'desc'; limit: number; cursor?: string },
): Promise<{ docs: T[]; nextCursor: string | null }> {
  const dir = options.direction === 'asc' ? 1 : -1;
  const op = dir === 1 ? '$gt' : '$lt';
  let query = filter;
  if (options.cursor) {
    const { value, id } = decodeCursor(options.cursor);
    const after =
      options.sortField === '_id'
        ? { _id: { [op]: id } }
        : {
            $or: [
              { [options.sortField]: { [op]: value } },
              { [options.sortField]: value, _id: { [op]: id } },
            ],
          };
    query = { $and: [filter, after] };
  }
  const sort: Record<string, 1 | -1> = { [options.sortField]: dir };
  if (options.sortField !== '_id') sort._id = dir;
  const docs = (await model
    .find(query)
    .sort(sort)
    .limit(options.limit + 1)
    .lean()) as T[];
  const hasMore = docs.length > options.limit;
  const page = hasMore ? docs.slice(0, options.limit) : docs;
  const last = page[page.length - 1] as (T & Record<string, unknown>) | undefined;
  return {
    docs: page,
    nextCursor: hasMore && last ? encodeCursor(last[options.sortField], last._id) : null,
  };
}

/** `?sort=-createdAt` style, limited to the fields a resource allows. */
export function sortParam<const F extends string>(
  fields: readonly [F, ...F[]],
  fallback: `${'' | '-'}${F}`,
) {
  const allowed = fields.flatMap((f) => [f, `-${f}`]) as [string, ...string[]];
  return z
    .enum(allowed)
    .default(fallback)
    .transform((s) => ({
      sortField: s.replace(/^-/, '') as F,
      direction: s.startsWith('-') ? ('desc' as const) : ('asc' as const),
    }));
}

export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'must be a 24-character hex id');

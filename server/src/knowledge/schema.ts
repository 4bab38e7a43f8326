import { z } from 'zod';
import { objectId, pageQuery } from '../core/http/pagination.js';
import { ARTICLE_CATEGORIES } from '@cc/shared';

export const LOCALES = ['fa', 'en'] as const;
export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export const VISIBILITIES = ['public', 'internal'] as const;

/** Reserved: `/public/knowledge/search` would shadow an article with this slug. */
const RESERVED_SLUGS = new Set(['search']);

export const slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/, 'lower-case letters, digits and dashes')
  .refine((s) => !RESERVED_SLUGS.has(s), 'this slug is reserved');

const productModel = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{2,30}$/, 'a product model code')
  .transform((s) => s.toUpperCase());

const httpUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL');

const articleFields = {
  slug,
  locale: z.enum(LOCALES),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(100_000),
  category: z.enum(ARTICLE_CATEGORIES),
  productModels: z.array(productModel).max(50),
  tags: z.array(z.string().trim().min(1).max(40)).max(30),
  videoLinks: z.array(httpUrl).max(20),
  attachments: z
    .array(
      z.strictObject({
        fileId: objectId.nullable().default(null),
        name: z.string().trim().min(1).max(200),
        contentType: z
          .string()
          .trim()
          .max(100)
          .regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a MIME type such as application/pdf'),
        size: z.number().int().min(0).max(2_000_000_000),
        url: z
          .string()
          .trim()
          .max(500)
          .regex(/^(https?:\/\/|\/)[^\s]*$/, 'an http(s) URL or a path on this site')
          .nullable()
          .default(null),
      }),
    )
    .max(30),
  status: z.enum(ARTICLE_STATUSES),
  visibility: z.enum(VISIBILITIES),
};

export const createArticleBody = z
  .strictObject(articleFields)
  .partial()
  .required({ slug: true, locale: true, title: true, body: true, category: true });
export const updateArticleBody = z.strictObject(articleFields).partial();

export const listArticlesQuery = z.strictObject({
  ...pageQuery,
  category: z.enum(ARTICLE_CATEGORIES).optional(),
  locale: z.enum(LOCALES).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  productModel: productModel.optional(),
});

const searchText = z.string().trim().min(1).max(200);
const searchLimit = z.coerce.number().int().min(1).max(50).default(10);

export const staffSearchQuery = z.strictObject({
  q: searchText,
  locale: z.enum(LOCALES).optional(),
  category: z.enum(ARTICLE_CATEGORIES).optional(),
  status: z.enum(ARTICLE_STATUSES).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  productModel: productModel.optional(),
  limit: searchLimit,
});

export const publicSearchQuery = z.strictObject({
  q: searchText,
  locale: z.enum(LOCALES).optional(),
  category: z.enum(ARTICLE_CATEGORIES).optional(),
  productModel: productModel.optional(),
  limit: searchLimit,
});

export const publicArticleQuery = z.strictObject({ locale: z.enum(LOCALES).optional() });
export const slugParams = z.strictObject({ slug });
export const idParams = z.strictObject({ id: objectId });

import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { lockKey, withLocks } from '../core/locks.js';
import { Product } from '../products/model.js';
import { Article, type ArticleDoc } from './model.js';
import type { createArticleBody, listArticlesQuery, updateArticleBody } from './schema.js';
import { articleChanged, articleIdBySlug } from './search-index.js';

async function checkProductModels(codes: string[] | undefined): Promise<void> {
  if (!codes?.length) return;
  const wanted = [...new Set(codes)];
  const found = await Product.find({ code: { $in: wanted } }).lean<Array<{ code: string }>>();
  const known = new Set(found.map((p) => p.code));
  const missing = wanted.filter((c) => !known.has(c));
  if (missing.length)
    throw unprocessable('unknown_product', `No product model with code ${missing.join(', ')}`, {
      codes: missing,
    });
}

const slugTaken = (slug: string, locale: string) =>
  conflict('slug_taken', `An article with slug "${slug}" already exists in ${locale}`, {
    slug,
    locale,
  });

const slugUsedElsewhere = async (slug: string, locale: string, id: string) =>
  !!(await Article.exists({ slug, locale, _id: { $ne: id } }));

export async function createArticle(
  input: z.infer<typeof createArticleBody>,
  actorId: string,
): Promise<ArticleDoc> {
  await checkProductModels(input.productModels);
  const productModels = input.productModels ? [...new Set(input.productModels)] : undefined;
  let article: ArticleDoc;
  try {
    const created = await Article.create({ ...input, productModels, author: actorId });
    article = created.toObject() as ArticleDoc;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw slugTaken(input.slug, input.locale);
    throw err;
  }
  await articleChanged(String(article._id), article);
  await audit({
    actor: actorId,
    action: 'article.create',
    targetKind: 'article',
    targetId: String(article._id),
    details: { slug: article.slug, locale: article.locale },
  });
  return article;
}

export async function getArticle(id: string): Promise<ArticleDoc> {
  const article = await Article.findById(id).lean<ArticleDoc>();
  if (!article) throw notFound('Article');
  return article;
}

export async function updateArticle(
  id: string,
  input: z.infer<typeof updateArticleBody>,
  actorId: string,
): Promise<ArticleDoc> {
  await checkProductModels(input.productModels);
  // Held across the write and the index update, so this process's index sees the writes to
  // one article in the order MongoDB did.
  return withLocks([lockKey('article', id)], async () => {
    const before = await getArticle(id);
    const slug = input.slug ?? before.slug;
    const locale = input.locale ?? before.locale;
    if ((input.slug || input.locale) && (await slugUsedElsewhere(slug, locale, id)))
      throw slugTaken(slug, locale);
    const update: Record<string, unknown> = { ...input };
    if (input.productModels) update.productModels = [...new Set(input.productModels)];
    let article: ArticleDoc | null;
    try {
      article = await Article.findByIdAndUpdate(
        id,
        { $set: update },
        { new: true, runValidators: true },
      ).lean<ArticleDoc>();
    } catch (err) {
      // FerretDB reports a unique-index clash on update as a generic error (code 1), not 11000.
      if (isDuplicateKeyError(err) || (await slugUsedElsewhere(slug, locale, id)))
        throw slugTaken(slug, locale);
      throw err;
    }
    if (!article) throw notFound('Article');
    await articleChanged(id, article);
    await audit({
      actor: actorId,
      action: 'article.update',
      targetKind: 'article',
      targetId: id,
      details: {
        fields: Object.keys(input),
        ...(input.status && input.status !== before.status
          ? { status: { from: before.status, to: input.status } }
          : {}),
      },
    });
    return article;
  });
}

export async function deleteArticle(id: string, actorId: string): Promise<void> {
  await withLocks([lockKey('article', id)], async () => {
    const article = await getArticle(id);
    await Article.deleteOne({ _id: article._id });
    await articleChanged(id, null);
    await audit({
      actor: actorId,
      action: 'article.delete',
      targetKind: 'article',
      targetId: id,
      details: { slug: article.slug, locale: article.locale, title: article.title },
    });
  });
}

export async function listArticles(q: z.infer<typeof listArticlesQuery>) {
  const filter: Record<string, unknown> = {};
  if (q.category) filter.category = q.category;
  if (q.locale) filter.locale = q.locale;
  if (q.status) filter.status = q.status;
  if (q.visibility) filter.visibility = q.visibility;
  if (q.productModel) filter.productModels = q.productModel;
  return paginate<ArticleDoc>(Article, filter, {
    sortField: 'updatedAt',
    direction: 'desc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

/**
 * A published public article by slug for the widget and the portal. The slug is looked up in
 * the in-process index (no collection scan); the article itself is read by _id.
 * Without a locale: the Persian version, else the English one.
 */
export async function getPublicArticle(
  slug: string,
  locale: 'fa' | 'en' | undefined,
): Promise<{ article: ArticleDoc; translations: Array<'fa' | 'en'> }> {
  const locales: Array<'fa' | 'en'> = locale ? [locale] : ['fa', 'en'];
  const isPublic = (a: ArticleDoc | null): a is ArticleDoc =>
    !!a && a.status === 'published' && a.visibility === 'public';
  let article: ArticleDoc | null = null;
  for (const l of locales) {
    const id = await articleIdBySlug(l, slug);
    const found = id ? await Article.findById(id).lean<ArticleDoc>() : null;
    if (isPublic(found) && found.slug === slug) {
      article = found;
      break;
    }
  }
  if (!article) throw notFound('Article');
  const translations: Array<'fa' | 'en'> = [];
  for (const l of ['fa', 'en'] as const) {
    if (l === article.locale) continue;
    const id = await articleIdBySlug(l, slug);
    const other = id ? await Article.findById(id).lean<ArticleDoc>() : null;
    if (isPublic(other)) translations.push(l);
  }
  return { article, translations };
}

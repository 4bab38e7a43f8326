import type { ArticleDoc } from './model.js';
import { snippet, type SearchHit } from './search-index.js';

const idOrNull = (v: unknown) => (v ? String(v) : null);

export function presentArticle(a: ArticleDoc) {
  return {
    id: String(a._id),
    slug: a.slug,
    locale: a.locale,
    title: a.title,
    body: a.body,
    category: a.category,
    productModels: a.productModels ?? [],
    tags: a.tags ?? [],
    videoLinks: a.videoLinks ?? [],
    attachments: (a.attachments ?? []).map((f) => ({
      fileId: idOrNull(f.fileId),
      name: f.name ?? '',
      contentType: f.contentType ?? '',
      size: f.size ?? 0,
      url: f.url ?? null,
    })),
    status: a.status,
    visibility: a.visibility,
    author: idOrNull(a.author),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** What the public sees of an article: no author, status or internal ids. */
export function presentPublicArticle(a: ArticleDoc, translations: string[]) {
  return {
    slug: a.slug,
    locale: a.locale,
    title: a.title,
    body: a.body,
    category: a.category,
    productModels: a.productModels ?? [],
    videoLinks: a.videoLinks ?? [],
    attachments: (a.attachments ?? [])
      .filter((f) => f.url)
      .map((f) => ({
        name: f.name ?? '',
        contentType: f.contentType ?? '',
        size: f.size ?? 0,
        url: f.url,
      })),
    translations,
    updatedAt: a.updatedAt,
  };
}

export function presentPublicHit(h: SearchHit) {
  return {
    slug: h.article.slug,
    locale: h.article.locale,
    title: h.article.title,
    snippet: snippet(h.article.body, h.terms),
    category: h.article.category,
  };
}

export function presentStaffHit(h: SearchHit) {
  return {
    id: h.article.id,
    ...presentPublicHit(h),
    productModels: h.article.productModels,
    status: h.article.status,
    visibility: h.article.visibility,
    score: Math.round(h.score * 1000) / 1000,
  };
}

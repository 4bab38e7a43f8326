/** Knowledge archive: articles in Persian and English (read by all staff, written by managers). */
import type { ArticleCategory } from '@cc/shared';
import { queryString, request, requestJson, sendJson } from './http';
import type { Page } from './types';

export type ArticleStatus = 'draft' | 'published';
export type ArticleVisibility = 'public' | 'internal';

/** What the list shows of an article (the list and the search both give it). */
export interface ArticleRow {
  id: string;
  slug: string;
  locale: 'fa' | 'en';
  title: string;
  category: ArticleCategory;
  status: ArticleStatus;
  visibility: ArticleVisibility;
}

export interface Article extends ArticleRow {
  body: string;
  productModels: string[];
  tags: string[];
  videoLinks: string[];
  updatedAt: string;
}

export type ArticleFields = Omit<Article, 'id' | 'updatedAt'>;

export interface ArticleFilter {
  q: string;
  category: ArticleCategory | '';
  status: ArticleStatus | '';
}

/** Newest change first; with words, the best matches (Persian spellings normalised) instead. */
export async function findArticles(filter: ArticleFilter): Promise<ArticleRow[]> {
  const params = { category: filter.category || null, status: filter.status || null };
  if (filter.q.trim()) {
    const { items } = await requestJson<{ items: ArticleRow[] }>(
      `/api/knowledge/search${queryString({ ...params, q: filter.q.trim(), limit: 50 })}`,
    );
    return items;
  }
  const page = await requestJson<Page<Article>>(
    `/api/knowledge/articles${queryString({ ...params, limit: 100 })}`,
  );
  return page.items;
}

export function getArticle(id: string): Promise<Article> {
  return requestJson(`/api/knowledge/articles/${id}`);
}

export function createArticle(csrf: string, fields: ArticleFields): Promise<Article> {
  return sendJson('POST', '/api/knowledge/articles', csrf, fields);
}

export function updateArticle(
  csrf: string,
  id: string,
  fields: Partial<ArticleFields>,
): Promise<Article> {
  return sendJson('PATCH', `/api/knowledge/articles/${id}`, csrf, fields);
}

export async function deleteArticle(csrf: string, id: string): Promise<void> {
  await request(`/api/knowledge/articles/${id}`, {
    method: 'DELETE',
    headers: { 'X-CSRF-Token': csrf },
  });
}

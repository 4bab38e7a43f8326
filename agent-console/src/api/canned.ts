import type { CannedResponse } from '../state/canned';
import { queryString, request, requestJson, sendJson } from './http';

/** Shared responses and the user's own personal ones (the first 100 by shortcut). */
export async function listCannedResponses(): Promise<CannedResponse[]> {
  const { items } = await requestJson<{ items: CannedResponse[] }>(
    `/api/canned-responses${queryString({ limit: 100 })}`,
  );
  return items;
}

export type CannedFields = Omit<CannedResponse, 'id' | 'owner'>;

export function createCannedResponse(csrf: string, fields: CannedFields): Promise<CannedResponse> {
  return sendJson('POST', '/api/canned-responses', csrf, fields);
}

export function updateCannedResponse(
  csrf: string,
  id: string,
  fields: Partial<CannedFields>,
): Promise<CannedResponse> {
  return sendJson('PATCH', `/api/canned-responses/${id}`, csrf, fields);
}

export async function deleteCannedResponse(csrf: string, id: string): Promise<void> {
  await request(`/api/canned-responses/${id}`, {
    method: 'DELETE',
    headers: { 'X-CSRF-Token': csrf },
  });
}

export interface ArticleHit {
  id: string;
  slug: string;
  locale: 'fa' | 'en';
  title: string;
  snippet: string;
  status: string;
  visibility: string;
}

/** Published public articles a customer can open, best match first. */
export async function searchPublishedArticles(q: string): Promise<ArticleHit[]> {
  const { items } = await requestJson<{ items: ArticleHit[] }>(
    `/api/knowledge/search${queryString({ q, status: 'published', visibility: 'public', limit: 8 })}`,
  );
  return items;
}

/** The address of a published public article, as the customer would open it. */
export function articleUrl(hit: Pick<ArticleHit, 'slug' | 'locale'>): string {
  return `${location.origin}/api/public/knowledge/${encodeURIComponent(hit.slug)}${queryString({ locale: hit.locale })}`;
}

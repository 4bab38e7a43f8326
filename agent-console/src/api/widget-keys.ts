import { request, requestJson, sendJson } from './http';

/** A web-chat widget key and the site origins allowed to embed it (admins). */
export interface WidgetKey {
  id: string;
  key: string;
  name: string;
  allowedOrigins: string[];
  defaultTopic: string | null;
  defaultGroup: string | null;
  active: boolean;
}

export type WidgetKeyFields = Partial<Omit<WidgetKey, 'id' | 'key'>>;

export async function listWidgetKeys(): Promise<WidgetKey[]> {
  const { items } = await requestJson<{ items: WidgetKey[] }>('/api/widget-keys');
  return items;
}

export function createWidgetKey(csrf: string, fields: WidgetKeyFields): Promise<WidgetKey> {
  return sendJson('POST', '/api/widget-keys', csrf, fields);
}

export function updateWidgetKey(
  csrf: string,
  id: string,
  fields: WidgetKeyFields,
): Promise<WidgetKey> {
  return sendJson('PATCH', `/api/widget-keys/${id}`, csrf, fields);
}

export async function deleteWidgetKey(csrf: string, id: string): Promise<void> {
  await request(`/api/widget-keys/${id}`, { method: 'DELETE', headers: { 'X-CSRF-Token': csrf } });
}

/** One origin a line (or separated by spaces or commas), blanks dropped. */
export function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

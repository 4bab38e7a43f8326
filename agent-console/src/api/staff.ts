import type { Presence } from '@cc/shared';
import { queryString, requestJson, sendJson } from './http';
import type { BoardGroup, DirectoryUser, ExpertGroup, Page, Product, StaffUser } from './types';

/** Managers only: experts get 403 and the console falls back to what it can see. */
export function listUsers(
  params: { group?: string; presence?: Presence; role?: string } = {},
): Promise<Page<StaffUser>> {
  return requestJson(`/api/users${queryString({ ...params, limit: 100 })}`);
}

/** Colleagues any staff member may see: experts their groups' members and the managers. */
export async function staffDirectory(): Promise<DirectoryUser[]> {
  const { items } = await requestJson<{ items: DirectoryUser[] }>('/api/users/directory');
  return items;
}

export async function listGroups(): Promise<ExpertGroup[]> {
  const { items } = await requestJson<{ items: ExpertGroup[] }>('/api/expert-groups');
  return items;
}

export async function listProducts(): Promise<Product[]> {
  const { items } = await requestJson<{ items: Product[] }>('/api/products');
  return items;
}

export function setMyPresence(csrf: string, status: Presence): Promise<StaffUser> {
  return sendJson('PUT', '/api/users/me/presence', csrf, { status });
}

export function setUserPresence(
  csrf: string,
  userId: string,
  status: Presence,
): Promise<StaffUser> {
  return sendJson('PUT', `/api/users/${userId}/presence`, csrf, { status });
}

export function requeueUser(csrf: string, userId: string): Promise<{ moved: number }> {
  return sendJson('POST', `/api/users/${userId}/requeue`, csrf);
}

export async function queueBoard(): Promise<BoardGroup[]> {
  const { items } = await requestJson<{ items: BoardGroup[] }>('/api/queue');
  return items;
}

import type { Locale } from '../i18n/dictionaries';
import { ApiError, request, requestJson } from './http';

export type Role = 'admin' | 'supervisor' | 'expert';
export type Presence = 'online' | 'away' | 'offline';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
  presence: Presence;
  groups: string[];
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export function login(email: string, password: string): Promise<Session> {
  return requestJson<Session>('/api/auth/login', {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
}

/** The session behind the cookie, or null when there is none. */
export async function currentSession(): Promise<Session | null> {
  try {
    return await requestJson<Session>('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function logout(csrfToken: string): Promise<void> {
  await request('/api/auth/logout', { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } });
}

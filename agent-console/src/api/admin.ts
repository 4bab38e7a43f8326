/** Admin pages: staff, expert groups and routing rules (GET for managers, writes for admins). */
import type { Presence } from '@cc/shared';
import type { Role } from './auth';
import { queryString, requestJson, sendJson } from './http';
import type { LocalizedText, Page } from './types';

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  groups: string[];
  maxConcurrent: number | null;
  phone: string | null;
  presence: Presence;
  active: boolean;
}

export interface UserFields {
  email?: string;
  password?: string;
  displayName?: string;
  roles?: Role[];
  groups?: string[];
  maxConcurrent?: number | null;
  phone?: string | null;
  active?: boolean;
}

export function listAllUsers(): Promise<Page<AdminUser>> {
  return requestJson(`/api/users${queryString({ limit: 100 })}`);
}

export function createUser(csrf: string, fields: UserFields): Promise<AdminUser> {
  return sendJson('POST', '/api/users', csrf, fields);
}

export function updateUser(csrf: string, id: string, fields: UserFields): Promise<AdminUser> {
  return sendJson('PATCH', `/api/users/${id}`, csrf, fields);
}

export interface WeeklyInterval {
  day: number;
  open: string;
  close: string;
}

export interface AdminGroup {
  id: string;
  slug: string;
  name: LocalizedText;
  businessHours: {
    timezone: string;
    alwaysOpen: boolean;
    weekly: WeeklyInterval[];
    holidays: string[];
  };
  sla: { firstResponseMinutes: number; resolutionMinutes: number; warningPercent: number };
  defaultMaxConcurrent: number;
  overflowGroup: string | null;
  overflowAfterMinutes: number;
  isDefault: boolean;
  active: boolean;
}

export type GroupFields = Partial<Omit<AdminGroup, 'id'>>;

export async function listAllGroups(): Promise<AdminGroup[]> {
  const { items } = await requestJson<{ items: AdminGroup[] }>('/api/expert-groups');
  return items;
}

export function createGroup(csrf: string, fields: GroupFields): Promise<AdminGroup> {
  return sendJson('POST', '/api/expert-groups', csrf, fields);
}

export function updateGroup(csrf: string, id: string, fields: GroupFields): Promise<AdminGroup> {
  return sendJson('PATCH', `/api/expert-groups/${id}`, csrf, fields);
}

export const RULE_KINDS = ['entry-point', 'product-model', 'ticket-type'] as const;
export const ENTRY_KINDS = [
  'webchat-topic',
  'ivr-digit',
  'mailbox',
  'sms-number',
  'voice-number',
] as const;

export interface RoutingRule {
  id: string;
  kind: (typeof RULE_KINDS)[number];
  entryKind: (typeof ENTRY_KINDS)[number] | null;
  value: string;
  group: string;
  order: number;
  active: boolean;
}

export type RuleFields = Partial<Omit<RoutingRule, 'id'>>;

export async function listRules(): Promise<RoutingRule[]> {
  const { items } = await requestJson<{ items: RoutingRule[] }>('/api/routing-rules');
  return items;
}

export function createRule(csrf: string, fields: RuleFields): Promise<RoutingRule> {
  return sendJson('POST', '/api/routing-rules', csrf, fields);
}

export function updateRule(csrf: string, id: string, fields: RuleFields): Promise<RoutingRule> {
  return sendJson('PATCH', `/api/routing-rules/${id}`, csrf, fields);
}

export function deleteRule(csrf: string, id: string): Promise<void> {
  return sendJson('DELETE', `/api/routing-rules/${id}`, csrf);
}

import type { UserDoc } from './model.js';

export function presentUser(u: UserDoc) {
  return {
    id: String(u._id),
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    groups: (u.groups ?? []).map(String),
    skills: u.skills ?? [],
    languages: u.languages ?? [],
    maxConcurrent: u.maxConcurrent ?? null,
    phone: u.phone ?? null,
    locale: u.locale,
    presence: u.presence,
    presenceChangedAt: u.presenceChangedAt,
    activeCount: u.activeCount,
    active: u.active,
    lastLoginAt: u.lastLoginAt ?? null,
  };
}
export type PresentedUser = ReturnType<typeof presentUser>;

/** What any staff member may know about a colleague: name, groups and presence. */
export function presentDirectoryEntry(u: UserDoc) {
  return {
    id: String(u._id),
    displayName: u.displayName,
    groups: (u.groups ?? []).map(String),
    presence: u.presence,
  };
}
export type DirectoryEntry = ReturnType<typeof presentDirectoryEntry>;

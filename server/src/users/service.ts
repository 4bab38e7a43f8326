import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { escapeRegex } from '../core/text.js';
import { isDuplicateKeyError } from '../core/errors.js';
import { lockKey, withLocks } from '../core/locks.js';
import { assignWaitingTickets } from '../routing/assignment.js';
import { syncExpertIndex } from '../routing/routing-index.js';
import { ExpertGroup } from '../expert-groups/model.js';
import { hashPassword, verifyPassword } from './password.js';
import { User, type UserDoc } from './model.js';
import type {
  createUserBody,
  directoryQuery,
  listUsersQuery,
  updateMeBody,
  updateUserBody,
} from './schema.js';
import type { SessionUser } from '../auth/session.js';

async function assertGroupsExist(groups: string[] | undefined) {
  if (!groups?.length) return;
  const found = await ExpertGroup.countDocuments({ _id: { $in: groups } });
  if (found !== new Set(groups).size)
    throw unprocessable('unknown_group', 'One or more groups do not exist');
}

/**
 * Every write to a user document goes through the user's lock: routing changes activeCount
 * and presence concurrently, and our local server does not apply updates atomically.
 */
export function updateUserDoc(
  id: string,
  update: Record<string, unknown>,
): Promise<UserDoc | null> {
  return withLocks([lockKey('user', id)], async () => {
    const before = await User.findById(id, { groups: 1 }).lean<UserDoc>();
    const after = await User.findByIdAndUpdate(id, update, { new: true }).lean<UserDoc>();
    if (after) await syncExpertIndex(after, before?.groups ?? []);
    return after;
  });
}

export async function createUser(
  input: z.infer<typeof createUserBody>,
  actorId: string | null,
): Promise<UserDoc> {
  await assertGroupsExist(input.groups);
  const { password, ...rest } = input;
  try {
    const user = await User.create({
      ...rest,
      email: rest.email.toLowerCase(),
      passwordHash: await hashPassword(password),
    });
    await audit({
      actor: actorId,
      action: 'user.create',
      targetKind: 'user',
      targetId: String(user._id),
    });
    return user.toObject() as UserDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('email_taken', 'A user with this email already exists');
    throw err;
  }
}

export async function getUser(id: string): Promise<UserDoc> {
  const user = await User.findById(id).lean<UserDoc>();
  if (!user) throw notFound('User');
  return user;
}

export async function listUsers(q: z.infer<typeof listUsersQuery>) {
  const filter: Record<string, unknown> = {};
  if (q.role) filter.roles = q.role;
  if (q.group) filter.groups = q.group;
  if (q.presence) filter.presence = q.presence;
  if (q.q) {
    const re = new RegExp(escapeRegex(q.q), 'i');
    filter.$or = [{ displayName: re }, { email: re }];
  }
  return paginate<UserDoc>(User, filter, {
    sortField: 'displayName',
    direction: 'asc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

export async function updateUser(
  id: string,
  input: z.infer<typeof updateUserBody>,
  actorId: string,
): Promise<UserDoc> {
  await assertGroupsExist(input.groups);
  const { password, ...rest } = input;
  const update: Record<string, unknown> = { ...rest };
  if (password) update.passwordHash = await hashPassword(password);
  const user = await updateUserDoc(id, { $set: update });
  if (!user) throw notFound('User');
  await audit({
    actor: actorId,
    action: 'user.update',
    targetKind: 'user',
    targetId: id,
    details: { fields: Object.keys(input) },
  });
  // More room (capacity raised, a new group): the expert takes waiting tickets at once.
  if (input.maxConcurrent !== undefined || input.groups || input.roles)
    await assignWaitingTickets(id);
  return (await User.findById(id).lean<UserDoc>()) ?? user;
}

export async function updateMe(
  me: SessionUser,
  input: z.infer<typeof updateMeBody>,
): Promise<UserDoc> {
  const { currentPassword, newPassword, ...rest } = input;
  const update: Record<string, unknown> = { ...rest };
  if (newPassword) {
    const user = await getUser(me.id);
    if (!(await verifyPassword(user.passwordHash, currentPassword ?? ''))) {
      throw unprocessable('wrong_password', 'The current password is not correct');
    }
    update.passwordHash = await hashPassword(newPassword);
  }
  const user = await updateUserDoc(me.id, { $set: update });
  if (!user) throw notFound('User');
  return user;
}

export async function toSessionUser(userId: string): Promise<SessionUser | null> {
  // By _id alone: our local server looks that up by index, other filters scan the collection.
  const user = await User.findById(userId).lean<UserDoc>();
  if (!user || !user.active) return null;
  return {
    id: String(user._id),
    email: user.email,
    displayName: user.displayName,
    roles: user.roles as SessionUser['roles'],
    groups: (user.groups ?? []).map(String),
  };
}

/** The most colleagues one directory answer lists; a contact centre's staff fits well within it. */
export const DIRECTORY_LIMIT = 1000;

/**
 * Active staff a user may see by name: managers see everyone; experts see those sharing at least
 * one group with them, and the supervisors and admins.
 */
export async function staffDirectory(
  me: SessionUser,
  q: z.infer<typeof directoryQuery>,
): Promise<UserDoc[]> {
  const filter: Record<string, unknown> = { active: true };
  const manager = me.roles.includes('admin') || me.roles.includes('supervisor');
  if (!manager) {
    filter.$or = [
      { groups: { $in: me.groups } },
      { roles: { $in: ['admin', 'supervisor'] } },
      { _id: me.id },
    ];
  }
  if (q.q) filter.displayName = new RegExp(escapeRegex(q.q), 'i');
  return User.find(filter, { displayName: 1, groups: 1, presence: 1, roles: 1 })
    .sort({ displayName: 1, _id: 1 })
    .limit(DIRECTORY_LIMIT)
    .lean<UserDoc[]>();
}

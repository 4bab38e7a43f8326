import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, forbidden, isDuplicateKeyError, notFound } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { escapeRegex } from '../core/text.js';
import type { SessionUser } from '../auth/session.js';
import { CannedResponse, type CannedResponseDoc } from './model.js';
import type {
  createCannedResponseBody,
  listCannedResponsesQuery,
  updateCannedResponseBody,
} from './schema.js';

const isManager = (me: SessionUser) =>
  me.roles.includes('admin') || me.roles.includes('supervisor');

/** Shared responses and the caller's own personal ones. */
function visibleTo(me: SessionUser): Record<string, unknown> {
  return { $or: [{ scope: 'shared' }, { scope: 'personal', owner: me.id }] };
}

/** Personal: only the owner; shared: supervisors and admins. */
function assertMayChange(me: SessionUser, doc: CannedResponseDoc) {
  if (doc.scope === 'shared' ? !isManager(me) : String(doc.owner) !== me.id)
    throw forbidden('Only supervisors and admins change shared responses');
}

function shortcutTaken(shortcut: string) {
  return conflict('shortcut_taken', `The shortcut "${shortcut}" is already in use`, { shortcut });
}

async function findVisible(id: string, me: SessionUser): Promise<CannedResponseDoc> {
  const doc = await CannedResponse.findById(id).lean<CannedResponseDoc>();
  // Someone else's personal response does not exist as far as the caller can tell.
  if (!doc || (doc.scope === 'personal' && String(doc.owner) !== me.id))
    throw notFound('Canned response');
  return doc;
}

export async function listCannedResponses(
  me: SessionUser,
  q: z.infer<typeof listCannedResponsesQuery>,
) {
  const and: Record<string, unknown>[] = [visibleTo(me)];
  if (q.locale) and.push({ locale: q.locale });
  if (q.scope) and.push({ scope: q.scope });
  const text = q.q?.replace(/^\//, '');
  if (text) {
    const re = new RegExp(escapeRegex(text), 'i');
    and.push({ $or: [{ title: re }, { shortcut: re }] });
  }
  return paginate<CannedResponseDoc>(
    CannedResponse,
    { $and: and },
    {
      sortField: 'shortcut',
      direction: 'asc',
      limit: q.limit,
      cursor: q.cursor,
    },
  );
}

export const getCannedResponse = findVisible;

export async function createCannedResponse(
  me: SessionUser,
  input: z.infer<typeof createCannedResponseBody>,
): Promise<CannedResponseDoc> {
  if (input.scope === 'shared' && !isManager(me))
    throw forbidden('Only supervisors and admins create shared responses');
  try {
    const doc = await CannedResponse.create({ ...input, owner: me.id });
    await audit({
      actor: me.id,
      action: 'canned-response.create',
      targetKind: 'canned-response',
      targetId: String(doc._id),
      details: { scope: input.scope, shortcut: input.shortcut },
    });
    return doc.toObject() as CannedResponseDoc;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw shortcutTaken(input.shortcut);
    throw err;
  }
}

export async function updateCannedResponse(
  me: SessionUser,
  id: string,
  input: z.infer<typeof updateCannedResponseBody>,
): Promise<CannedResponseDoc> {
  const before = await findVisible(id, me);
  assertMayChange(me, before);
  if (input.scope === 'shared' && !isManager(me))
    throw forbidden('Only supervisors and admins share responses');
  const update: Record<string, unknown> = { ...input };
  // A shared response made personal becomes the personal response of whoever did it.
  if (input.scope === 'personal' && before.scope === 'shared') update.owner = me.id;
  try {
    const after = await CannedResponse.findByIdAndUpdate(
      id,
      { $set: update },
      { new: true },
    ).lean<CannedResponseDoc>();
    if (!after) throw notFound('Canned response');
    await audit({
      actor: me.id,
      action: 'canned-response.update',
      targetKind: 'canned-response',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return after;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw shortcutTaken(input.shortcut ?? before.shortcut);
    throw err;
  }
}

export async function deleteCannedResponse(me: SessionUser, id: string): Promise<void> {
  const doc = await findVisible(id, me);
  assertMayChange(me, doc);
  await CannedResponse.deleteOne({ _id: id });
  await audit({
    actor: me.id,
    action: 'canned-response.delete',
    targetKind: 'canned-response',
    targetId: id,
    details: { shortcut: doc.shortcut },
  });
}

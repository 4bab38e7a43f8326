import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { ExpertGroup, type ExpertGroupDoc } from './model.js';
import type { createGroupBody, updateGroupBody } from './schema.js';

export async function listGroups(): Promise<ExpertGroupDoc[]> {
  return ExpertGroup.find().sort({ slug: 1 }).lean<ExpertGroupDoc[]>();
}

export async function getGroup(id: string): Promise<ExpertGroupDoc> {
  const group = await ExpertGroup.findById(id).lean<ExpertGroupDoc>();
  if (!group) throw notFound('Expert group');
  return group;
}

async function checkOverflow(id: string | null, overflow: string | null | undefined) {
  if (!overflow) return;
  if (id && overflow === id)
    throw unprocessable('overflow_self', 'A group cannot overflow into itself');
  if (!(await ExpertGroup.exists({ _id: overflow })))
    throw unprocessable('unknown_group', 'The overflow group does not exist');
}

/** Only one default group: setting it on one clears it elsewhere. */
async function keepSingleDefault(id: string, isDefault: boolean | undefined) {
  if (isDefault)
    await ExpertGroup.updateMany(
      { _id: { $ne: id }, isDefault: true },
      { $set: { isDefault: false } },
    );
}

export async function createGroup(
  input: z.infer<typeof createGroupBody>,
  actorId: string,
): Promise<ExpertGroupDoc> {
  await checkOverflow(null, input.overflowGroup);
  try {
    const group = await ExpertGroup.create(input);
    await keepSingleDefault(String(group._id), input.isDefault);
    await audit({
      actor: actorId,
      action: 'group.create',
      targetKind: 'expertGroup',
      targetId: String(group._id),
    });
    return group.toObject() as ExpertGroupDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('slug_taken', 'A group with this slug already exists');
    throw err;
  }
}

export async function updateGroup(
  id: string,
  input: z.infer<typeof updateGroupBody>,
  actorId: string,
): Promise<ExpertGroupDoc> {
  await checkOverflow(id, input.overflowGroup);
  try {
    const group = await ExpertGroup.findByIdAndUpdate(
      id,
      { $set: input },
      { new: true },
    ).lean<ExpertGroupDoc>();
    if (!group) throw notFound('Expert group');
    await keepSingleDefault(id, input.isDefault);
    await audit({
      actor: actorId,
      action: 'group.update',
      targetKind: 'expertGroup',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return group;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('slug_taken', 'A group with this slug already exists');
    throw err;
  }
}

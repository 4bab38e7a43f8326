import { z } from 'zod';
import { objectId } from '../core/http/pagination.js';
import { PRESENCE } from '../users/model.js';
import { ENTRY_KINDS, RULE_KINDS } from './rules.model.js';

export const presenceBody = z.strictObject({ status: z.enum(PRESENCE) });

const ruleFields = {
  kind: z.enum(RULE_KINDS),
  entryKind: z.enum(ENTRY_KINDS).nullable(),
  value: z.string().trim().min(1).max(200),
  group: objectId,
  order: z.number().int().min(0).max(10_000),
  active: z.boolean(),
};

const entryKindMatchesKind = (r: { kind?: string; entryKind?: string | null }) =>
  r.kind === undefined || (r.kind === 'entry-point') === Boolean(r.entryKind);

export const createRuleBody = z
  .strictObject(ruleFields)
  .partial()
  .required({ kind: true, value: true, group: true })
  .refine(entryKindMatchesKind, {
    message: 'entry-point rules need an entryKind; other kinds must not have one',
    path: ['entryKind'],
  });
export const updateRuleBody = z
  .strictObject(ruleFields)
  .partial()
  .refine(entryKindMatchesKind, {
    message: 'entry-point rules need an entryKind; other kinds must not have one',
    path: ['entryKind'],
  });
export const idParams = z.strictObject({ id: objectId });
export const groupParams = z.strictObject({ groupId: objectId });

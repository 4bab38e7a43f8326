import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { lockKey, withLocks } from '../core/locks.js';
import { escapeRegex } from '../core/text.js';
import { normaliseText } from '../knowledge/normalise.js';
import { Competitor, type CompetitorDoc } from './model.js';
import type { createCompetitorBody, listCompetitorsQuery, updateCompetitorBody } from './schema.js';

export const nameKeyOf = (name: string) => normaliseText(name).replace(/\s+/g, ' ').trim();

type Share = { province: string; percent: number; asOf: Date };

/** One estimate per province and date. */
function checkShares(shares: Share[] | undefined) {
  const seen = new Set<string>();
  for (const [i, s] of (shares ?? []).entries()) {
    const key = `${nameKeyOf(s.province)}|${s.asOf.toISOString()}`;
    if (seen.has(key))
      throw unprocessable(
        'duplicate_share',
        `Two estimates for ${s.province} on the same date (shares.${i})`,
        { index: i },
      );
    seen.add(key);
  }
}

const nameTaken = (name: string) =>
  conflict('name_taken', `A competitor named "${name}" already exists`, { name });

const nameUsedElsewhere = async (name: string, id: string) =>
  !!(await Competitor.exists({ nameKey: nameKeyOf(name), _id: { $ne: id } }));

const sortShares = (shares: Share[]) =>
  [...shares].sort(
    (a, b) => a.province.localeCompare(b.province) || a.asOf.getTime() - b.asOf.getTime(),
  );

export async function createCompetitor(
  input: z.infer<typeof createCompetitorBody>,
  actorId: string,
): Promise<CompetitorDoc> {
  checkShares(input.shares);
  try {
    const competitor = await Competitor.create({
      ...input,
      nameKey: nameKeyOf(input.name),
      products: [...new Set(input.products ?? [])],
      shares: sortShares(input.shares ?? []),
    });
    await audit({
      actor: actorId,
      action: 'competitor.create',
      targetKind: 'competitor',
      targetId: String(competitor._id),
      details: { name: competitor.name },
    });
    return competitor.toObject() as CompetitorDoc;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw nameTaken(input.name);
    throw err;
  }
}

export async function getCompetitor(id: string): Promise<CompetitorDoc> {
  const competitor = await Competitor.findById(id).lean<CompetitorDoc>();
  if (!competitor) throw notFound('Competitor');
  return competitor;
}

export async function updateCompetitor(
  id: string,
  input: z.infer<typeof updateCompetitorBody>,
  actorId: string,
): Promise<CompetitorDoc> {
  checkShares(input.shares);
  return withLocks([lockKey('competitor', id)], async () => {
    await getCompetitor(id);
    if (input.name && (await nameUsedElsewhere(input.name, id))) throw nameTaken(input.name);
    const update: Record<string, unknown> = { ...input };
    if (input.name) update.nameKey = nameKeyOf(input.name);
    if (input.products) update.products = [...new Set(input.products)];
    if (input.shares) update.shares = sortShares(input.shares);
    let competitor: CompetitorDoc | null;
    try {
      competitor = await Competitor.findByIdAndUpdate(
        id,
        { $set: update },
        { new: true, runValidators: true },
      ).lean<CompetitorDoc>();
    } catch (err) {
      // FerretDB reports a unique-index clash on update as a generic error (code 1), not 11000.
      if (isDuplicateKeyError(err) || (input.name && (await nameUsedElsewhere(input.name, id))))
        throw nameTaken(input.name ?? '');
      throw err;
    }
    if (!competitor) throw notFound('Competitor');
    await audit({
      actor: actorId,
      action: 'competitor.update',
      targetKind: 'competitor',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return competitor;
  });
}

export async function deleteCompetitor(id: string, actorId: string): Promise<void> {
  const competitor = await getCompetitor(id);
  await Competitor.deleteOne({ _id: competitor._id });
  await audit({
    actor: actorId,
    action: 'competitor.delete',
    targetKind: 'competitor',
    targetId: id,
    details: { name: competitor.name },
  });
}

export async function listCompetitors(q: z.infer<typeof listCompetitorsQuery>) {
  const filter: Record<string, unknown> = {};
  if (q.q) filter.name = new RegExp(escapeRegex(q.q), 'i');
  if (q.province) filter['shares.province'] = q.province;
  return paginate<CompetitorDoc>(Competitor, filter, {
    sortField: 'name',
    direction: 'asc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

/** The latest estimate per province (the register keeps the older ones as history). */
export function currentShares(shares: Share[]): Share[] {
  const latest = new Map<string, Share>();
  for (const s of shares) {
    const key = nameKeyOf(s.province);
    const have = latest.get(key);
    if (!have || s.asOf > have.asOf) latest.set(key, s);
  }
  return [...latest.values()].sort((a, b) => b.percent - a.percent);
}

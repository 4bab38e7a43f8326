import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { lockKey, withLocks } from '../core/locks.js';
import { escapeRegex } from '../core/text.js';
import { normaliseText } from '../knowledge/normalise.js';
import { Unit } from '../products/model.js';
import { Shipment } from '../shipments/model.js';
import { User } from '../users/model.js';
import { Visit, type VisitDoc } from '../visits/model.js';
import { distanceKm, type LatLng } from './geo.js';
import { Dealer, Technician, type DealerDoc, type TechnicianDoc } from './model.js';
import type {
  createDealerBody,
  createInspectionBody,
  createTechnicianBody,
  historyEntryBody,
  listDealersQuery,
  listInspectionsQuery,
  nearestQuery,
  updateDealerBody,
  updateInspectionBody,
  updateTechnicianBody,
} from './schema.js';

/* ---------------------------------------------------------------- dealers */

function checkContract(start: Date | null | undefined, end: Date | null | undefined) {
  if (start && end && end < start)
    throw unprocessable('contract_end_before_start', 'The contract ends before it starts');
}

export async function getDealer(id: string): Promise<DealerDoc> {
  const dealer = await Dealer.findById(id).lean<DealerDoc>();
  if (!dealer) throw notFound('Dealer');
  return dealer;
}

export async function createDealer(
  input: z.infer<typeof createDealerBody>,
  actorId: string,
): Promise<DealerDoc> {
  checkContract(input.contractStart, input.contractEnd);
  try {
    const dealer = await Dealer.create({
      ...input,
      location: input.location ?? { lat: null, lng: null },
      history: [{ at: new Date(), note: 'Dealer registered', by: actorId }],
    });
    await audit({
      actor: actorId,
      action: 'dealer.create',
      targetKind: 'dealer',
      targetId: String(dealer._id),
      details: { code: dealer.code },
    });
    return dealer.toObject() as DealerDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict('code_taken', `A dealer with code ${input.code} already exists`);
    throw err;
  }
}

export async function updateDealer(
  id: string,
  input: z.infer<typeof updateDealerBody>,
  actorId: string,
): Promise<DealerDoc> {
  // Read-modify-write of the history array: one writer at a time (see core/locks.ts).
  return withLocks([lockKey('dealer', id)], async () => {
    const before = await getDealer(id);
    checkContract(
      input.contractStart === undefined ? before.contractStart : input.contractStart,
      input.contractEnd === undefined ? before.contractEnd : input.contractEnd,
    );
    const update: Record<string, unknown> = { ...input };
    if (input.location === null) update.location = { lat: null, lng: null };
    if (input.status && input.status !== before.status) {
      update.history = [
        ...before.history,
        { at: new Date(), note: `Status ${before.status} -> ${input.status}`, by: actorId },
      ];
    }
    const dealer = await Dealer.findByIdAndUpdate(
      id,
      { $set: update },
      { new: true, runValidators: true },
    ).lean<DealerDoc>();
    if (!dealer) throw notFound('Dealer');
    await audit({
      actor: actorId,
      action: 'dealer.update',
      targetKind: 'dealer',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return dealer;
  });
}

export async function addHistoryEntry(
  id: string,
  input: z.infer<typeof historyEntryBody>,
  actorId: string,
): Promise<DealerDoc> {
  return withLocks([lockKey('dealer', id)], async () => {
    const before = await getDealer(id);
    const history = [
      ...before.history,
      { at: input.at ?? new Date(), note: input.note, by: actorId },
    ]
      .map((h) => ({ ...h, at: h.at ?? new Date(0) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const dealer = await Dealer.findByIdAndUpdate(
      id,
      { $set: { history } },
      { new: true },
    ).lean<DealerDoc>();
    await audit({ actor: actorId, action: 'dealer.history', targetKind: 'dealer', targetId: id });
    return dealer!;
  });
}

/** Only a dealer nothing refers to can be deleted; others are terminated (status) instead. */
export async function deleteDealer(id: string, actorId: string): Promise<void> {
  await withLocks([lockKey('dealer', id)], async () => {
    const dealer = await getDealer(id);
    const [units, technicians, visits, shipments] = await Promise.all([
      Unit.countDocuments({ dealer: id }),
      Technician.countDocuments({ dealer: id }),
      Visit.countDocuments({ dealer: id }),
      Shipment.countDocuments({ dealer: id }),
    ]);
    if (units + technicians + visits + shipments > 0) {
      throw conflict(
        'dealer_in_use',
        'This dealer has units, technicians, visits or shipments; set its status to terminated instead',
        { units, technicians, visits, shipments },
      );
    }
    await Dealer.deleteOne({ _id: dealer._id });
    await audit({
      actor: actorId,
      action: 'dealer.delete',
      targetKind: 'dealer',
      targetId: id,
      details: { code: dealer.code, name: dealer.name },
    });
  });
}

export async function listDealers(q: z.infer<typeof listDealersQuery>) {
  const filter: Record<string, unknown> = {};
  if (q.province) filter.province = q.province;
  if (q.city) filter.city = q.city;
  if (q.status) filter.status = q.status;
  if (q.kind) filter.kinds = q.kind;
  if (q.q) {
    const re = new RegExp(escapeRegex(q.q), 'i');
    filter.$or = [{ name: re }, { code: q.q.toUpperCase() }, { city: re }];
  }
  return paginate<DealerDoc>(Dealer, filter, {
    sortField: 'code',
    direction: 'asc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

/** Place names compared the way people type them: any case, Arabic or Persian letters, spacing. */
const samePlace = (a: string | null | undefined, b: string | null | undefined) =>
  !!a &&
  !!b &&
  normaliseText(a).replace(/\s+/g, ' ').trim() === normaliseText(b).replace(/\s+/g, ' ').trim();

export interface NearestDealer {
  dealer: DealerDoc;
  match: 'city' | 'province' | 'other';
  distanceKm: number | null;
}

/**
 * Active service dealers for a customer: same city first, then same province, then the rest;
 * within each, nearest first when both sides have coordinates (dealers without coordinates
 * after those with), then by code. Computed in JS over the active service dealers (a few
 * hundred at most), so no geo index is needed.
 */
export async function nearestDealers(q: z.infer<typeof nearestQuery>): Promise<NearestDealer[]> {
  const dealers = await Dealer.find({ status: 'active', kinds: 'service' }).lean<DealerDoc[]>();
  const from: LatLng | null =
    q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
  const rank = { city: 0, province: 1, other: 2 } as const;
  const ranked = dealers.map((dealer): NearestDealer => {
    const sameProvince = samePlace(dealer.province, q.province);
    const sameCity = samePlace(dealer.city, q.city) && (!q.province || sameProvince);
    const loc = dealer.location;
    const distance =
      from && loc && typeof loc.lat === 'number' && typeof loc.lng === 'number'
        ? distanceKm(from, { lat: loc.lat, lng: loc.lng })
        : null;
    return {
      dealer,
      match: sameCity ? 'city' : sameProvince ? 'province' : 'other',
      distanceKm: distance === null ? null : Math.round(distance * 10) / 10,
    };
  });
  ranked.sort(
    (a, b) =>
      rank[a.match] - rank[b.match] ||
      (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) ||
      a.dealer.code.localeCompare(b.dealer.code),
  );
  return ranked.slice(0, q.limit);
}

/* ------------------------------------------------------------ technicians */

function checkCertifications(certs: Array<{ issuedAt: Date; expiresAt: Date | null }> | undefined) {
  for (const [i, c] of (certs ?? []).entries()) {
    if (c.expiresAt && c.expiresAt < c.issuedAt)
      throw unprocessable(
        'certificate_expires_before_issue',
        `Certification ${i + 1} expires before it was issued`,
        { index: i },
      );
  }
}

/** Technicians' names by id (for lists that hold only the ids). */
export async function technicianNames(ids: readonly unknown[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter(Boolean).map(String))];
  if (!wanted.length) return new Map();
  const found = await Technician.find({ _id: { $in: wanted } }, { name: 1 }).lean<
    Array<Pick<TechnicianDoc, '_id' | 'name'>>
  >();
  return new Map(found.map((t) => [String(t._id), t.name]));
}

export async function listTechnicians(dealerId: string): Promise<TechnicianDoc[]> {
  return Technician.find({ dealer: dealerId }).sort({ name: 1 }).lean<TechnicianDoc[]>();
}

export async function createTechnician(
  dealerId: string,
  input: z.infer<typeof createTechnicianBody>,
  actorId: string,
): Promise<TechnicianDoc> {
  await getDealer(dealerId);
  checkCertifications(input.certifications);
  const technician = await Technician.create({ ...input, dealer: dealerId });
  await audit({
    actor: actorId,
    action: 'technician.create',
    targetKind: 'technician',
    targetId: String(technician._id),
    details: { dealer: dealerId },
  });
  return technician.toObject() as TechnicianDoc;
}

async function getTechnician(dealerId: string, technicianId: string): Promise<TechnicianDoc> {
  const technician = await Technician.findById(technicianId).lean<TechnicianDoc>();
  if (!technician || String(technician.dealer) !== dealerId) throw notFound('Technician');
  return technician;
}

export async function updateTechnician(
  dealerId: string,
  technicianId: string,
  input: z.infer<typeof updateTechnicianBody>,
  actorId: string,
): Promise<TechnicianDoc> {
  await getTechnician(dealerId, technicianId);
  checkCertifications(input.certifications);
  const technician = await Technician.findByIdAndUpdate(
    technicianId,
    { $set: input },
    { new: true, runValidators: true },
  ).lean<TechnicianDoc>();
  if (!technician) throw notFound('Technician');
  await audit({
    actor: actorId,
    action: 'technician.update',
    targetKind: 'technician',
    targetId: technicianId,
    details: { fields: Object.keys(input) },
  });
  return technician;
}

/** Removes a technician no unit names as installer; otherwise mark them inactive. */
export async function deleteTechnician(dealerId: string, technicianId: string, actorId: string) {
  const technician = await getTechnician(dealerId, technicianId);
  const installed = await Unit.countDocuments({ installer: technicianId });
  const visits = await Visit.countDocuments({ technician: technicianId });
  if (installed + visits > 0)
    throw conflict(
      'technician_in_use',
      'Units or visits name this technician; set active to false instead',
      { units: installed, visits },
    );
  await Technician.deleteOne({ _id: technician._id });
  await audit({
    actor: actorId,
    action: 'technician.delete',
    targetKind: 'technician',
    targetId: technicianId,
    details: { dealer: dealerId, name: technician.name },
  });
}

/* ------------------------------------------------------------ inspections */

const INSPECTION = 'dealer-inspection';

function todayEnd(): Date {
  const d = new Date();
  d.setUTCHours(23, 59, 59, 999);
  return d;
}

interface InspectionState {
  plannedAt: Date;
  doneAt: Date | null;
  status: 'planned' | 'done' | 'missed' | 'canceled';
  score: number | null;
}

/** A done date makes an inspection done; a score or a done date only belong to a done one. */
function resolveInspection(next: {
  plannedAt: Date;
  doneAt: Date | null;
  status: InspectionState['status'] | undefined;
  score: number | null;
}): InspectionState {
  const status = next.status ?? (next.doneAt ? 'done' : 'planned');
  if (next.doneAt && next.doneAt > todayEnd())
    throw unprocessable('done_in_future', 'An inspection cannot be done in the future');
  if (status === 'done' && !next.doneAt)
    throw unprocessable('done_without_date', 'A done inspection needs doneAt');
  if (status !== 'done' && next.doneAt)
    throw unprocessable('date_without_done', `An inspection with status ${status} has no doneAt`);
  if (status !== 'done' && next.score !== null)
    throw unprocessable('score_without_done', 'Only a done inspection has a score');
  return { plannedAt: next.plannedAt, doneAt: next.doneAt, status, score: next.score };
}

async function checkInspector(id: string | null | undefined) {
  if (id && !(await User.exists({ _id: id })))
    throw unprocessable('unknown_user', 'The inspector is not a user');
}

export async function createInspection(
  dealerId: string,
  input: z.infer<typeof createInspectionBody>,
  actorId: string,
): Promise<VisitDoc> {
  await getDealer(dealerId);
  await checkInspector(input.inspector);
  const state = resolveInspection({
    plannedAt: input.plannedAt,
    doneAt: input.doneAt ?? null,
    status: input.status,
    score: input.score ?? null,
  });
  const visit = await Visit.create({
    kind: INSPECTION,
    dealer: dealerId,
    inspector: input.inspector === undefined ? actorId : input.inspector,
    plannedAt: state.plannedAt,
    status: state.status,
    checklist: input.checklist ?? [],
    score: state.score,
    findings: input.findings ?? '',
    actions: input.actions ?? '',
    report: { doneAt: state.doneAt },
  });
  await audit({
    actor: actorId,
    action: 'dealer.inspection.create',
    targetKind: 'visit',
    targetId: String(visit._id),
    details: { dealer: dealerId, status: state.status, score: state.score },
  });
  return visit.toObject() as VisitDoc;
}

async function getInspection(dealerId: string, inspectionId: string): Promise<VisitDoc> {
  const visit = await Visit.findById(inspectionId).lean<VisitDoc>();
  if (!visit || visit.kind !== INSPECTION || String(visit.dealer) !== dealerId)
    throw notFound('Inspection');
  return visit;
}

export async function updateInspection(
  dealerId: string,
  inspectionId: string,
  input: z.infer<typeof updateInspectionBody>,
  actorId: string,
): Promise<VisitDoc> {
  await checkInspector(input.inspector);
  return withLocks([lockKey('visit', inspectionId)], async () => {
    const before = await getInspection(dealerId, inspectionId);
    const doneAt = input.doneAt === undefined ? (before.report?.doneAt ?? null) : input.doneAt;
    const state = resolveInspection({
      plannedAt: input.plannedAt ?? before.plannedAt,
      doneAt,
      // Setting a done date on a planned inspection completes it without naming the status.
      status:
        input.status ?? (input.doneAt && before.status === 'planned' ? 'done' : before.status),
      score: input.score === undefined ? (before.score ?? null) : input.score,
    });
    const update: Record<string, unknown> = {
      plannedAt: state.plannedAt,
      status: state.status,
      score: state.score,
      'report.doneAt': state.doneAt,
    };
    for (const k of ['inspector', 'checklist', 'findings', 'actions'] as const)
      if (input[k] !== undefined) update[k] = input[k];
    const visit = await Visit.findByIdAndUpdate(
      inspectionId,
      { $set: update },
      { new: true, runValidators: true },
    ).lean<VisitDoc>();
    await audit({
      actor: actorId,
      action: 'dealer.inspection.update',
      targetKind: 'visit',
      targetId: inspectionId,
      details: { dealer: dealerId, fields: Object.keys(input), status: state.status },
    });
    return visit!;
  });
}

export async function listInspections(dealerId: string, q: z.infer<typeof listInspectionsQuery>) {
  await getDealer(dealerId);
  const filter: Record<string, unknown> = { kind: INSPECTION, dealer: dealerId };
  if (q.status) filter.status = q.status;
  return paginate<VisitDoc>(Visit, filter, {
    sortField: 'plannedAt',
    direction: 'desc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

export const TREND_LENGTH = 10;

/** The dealer's record: itself, its technicians, recent inspections and the score trend. */
export async function dealerRecord(id: string) {
  const dealer = await getDealer(id);
  const [technicians, inspections] = await Promise.all([
    listTechnicians(id),
    Visit.find({ kind: INSPECTION, dealer: id })
      .sort({ plannedAt: -1, _id: -1 })
      .lean<VisitDoc[]>(),
  ]);
  const scored = inspections
    .filter((v) => v.status === 'done' && typeof v.score === 'number' && v.report?.doneAt)
    .sort((a, b) => a.report!.doneAt!.getTime() - b.report!.doneAt!.getTime())
    .slice(-TREND_LENGTH)
    .map((v) => ({ at: v.report!.doneAt!, score: v.score as number, inspection: String(v._id) }));
  const last = scored[scored.length - 1];
  const previous = scored[scored.length - 2];
  const trend = {
    scores: scored,
    average: scored.length
      ? Math.round((scored.reduce((s, v) => s + v.score, 0) / scored.length) * 10) / 10
      : null,
    last: last?.score ?? null,
    change: last && previous ? last.score - previous.score : null,
  };
  return { dealer, technicians, inspections: inspections.slice(0, 20), trend };
}

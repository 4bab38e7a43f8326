import { isoDay } from '../core/dates.js';
import type { VisitDoc } from '../visits/model.js';
import type { DealerDoc, TechnicianDoc } from './model.js';
import type { NearestDealer } from './service.js';

const day = (d: Date | null | undefined) => (d ? isoDay(new Date(d)) : null);
const idOrNull = (v: unknown) => (v ? String(v) : null);

export function presentDealer(d: DealerDoc) {
  const loc = d.location;
  return {
    id: String(d._id),
    code: d.code,
    name: d.name,
    kinds: d.kinds,
    province: d.province,
    city: d.city,
    address: d.address,
    phone: d.phone ?? null,
    location:
      loc && typeof loc.lat === 'number' && typeof loc.lng === 'number'
        ? { lat: loc.lat, lng: loc.lng }
        : null,
    region: d.region,
    status: d.status,
    contractStart: day(d.contractStart),
    contractEnd: day(d.contractEnd),
    workplaceCondition: d.workplaceCondition,
    needs: d.needs,
    history: (d.history ?? []).map((h) => ({
      at: h.at ?? null,
      note: h.note ?? '',
      by: idOrNull(h.by),
    })),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export function presentTechnician(t: TechnicianDoc, today = new Date()) {
  return {
    id: String(t._id),
    dealer: String(t.dealer),
    name: t.name,
    phone: t.phone ?? null,
    active: t.active,
    trainings: (t.trainings ?? []).map((x) => ({ title: x.title ?? '', date: day(x.date) })),
    certifications: (t.certifications ?? []).map((c) => ({
      title: c.title ?? '',
      issuedAt: day(c.issuedAt),
      expiresAt: day(c.expiresAt),
      valid: !c.expiresAt || new Date(c.expiresAt) >= new Date(isoDay(today)),
    })),
  };
}

export function presentInspection(v: VisitDoc) {
  return {
    id: String(v._id),
    dealer: String(v.dealer),
    inspector: idOrNull(v.inspector),
    status: v.status,
    plannedAt: day(v.plannedAt),
    doneAt: day(v.report?.doneAt),
    checklist: (v.checklist ?? []).map((c) => ({
      item: c.item ?? '',
      ok: !!c.ok,
      note: c.note ?? '',
    })),
    score: v.score ?? null,
    findings: v.findings,
    actions: v.actions,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function presentNearest(n: NearestDealer) {
  return { ...presentDealer(n.dealer), match: n.match, distanceKm: n.distanceKm };
}

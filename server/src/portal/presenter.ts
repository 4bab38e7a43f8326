import { isoDay } from '../core/dates.js';
import type { VisitDoc } from '../visits/model.js';
import { ticketNumberLabel, type TicketDoc } from '../tickets/model.js';
import type { OwnerView, UnitStatus } from './service.js';

/** What anyone with the serial sees: the model and the coverage with its end dates. */
export function presentUnitStatus(s: UnitStatus) {
  return {
    serial: s.unit.serial,
    product: { code: s.product.code, name: s.product.name },
    coverage: s.coverage,
    verified: false as boolean,
  };
}

/** Service history for the owner: no staff names, no internal notes. */
const presentHistoryTicket = (t: TicketDoc & { claimStep: string | null }) => ({
  id: String(t._id),
  label: ticketNumberLabel(t.number),
  type: t.type,
  status: t.status,
  claimStep: t.claimStep,
  createdAt: t.createdAt.toISOString(),
  resolvedAt: t.resolvedAt ? t.resolvedAt.toISOString() : null,
});

const presentHistoryVisit = (v: VisitDoc) => ({
  id: String(v._id),
  plannedAt: isoDay(v.plannedAt),
  status: v.status,
  doneAt: v.report?.doneAt ? isoDay(v.report.doneAt) : null,
  workDone: v.status === 'done' ? (v.report?.workDone ?? '') : '',
  outcome: v.status === 'done' ? (v.report?.outcome ?? '') : '',
});

export function presentOwnerView(v: OwnerView) {
  return {
    ...presentUnitStatus(v),
    verified: true,
    productionDate: isoDay(v.unit.productionDate),
    deliveryDate: v.unit.deliveryDate ? isoDay(v.unit.deliveryDate) : null,
    documents: v.product.documents.map((d) => ({
      kind: d.kind,
      title: d.title,
      url: d.url,
      locale: d.locale,
    })),
    tickets: v.tickets.map(presentHistoryTicket),
    visits: v.visits.map(presentHistoryVisit),
    session: { token: v.session.token, expiresAt: v.session.expiresAt.toISOString() },
  };
}

export const isOwnerView = (v: UnitStatus | OwnerView): v is OwnerView => 'session' in v;

export const presentPortalRequest = (t: TicketDoc) => ({
  ticket: String(t._id),
  label: ticketNumberLabel(t.number),
  type: t.type,
  status: t.status,
});

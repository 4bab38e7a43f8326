import { isoDay } from '../core/dates.js';
import type { ShipmentDoc } from './model.js';

const day = (d: Date | null | undefined) => (d ? isoDay(new Date(d)) : null);
const idOrNull = (v: unknown) => (v ? String(v) : null);

export function presentShipment(s: ShipmentDoc) {
  return {
    id: String(s._id),
    kind: s.kind,
    contact: idOrNull(s.contact),
    dealer: idOrNull(s.dealer),
    ticket: idOrNull(s.ticket),
    items: (s.items ?? []).map((i) => ({ name: i.name ?? '', quantity: i.quantity ?? 0 })),
    trackingNumber: s.trackingNumber ?? null,
    sentAt: day(s.sentAt),
    deliveredAt: day(s.deliveredAt),
    status: s.deliveredAt ? 'delivered' : s.sentAt ? 'sent' : 'preparing',
    notes: s.notes,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

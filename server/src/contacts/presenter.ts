import type { ContactDoc } from './model.js';

export function presentContact(c: ContactDoc) {
  return {
    id: String(c._id),
    name: c.name,
    phones: c.phones.map((p) => ({ number: p.number, label: p.label, optedOut: p.optedOut })),
    emails: c.emails,
    province: c.province,
    city: c.city,
    address: c.address,
    segment: c.segment,
    heardFrom: c.heardFrom,
    assignedExpert: c.assignedExpert ? String(c.assignedExpert) : null,
    clubNumber: c.clubNumber ?? null,
    tags: c.tags,
    customFields: Object.fromEntries(
      c.customFields instanceof Map ? c.customFields : Object.entries(c.customFields ?? {}),
    ),
    locale: c.locale,
    notes: c.notes,
    mergedInto: c.mergedInto ? String(c.mergedInto) : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

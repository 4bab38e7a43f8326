import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { Contact } from '../contacts/model.js';
import { notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { lockKey, withLocks } from '../core/locks.js';
import { Dealer } from '../dealers/model.js';
import { Ticket } from '../tickets/model.js';
import { Shipment, type ShipmentDoc } from './model.js';
import type { createShipmentBody, listShipmentsQuery, updateShipmentBody } from './schema.js';

/** Samples, gifts and giveaways go to someone; factory shipments may concern only a ticket. */
const NEEDS_RECIPIENT = new Set(['sample', 'gift', 'giveaway']);

interface ShipmentState {
  kind: string;
  contact: string | null;
  dealer: string | null;
  items: unknown[];
  sentAt: Date | null;
  deliveredAt: Date | null;
}

function endOfToday(): Date {
  const d = new Date();
  d.setUTCHours(23, 59, 59, 999);
  return d;
}

function checkRules(s: ShipmentState) {
  if (NEEDS_RECIPIENT.has(s.kind) && !s.contact && !s.dealer)
    throw unprocessable('recipient_required', `A ${s.kind} is sent to a contact or a dealer`);
  if (NEEDS_RECIPIENT.has(s.kind) && !s.items.length)
    throw unprocessable('items_required', `Say what the ${s.kind} contains (items)`);
  if (s.deliveredAt && !s.sentAt)
    throw unprocessable('delivered_before_sent', 'A shipment is delivered only after it is sent');
  if (s.deliveredAt && s.sentAt && s.deliveredAt < s.sentAt)
    throw unprocessable('delivered_before_sent', 'The delivery date is before the sending date');
  if (s.deliveredAt && s.deliveredAt > endOfToday())
    throw unprocessable('delivered_in_future', 'The delivery date is in the future');
}

async function checkReferences(input: {
  contact?: string | null;
  dealer?: string | null;
  ticket?: string | null;
}) {
  if (input.contact && !(await Contact.exists({ _id: input.contact, mergedInto: null })))
    throw unprocessable('unknown_contact', 'The contact does not exist');
  if (input.dealer && !(await Dealer.exists({ _id: input.dealer })))
    throw unprocessable('unknown_dealer', 'The dealer does not exist');
  if (input.ticket && !(await Ticket.exists({ _id: input.ticket })))
    throw unprocessable('unknown_ticket', 'The ticket does not exist');
}

export async function createShipment(
  input: z.infer<typeof createShipmentBody>,
  actorId: string,
): Promise<ShipmentDoc> {
  checkRules({
    kind: input.kind,
    contact: input.contact ?? null,
    dealer: input.dealer ?? null,
    items: input.items ?? [],
    sentAt: input.sentAt ?? null,
    deliveredAt: input.deliveredAt ?? null,
  });
  await checkReferences(input);
  const shipment = await Shipment.create(input);
  await audit({
    actor: actorId,
    action: 'shipment.create',
    targetKind: 'shipment',
    targetId: String(shipment._id),
    details: {
      kind: input.kind,
      contact: input.contact ?? null,
      dealer: input.dealer ?? null,
    },
  });
  return shipment.toObject() as ShipmentDoc;
}

export async function getShipment(id: string): Promise<ShipmentDoc> {
  const shipment = await Shipment.findById(id).lean<ShipmentDoc>();
  if (!shipment) throw notFound('Shipment');
  return shipment;
}

export async function updateShipment(
  id: string,
  input: z.infer<typeof updateShipmentBody>,
  actorId: string,
): Promise<ShipmentDoc> {
  // The rules span several fields, so check them against the record as it will be.
  return withLocks([lockKey('shipment', id)], async () => {
    const before = await getShipment(id);
    const idOf = (next: string | null | undefined, old: unknown) =>
      next !== undefined ? next : old ? String(old) : null;
    checkRules({
      kind: input.kind ?? before.kind,
      contact: idOf(input.contact, before.contact),
      dealer: idOf(input.dealer, before.dealer),
      items: input.items ?? before.items ?? [],
      sentAt: input.sentAt !== undefined ? input.sentAt : (before.sentAt ?? null),
      deliveredAt:
        input.deliveredAt !== undefined ? input.deliveredAt : (before.deliveredAt ?? null),
    });
    await checkReferences(input);
    const shipment = await Shipment.findByIdAndUpdate(
      id,
      { $set: input },
      { new: true, runValidators: true },
    ).lean<ShipmentDoc>();
    if (!shipment) throw notFound('Shipment');
    await audit({
      actor: actorId,
      action: 'shipment.update',
      targetKind: 'shipment',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return shipment;
  });
}

export async function deleteShipment(id: string, actorId: string): Promise<void> {
  const shipment = await getShipment(id);
  await Shipment.deleteOne({ _id: shipment._id });
  await audit({
    actor: actorId,
    action: 'shipment.delete',
    targetKind: 'shipment',
    targetId: id,
    details: { kind: shipment.kind },
  });
}

export async function listShipments(q: z.infer<typeof listShipmentsQuery>) {
  const filter: Record<string, unknown> = {};
  if (q.kind) filter.kind = q.kind;
  if (q.contact) filter.contact = q.contact;
  if (q.dealer) filter.dealer = q.dealer;
  if (q.ticket) filter.ticket = q.ticket;
  return paginate<ShipmentDoc>(Shipment, filter, {
    sortField: 'createdAt',
    direction: 'desc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

/** The names of the shipments' recipients (contacts and dealers), by id. */
export async function recipientNames(
  shipments: readonly Pick<ShipmentDoc, 'contact' | 'dealer'>[],
): Promise<Map<string, string>> {
  const contacts = [...new Set(shipments.flatMap((s) => (s.contact ? [String(s.contact)] : [])))];
  const dealers = [...new Set(shipments.flatMap((s) => (s.dealer ? [String(s.dealer)] : [])))];
  const [people, shops] = await Promise.all([
    contacts.length
      ? Contact.find({ _id: { $in: contacts } }, { name: 1 }).lean<
          Array<{ _id: unknown; name: string }>
        >()
      : [],
    dealers.length
      ? Dealer.find({ _id: { $in: dealers } }, { name: 1 }).lean<
          Array<{ _id: unknown; name: string }>
        >()
      : [],
  ]);
  return new Map([...people, ...shops].map((r) => [String(r._id), r.name]));
}

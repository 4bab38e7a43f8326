import type { Types } from 'mongoose';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { isoDay } from '../core/dates.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { lockKey, withLocks } from '../core/locks.js';
import { recordInteraction } from '../interactions/service.js';
import { customerChannel, sendToCustomer, unreachable } from '../notifications/customer-message.js';
import { Unit } from '../products/model.js';
import { createShipment } from '../shipments/service.js';
import { emitTicket } from '../tickets/events.js';
import { OPEN_STATUSES, Ticket, ticketNumberLabel, type TicketDoc } from '../tickets/model.js';
import { changeStatus, getTicket } from '../tickets/service.js';
import { expertActor, ticketLock, timelineEntry } from '../tickets/timeline.js';
import { Claim, NEXT_STEPS, type ClaimDoc, type ClaimStep } from './model.js';
import type { AdvanceClaimBody } from './schema.js';

type Expert = { id: string; displayName: string };
const claimLock = (ticketId: unknown) => lockKey('claim', String(ticketId));

function assertClaimTicket(t: TicketDoc): void {
  if (t.type !== 'guarantee-claim')
    throw unprocessable('not_a_claim', 'This ticket is not a guarantee claim');
}

/** Starts the workflow of a claim ticket (portal claims start it at once; others on first read). */
export async function openClaim(t: TicketDoc): Promise<ClaimDoc> {
  try {
    const created = await Claim.create({
      _id: t._id,
      unit: t.unit ?? null,
      contact: t.contact,
      step: 'review',
      history: [{ step: 'review', at: new Date(), by: null, note: null }],
    });
    return created.toObject() as ClaimDoc;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return (await Claim.findById(t._id).lean<ClaimDoc>())!;
  }
}

export async function claimOfTicket(
  ticketId: string,
): Promise<{ ticket: TicketDoc; claim: ClaimDoc }> {
  const ticket = await getTicket(ticketId);
  assertClaimTicket(ticket);
  const claim = (await Claim.findById(ticket._id).lean<ClaimDoc>()) ?? (await openClaim(ticket));
  return { ticket, claim };
}

function stepFields(body: AdvanceClaimBody): Record<string, unknown> {
  switch (body.to) {
    case 'rejected':
      if (!body.reason)
        throw unprocessable(
          'reason_required',
          'Give the reason for the rejection; the customer receives it',
        );
      return { rejectionReason: body.reason };
    case 'sent-to-factory':
      if (!body.trackingNumber)
        throw unprocessable(
          'tracking_required',
          'Give the tracking number of the shipment to the factory',
        );
      return { trackingNumber: body.trackingNumber, sentAt: body.sentAt ?? new Date() };
    case 'replaced':
      if (!body.replacementSerial)
        throw unprocessable(
          'replacement_serial_required',
          'Give the serial number of the replacement unit',
        );
      return {
        replacementSerial: body.replacementSerial,
        returnedAt: body.returnedAt ?? new Date(),
      };
    case 'repaired':
      return { returnedAt: body.returnedAt ?? new Date() };
    default:
      return {};
  }
}

function rejectionText(ticket: TicketDoc, contact: ContactDoc, reason: string): string {
  const label = ticketNumberLabel(ticket.number);
  return contact.locale === 'en'
    ? `Your guarantee claim ${label} was not accepted. Reason: ${reason}`
    : `درخواست گارانتی شما (${label}) پذیرفته نشد. دلیل: ${reason}`;
}

/**
 * Moves a claim one step along its workflow. Every step is a timeline entry on the ticket and an
 * interaction in the contact log; a rejection's reason goes to the customer, sending to the
 * factory logs a shipment, closing resolves the ticket.
 */
export async function advanceClaim(
  ticketId: string,
  body: AdvanceClaimBody,
  expert: Expert,
): Promise<ClaimDoc> {
  const { ticket: before } = await claimOfTicket(ticketId);
  const contact = await Contact.findById(before.contact).lean<ContactDoc>();
  if (!contact) throw notFound('Contact');
  if (body.to === 'rejected' && !(await customerChannel(contact, before))) throw unreachable();

  const claim = await withLocks([claimLock(ticketId), ticketLock(ticketId)], async () => {
    const current = (await Claim.findById(before._id).lean<ClaimDoc>())!;
    const from = current.step as ClaimStep;
    if (!NEXT_STEPS[from].includes(body.to))
      throw conflict('invalid_transition', `A claim in ${from} cannot go to ${body.to}`, {
        from,
        allowed: [...NEXT_STEPS[from]],
      });
    const set = stepFields(body);
    if (body.to === 'sent-to-factory') {
      const shipment = await createShipment(
        {
          kind: 'to-factory',
          contact: String(before.contact),
          ticket: String(before._id),
          items: [{ name: await unitLabel(before.unit), quantity: 1 }],
          trackingNumber: body.trackingNumber,
          sentAt: set.sentAt as Date,
          notes: body.note ?? '',
        },
        expert.id,
      );
      set.shipment = shipment._id;
    }
    const note = stepNote(body, set);
    const updated = await Claim.findByIdAndUpdate(
      current._id,
      {
        $set: { ...set, step: body.to },
        $push: { history: { step: body.to, at: new Date(), by: expert.id, note } },
      },
      { new: true },
    ).lean<ClaimDoc>();
    await Ticket.updateOne(
      { _id: before._id },
      {
        $push: {
          timeline: timelineEntry('claim', expertActor(expert.id), { from, to: body.to, note }),
        },
      },
    );
    await recordInteraction({
      channel: before.channel,
      direction: 'out',
      caller: { kind: 'staff', value: expert.id },
      contact: before.contact,
      expert: expert.id,
      ticket: before._id,
      group: before.group ?? null,
      outcome: body.to === 'closed' ? 'resolved' : 'completed',
      note: `claim ${from} -> ${body.to}${note ? `: ${note}` : ''}`,
    });
    return updated!;
  });

  const ticket = await getTicket(ticketId);
  if (body.to === 'rejected')
    await sendToCustomer({
      ticket,
      contact,
      text: rejectionText(ticket, contact, body.reason!),
      author: expert,
    });
  if (body.to === 'closed' && OPEN_STATUSES.includes(ticket.status))
    await changeStatus(ticketId, 'resolved', expertActor(expert.id), 'claim closed');
  else await emitTicket('ticket:updated', ticket);
  return claim;
}

function stepNote(body: AdvanceClaimBody, set: Record<string, unknown>): string | null {
  const parts = [
    body.reason,
    body.trackingNumber && `tracking ${body.trackingNumber}`,
    set.sentAt instanceof Date && `sent ${isoDay(set.sentAt)}`,
    body.replacementSerial && `replacement ${body.replacementSerial}`,
    set.returnedAt instanceof Date && `returned ${isoDay(set.returnedAt)}`,
    body.note,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : null;
}

async function unitLabel(unitId: Types.ObjectId | null | undefined): Promise<string> {
  if (!unitId) return 'unit';
  const unit = await Unit.findById(unitId, { serial: 1, productCode: 1 }).lean<{
    serial: string;
    productCode: string;
  }>();
  return unit ? `${unit.productCode} ${unit.serial}` : 'unit';
}

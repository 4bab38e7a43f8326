import { RateLimiterRes, type RateLimiterRedis } from 'rate-limiter-flexible';
import { Attachment } from '../attachments/model.js';
import type { MessageAttachment } from '../attachments/service.js';
import { Claim, type ClaimDoc } from '../claims/model.js';
import { openClaim } from '../claims/service.js';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { config } from '../core/config.js';
import { conflict, notFound, unprocessable } from '../core/errors.js';
import { limiter, rejectionToError } from '../core/http/rate-limit.js';
import { withLocks } from '../core/locks.js';
import { Product, Unit, type ProductDoc, type UnitDoc } from '../products/model.js';
import { coverageOf } from '../products/service.js';
import type { Coverage } from '../products/warranty.js';
import { Message, type MessageDoc } from '../tickets/message.model.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { recordContact } from '../tickets/service.js';
import { ticketLock } from '../tickets/timeline.js';
import { Visit, type VisitDoc } from '../visits/model.js';
import type { PortalRequestBody } from './schema.js';
import { issuePortalSession } from './session.js';

export interface UnitStatus {
  unit: UnitDoc;
  product: ProductDoc;
  coverage: Coverage;
}

export interface OwnerView extends UnitStatus {
  session: { token: string; expiresAt: Date };
  tickets: Array<TicketDoc & { claimStep: string | null }>;
  visits: VisitDoc[];
}

let phoneTries: RateLimiterRedis | undefined;

async function unitStatus(serial: string): Promise<UnitStatus> {
  const unit = await Unit.findOne({ serial }).lean<UnitDoc>();
  if (!unit) throw notFound('Serial number');
  const product = await Product.findById(unit.product).lean<ProductDoc>();
  if (!product) throw notFound('Product model');
  return { unit, product, coverage: coverageOf(unit) };
}

const lastFour = (c: ContactDoc) => c.phones.map((p) => p.number.replace(/\D/g, '').slice(-4));

/**
 * Model and coverage for any valid serial; documents, history and actions only with the last four
 * digits of the owner's phone. Wrong digits count against the serial, so they cannot be guessed.
 */
export async function lookupUnit(
  serial: string,
  phoneLast4: string | undefined,
): Promise<UnitStatus | OwnerView> {
  const status = await unitStatus(serial);
  if (!phoneLast4) return status;
  phoneTries ??= limiter('portal-phone', config().PORTAL_PHONE_TRIES_PER_SERIAL, 3600, 3600);
  const tried = await phoneTries.get(serial);
  if (tried && tried.consumedPoints >= config().PORTAL_PHONE_TRIES_PER_SERIAL)
    throw rejectionToError(tried, 'wrong phone digits for this serial');
  const owner = status.unit.owner
    ? await Contact.findById(status.unit.owner).lean<ContactDoc>()
    : null;
  if (!owner || !lastFour(owner).includes(phoneLast4)) {
    try {
      await phoneTries.consume(serial);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw rejectionToError(rejection, 'wrong phone digits for this serial');
      throw rejection;
    }
    throw unprocessable(
      'phone_mismatch',
      owner
        ? 'These are not the last four digits of the phone number registered for this unit'
        : 'This unit has no registered owner yet; please contact us by chat or phone',
    );
  }
  return {
    ...status,
    session: issuePortalSession(String(status.unit._id), String(owner._id)),
    ...(await serviceHistory(status.unit)),
  };
}

async function serviceHistory(unit: UnitDoc) {
  const [tickets, visits] = await Promise.all([
    Ticket.find({ unit: unit._id, mergedInto: null })
      .sort({ createdAt: -1 })
      .limit(50)
      .lean<TicketDoc[]>(),
    Visit.find({ unit: unit._id, kind: 'customer-service' })
      .sort({ plannedAt: -1 })
      .limit(50)
      .lean<VisitDoc[]>(),
  ]);
  const claimIds = tickets.filter((t) => t.type === 'guarantee-claim').map((t) => t._id);
  const claims = claimIds.length
    ? await Claim.find({ _id: { $in: claimIds } }, { step: 1 }).lean<ClaimDoc[]>()
    : [];
  const stepOf = new Map(claims.map((c) => [String(c._id), c.step as string]));
  return {
    tickets: tickets.map((t) => ({ ...t, claimStep: stepOf.get(String(t._id)) ?? null })),
    visits,
  };
}

const SUBJECTS: Record<PortalRequestBody['kind'], { fa: string; en: string }> = {
  'guarantee-claim': { fa: 'درخواست گارانتی', en: 'Guarantee claim' },
  'service-request': {
    fa: 'درخواست سرویس (خارج از گارانتی)',
    en: 'Service request (out of guarantee)',
  },
  callback: { fa: 'درخواست تماس', en: 'Callback request' },
};

/** A claim, service request or callback from the portal: through recordContact into the queue. */
export async function submitPortalRequest(
  session: { unitId: string; contactId: string },
  body: PortalRequestBody,
): Promise<{ ticket: TicketDoc; duplicate: boolean }> {
  const unit = await Unit.findById(session.unitId).lean<UnitDoc>();
  const owner = await Contact.findById(session.contactId).lean<ContactDoc>();
  if (!unit || !owner || String(unit.owner) !== String(owner._id))
    throw unprocessable('not_owner', 'This unit is no longer registered to you');
  const state = coverageOf(unit).state;
  if (body.kind === 'guarantee-claim' && state !== 'gold-guarantee')
    throw unprocessable(
      'not_under_guarantee',
      'This unit is not under the gold guarantee; file a service request instead',
      { coverage: state },
    );
  const phone = owner.phones[0]?.number;
  if (!phone) throw unprocessable('no_phone', 'The owner has no phone number on record');
  const locale = body.locale ?? (owner.locale as 'fa' | 'en');
  const recorded = await recordContact({
    channel: 'portal',
    direction: 'in',
    caller: { kind: 'phone', value: phone },
    contact: { phone, locale },
    message: { text: body.description, externalId: `portal:${body.requestId}` },
    ticket: {
      forceNew: true,
      type: body.kind,
      subject: `${SUBJECTS[body.kind][locale]} — ${unit.productCode} ${unit.serial}`,
      priority: body.kind === 'guarantee-claim' ? 'high' : 'normal',
      unitSerial: unit.serial,
    },
    outcome: body.kind === 'callback' ? 'callback-requested' : 'received',
  });
  if (body.kind === 'guarantee-claim') await openClaim(recorded.ticket);
  return { ticket: recorded.ticket, duplicate: recorded.duplicate };
}

export const MAX_PHOTOS_PER_REQUEST = 5;

/** The portal message of a request this owner filed (photos are attached to it). */
export async function portalMessageOf(
  session: { contactId: string },
  ticketId: string,
): Promise<MessageDoc> {
  const ticket = await Ticket.findById(ticketId, { contact: 1, channel: 1 }).lean<TicketDoc>();
  if (!ticket || String(ticket.contact) !== session.contactId || ticket.channel !== 'portal')
    throw notFound('Request');
  const message = await Message.findOne({ ticket: ticket._id, channel: 'portal', direction: 'in' })
    .sort({ createdAt: 1 })
    .lean<MessageDoc>();
  if (!message) throw notFound('Request');
  if (message.attachments.length >= MAX_PHOTOS_PER_REQUEST)
    throw conflict('too_many_photos', `At most ${MAX_PHOTOS_PER_REQUEST} photos per request`);
  return message;
}

/** Adds a stored photo to the request's message, so the expert sees it with the description. */
export async function attachToPortalMessage(
  message: MessageDoc,
  attachment: MessageAttachment,
): Promise<void> {
  await withLocks([ticketLock(message.ticket)], async () => {
    await Message.updateOne({ _id: message._id }, { $push: { attachments: attachment } });
    await Attachment.updateOne({ _id: attachment.fileId }, { $set: { message: message._id } });
  });
}

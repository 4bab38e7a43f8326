import type { Types } from 'mongoose';
import type { z } from 'zod';
import { audit } from '../audit/model.js';
import { Callback } from '../callbacks/model.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { normalisePhone } from '../core/phone.js';
import { escapeRegex } from '../core/text.js';
import { Interaction } from '../interactions/model.js';
import { Unit } from '../products/model.js';
import { Shipment } from '../shipments/model.js';
import { Survey } from '../surveys/model.js';
import { ticketsChanged } from '../tickets/ticket-state.js';
import { forgetCurrentTickets } from '../tickets/current-ticket.js';
import { Message } from '../tickets/message.model.js';
import { Ticket } from '../tickets/model.js';
import { Visit } from '../visits/model.js';
import {
  Contact,
  ContactIdentity,
  identityId,
  type ContactDoc,
  type IdentityKind,
} from './model.js';
import type { createContactBody, searchContactsQuery, updateContactBody } from './schema.js';

type Identity = { kind: IdentityKind; value: string };

function identitiesOf(c: {
  phones?: { number: string }[];
  emails?: string[];
  visitorIds?: string[];
}): Identity[] {
  return [
    ...(c.phones ?? []).map((p) => ({ kind: 'phone' as const, value: p.number })),
    ...(c.emails ?? []).map((e) => ({ kind: 'email' as const, value: e.toLowerCase() })),
    ...(c.visitorIds ?? []).map((v) => ({ kind: 'visitor' as const, value: v })),
  ];
}

/** Follows merges, so an old identity row or id still reaches the surviving contact. */
async function resolveContact(id: Types.ObjectId | string): Promise<ContactDoc | null> {
  let contact = await Contact.findById(id).lean<ContactDoc>();
  for (let hops = 0; contact?.mergedInto && hops < 10; hops++) {
    contact = await Contact.findById(contact.mergedInto).lean<ContactDoc>();
  }
  return contact;
}

const identityRow = (identity: Identity, contact: Types.ObjectId) => ({
  _id: identityId(identity.kind, identity.value),
  ...identity,
  contact,
});

/** The identity's row by `_id`; rows written before ids were `<kind>:<value>` by their fields. */
async function identityOwner(identity: Identity): Promise<Types.ObjectId | null> {
  const row =
    (await ContactIdentity.findById(identityId(identity.kind, identity.value)).lean()) ??
    (await ContactIdentity.findOne(identity).lean());
  return row?.contact ?? null;
}

export async function findContactBy(kind: IdentityKind, value: string): Promise<ContactDoc | null> {
  const owner = await identityOwner({ kind, value });
  return owner ? resolveContact(owner) : null;
}

/** Claims identities for a contact; on a clash releases what it claimed and reports the owner. */
async function claimIdentities(contactId: Types.ObjectId, identities: Identity[]): Promise<void> {
  const claimed: Identity[] = [];
  for (const identity of identities) {
    try {
      await ContactIdentity.create(identityRow(identity, contactId));
      claimed.push(identity);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const owner = await identityOwner(identity);
      if (owner && String(owner) === String(contactId)) continue;
      await ContactIdentity.deleteMany({ contact: contactId, $or: claimed });
      throw conflict(
        'contact_exists',
        `Another contact already has ${identity.kind} ${identity.value}`,
        {
          kind: identity.kind,
          value: identity.value,
          contactId: owner ? String(owner) : null,
        },
      );
    }
  }
}

export async function createContact(
  input: z.infer<typeof createContactBody>,
  actorId: string | null,
): Promise<ContactDoc> {
  const phones = dedupeBy(input.phones ?? [], (p) => p.number);
  const emails = [...new Set(input.emails ?? [])];
  const contact = await Contact.create({ ...input, phones, emails });
  try {
    await claimIdentities(contact._id, identitiesOf({ phones, emails }));
  } catch (err) {
    await Contact.deleteOne({ _id: contact._id });
    throw err;
  }
  await audit({
    actor: actorId,
    action: 'contact.create',
    targetKind: 'contact',
    targetId: String(contact._id),
  });
  return contact.toObject() as ContactDoc;
}

export interface ContactHints {
  phone?: string | null;
  email?: string | null;
  visitorId?: string | null;
  name?: string | null;
  locale?: 'fa' | 'en';
}

export async function findOrCreateContact(hints: ContactHints): Promise<ContactDoc> {
  return (await findOrCreateCaller(hints)).contact;
}

/**
 * The contact for whoever is writing or calling: found by any of their phone, email or visitor
 * id (reads by `_id` only), else created (`created: true`). Safe when two processes see the same
 * new person at once: the unique identity row decides, the loser's empty contact is removed.
 */
export async function findOrCreateCaller(
  hints: ContactHints,
): Promise<{ contact: ContactDoc; created: boolean }> {
  const wanted: Identity[] = [];
  if (hints.phone) wanted.push({ kind: 'phone', value: hints.phone });
  if (hints.email) wanted.push({ kind: 'email', value: hints.email.toLowerCase() });
  if (hints.visitorId) wanted.push({ kind: 'visitor', value: hints.visitorId });
  if (!wanted.length)
    throw unprocessable('no_identity', 'A contact needs a phone, an email or a visitor id');

  for (const identity of wanted) {
    const row = await ContactIdentity.findById(identityId(identity.kind, identity.value)).lean();
    const found = row ? await resolveContact(row.contact) : null;
    if (found) return { contact: await attachMissing(found, wanted, hints.name), created: false };
  }

  const [first, ...rest] = wanted as [Identity, ...Identity[]];
  const created = await Contact.create({
    name: hints.name ?? '',
    locale: hints.locale ?? 'fa',
    phones: hints.phone ? [{ number: hints.phone }] : [],
    emails: hints.email ? [hints.email.toLowerCase()] : [],
    visitorIds: hints.visitorId ? [hints.visitorId] : [],
  });
  try {
    await ContactIdentity.create(identityRow(first, created._id));
  } catch (err) {
    await Contact.deleteOne({ _id: created._id });
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await findContactBy(first.kind, first.value);
    if (!winner) throw err;
    return { contact: await attachMissing(winner, wanted, hints.name), created: false };
  }
  return {
    contact: await attachMissing(created.toObject() as ContactDoc, rest, null),
    created: true,
  };
}

/** Adds identities the contact does not have yet (skipping any that belong to someone else). */
async function attachMissing(
  contact: ContactDoc,
  identities: Identity[],
  name: string | null | undefined,
): Promise<ContactDoc> {
  const have = new Set(identitiesOf(contact).map((i) => `${i.kind}:${i.value}`));
  const update: Record<string, Record<string, unknown>> = {};
  for (const identity of identities) {
    if (have.has(`${identity.kind}:${identity.value}`)) continue;
    try {
      await ContactIdentity.create(identityRow(identity, contact._id));
    } catch (err) {
      if (isDuplicateKeyError(err)) continue;
      throw err;
    }
    const push = (update.$addToSet ??= {});
    if (identity.kind === 'phone')
      push.phones = { number: identity.value, label: 'mobile', optedOut: false };
    if (identity.kind === 'email') push.emails = identity.value;
    if (identity.kind === 'visitor') push.visitorIds = identity.value;
  }
  if (name && !contact.name) (update.$set ??= {}).name = name;
  if (!Object.keys(update).length) return contact;
  return (
    (await Contact.findByIdAndUpdate(contact._id, update, { new: true }).lean<ContactDoc>()) ??
    contact
  );
}

export async function getContact(id: string): Promise<ContactDoc> {
  const contact = await Contact.findById(id).lean<ContactDoc>();
  if (!contact) throw notFound('Contact');
  return contact;
}

export async function updateContact(
  id: string,
  input: z.infer<typeof updateContactBody>,
  actorId: string,
): Promise<ContactDoc> {
  const before = await getContact(id);
  if (before.mergedInto)
    throw conflict('contact_merged', 'This contact was merged into another; edit that one');
  const next = {
    phones: input.phones ? dedupeBy(input.phones, (p) => p.number) : before.phones,
    emails: input.emails ? [...new Set(input.emails)] : before.emails,
  };
  const oldIds = identitiesOf({ phones: before.phones, emails: before.emails });
  const newIds = identitiesOf(next);
  const key = (i: Identity) => `${i.kind}:${i.value}`;
  const added = newIds.filter((i) => !oldIds.some((o) => key(o) === key(i)));
  const removed = oldIds.filter((o) => !newIds.some((i) => key(o) === key(i)));
  await claimIdentities(before._id, added);
  if (input.phones) {
    // Keep the opt-out flag of numbers that stay.
    next.phones = next.phones.map((p) => ({
      ...p,
      optedOut: before.phones.find((b) => b.number === p.number)?.optedOut ?? false,
    }));
  }
  const updated = await Contact.findByIdAndUpdate(
    id,
    { $set: { ...input, ...next } },
    { new: true },
  ).lean<ContactDoc>();
  if (removed.length) await ContactIdentity.deleteMany({ contact: before._id, $or: removed });
  await audit({
    actor: actorId,
    action: 'contact.update',
    targetKind: 'contact',
    targetId: id,
    details: { fields: Object.keys(input) },
  });
  return updated!;
}

export async function searchContacts(q: z.infer<typeof searchContactsQuery>) {
  const filter: Record<string, unknown> = { mergedInto: null };
  if (q.segment) filter.segment = q.segment;
  if (q.assignedExpert) filter.assignedExpert = q.assignedExpert;
  if (q.province) filter.province = q.province;
  if (q.tag) filter.tags = q.tag;
  if (q.q) {
    const phone = /^[+\d\s()\-۰-۹٠-٩]{6,}$/.test(q.q) ? normalisePhone(q.q) : null;
    if (phone) filter['phones.number'] = phone;
    else if (q.q.includes('@')) filter.emails = q.q.toLowerCase();
    else {
      const re = new RegExp(escapeRegex(q.q), 'i');
      filter.$or = [{ name: re }, { clubNumber: q.q }, { city: re }];
    }
  }
  return paginate<ContactDoc>(Contact, filter, {
    sortField: 'updatedAt',
    direction: 'desc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

/**
 * Moves everything of `sourceId` onto `targetId` and marks the source merged. Without
 * transactions each step is idempotent, so a merge interrupted half way can simply be repeated.
 */
export async function mergeContacts(
  targetId: string,
  sourceId: string,
  actorId: string,
): Promise<ContactDoc> {
  if (targetId === sourceId)
    throw unprocessable('merge_self', 'A contact cannot be merged into itself');
  const [target, source] = await Promise.all([getContact(targetId), getContact(sourceId)]);
  if (target.mergedInto)
    throw conflict('contact_merged', 'The target contact was itself merged away');
  if (source.mergedInto && String(source.mergedInto) !== targetId) {
    throw conflict('contact_merged', 'The source contact was already merged into another contact');
  }
  const from = { contact: source._id };
  const to = { $set: { contact: target._id } };
  const moved = {
    tickets: (await Ticket.updateMany(from, to)).modifiedCount,
    messages: (await Message.updateMany(from, to)).modifiedCount,
    interactions: (await Interaction.updateMany(from, to)).modifiedCount,
    callbacks: (await Callback.updateMany(from, to)).modifiedCount,
    surveys: (await Survey.updateMany(from, to)).modifiedCount,
    visits: (await Visit.updateMany(from, to)).modifiedCount,
    shipments: (await Shipment.updateMany(from, to)).modifiedCount,
    units: (await Unit.updateMany({ owner: source._id }, { $set: { owner: target._id } }))
      .modifiedCount,
    identities: (await ContactIdentity.updateMany(from, to)).modifiedCount,
  };
  await forgetCurrentTickets(target._id);
  ticketsChanged(['*']);
  const phones = dedupeBy([...target.phones, ...source.phones], (p) => p.number);
  const fillEmpty = <K extends keyof ContactDoc>(k: K) => (target[k] ? target[k] : source[k]);
  const merged = await Contact.findByIdAndUpdate(
    target._id,
    {
      $set: {
        phones,
        emails: [...new Set([...target.emails, ...source.emails])],
        visitorIds: [...new Set([...(target.visitorIds ?? []), ...(source.visitorIds ?? [])])],
        tags: [...new Set([...target.tags, ...source.tags])],
        name: fillEmpty('name'),
        province: fillEmpty('province'),
        city: fillEmpty('city'),
        address: fillEmpty('address'),
        heardFrom: fillEmpty('heardFrom'),
        clubNumber: fillEmpty('clubNumber'),
        assignedExpert: fillEmpty('assignedExpert'),
        segment:
          target.segment === 'actual' || source.segment === 'actual' ? 'actual' : 'potential',
      },
    },
    { new: true },
  ).lean<ContactDoc>();
  await Contact.updateOne(
    { _id: source._id },
    { $set: { mergedInto: target._id, phones: [], emails: [], visitorIds: [] } },
  );
  await audit({
    actor: actorId,
    action: 'contact.merge',
    targetKind: 'contact',
    targetId,
    details: { sourceId, moved },
  });
  return merged!;
}

function dedupeBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => (seen.has(key(i)) ? false : (seen.add(key(i)), true)));
}

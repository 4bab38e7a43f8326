import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import { Contact, type ContactDoc } from '../src/contacts/model.js';
import { findOrCreateContact } from '../src/contacts/service.js';
import { ExpertGroup, type ExpertGroupDoc } from '../src/expert-groups/model.js';
import { setPresence } from '../src/routing/presence.js';
import { syncExpertIndex } from '../src/routing/routing-index.js';
import type { TicketDoc } from '../src/tickets/model.js';
import { openTicket, type OpenTicketInput } from '../src/tickets/service.js';
import { SYSTEM } from '../src/tickets/timeline.js';
import { User, type UserDoc } from '../src/users/model.js';
import { makeUser } from './app.js';

let n = 0;
const unique = () => `${++n}-${randomBytes(2).toString('hex')}`;

export async function makeGroup(
  fields: Partial<Omit<ExpertGroupDoc, '_id'>> = {},
): Promise<ExpertGroupDoc> {
  const id = unique();
  const group = await ExpertGroup.create({
    slug: `g-${id}`,
    name: { fa: `گروه ${id}`, en: `Group ${id}` },
    businessHours: { timezone: 'Asia/Tehran', alwaysOpen: true, weekly: [], holidays: [] },
    ...fields,
  });
  return group.toObject() as ExpertGroupDoc;
}

/** An expert in the given groups; `online` sets presence through the real presence service. */
export async function makeExpert(
  groups: Array<{ _id: Types.ObjectId }>,
  opts: { online?: boolean; maxConcurrent?: number | null; idleSince?: Date } = {},
): Promise<UserDoc & { password: string }> {
  const user = await makeUser({
    roles: ['expert'],
    groups: groups.map((g) => g._id),
    maxConcurrent: opts.maxConcurrent ?? null,
  });
  if (opts.online) await setPresence(String(user._id), 'online');
  if (opts.idleSince) {
    const idle = await User.findByIdAndUpdate(
      user._id,
      { $set: { idleSince: opts.idleSince } },
      { new: true },
    ).lean<UserDoc>();
    await syncExpertIndex(idle!);
  }
  return user;
}

export async function makeContact(fields: Partial<ContactDoc> = {}): Promise<ContactDoc> {
  const phone = `+98912${String(Math.floor(Math.random() * 9_000_000) + 1_000_000)}`;
  const contact = await findOrCreateContact({ phone, name: `Customer ${unique()}` });
  if (Object.keys(fields).length) await Contact.updateOne({ _id: contact._id }, { $set: fields });
  return (await Contact.findById(contact._id).lean<ContactDoc>())!;
}

export async function makeTicket(
  group: { _id: Types.ObjectId } | null,
  fields: Partial<Omit<OpenTicketInput, 'contact' | 'actor'>> & { contact?: ContactDoc } = {},
): Promise<TicketDoc> {
  const contact = fields.contact ?? (await makeContact());
  return openTicket({
    channel: 'console',
    subject: 'help',
    groupId: group ? String(group._id) : null,
    actor: SYSTEM,
    ...fields,
    contact,
  });
}

export const userById = (id: unknown) => User.findById(id).lean<UserDoc>();

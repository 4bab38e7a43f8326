import { Router } from 'express';
import type { z } from 'zod';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { MANAGERS, STAFF, defineRoute } from '../core/http/route.js';
import { escapeRegex } from '../core/text.js';
import { Unit, type UnitDoc } from '../products/model.js';
import { presentUnit } from '../products/presenter.js';
import { coverageOf } from '../products/service.js';
import { assignToExpert } from '../routing/assignment.js';
import { queuePosition } from '../routing/queue-stats.js';
import { Message, type MessageDoc } from './message.model.js';
import { Ticket, type TicketDoc } from './model.js';
import { assertCanAssign, assertCanSeeTicket, visibleTicketsFilter } from './policy.js';
import { presentMessage, presentTicket, presentTicketSummary } from './presenter.js';
import {
  assignBody,
  createTicketBody,
  idParams,
  listTicketsQuery,
  mergeBody,
  noteBody,
  replyBody,
  transferBody,
  updateTicketBody,
} from './schema.js';
import {
  addNote,
  changeStatus,
  getTicket,
  mergeTickets,
  openTicket,
  replyToTicket,
  requeueTicket,
  transferTicket,
  updateTicketFields,
} from './service.js';
import { expertActor } from './timeline.js';
import { slaAtRiskFilter, ticketViewCounts } from './view-counts.js';
import type { SessionUser } from '../auth/session.js';

async function listFilter(
  q: z.infer<typeof listTicketsQuery>,
  me: SessionUser,
): Promise<Record<string, unknown>> {
  const and: Record<string, unknown>[] = [visibleTicketsFilter(me), { mergedInto: null }];
  if (q.status) and.push({ status: { $in: q.status } });
  if (q.group) and.push({ group: { $in: q.group } });
  if (q.assignee)
    and.push({ assignee: q.assignee === 'me' ? me.id : q.assignee === 'none' ? null : q.assignee });
  if (q.channel) and.push({ channel: { $in: q.channel } });
  if (q.type) and.push({ type: { $in: q.type } });
  if (q.priority) and.push({ priority: { $in: q.priority } });
  if (q.contact) and.push({ contact: q.contact });
  if (q.serial) {
    const unit = await Unit.findOne({ serial: q.serial }, { _id: 1 }).lean<UnitDoc>();
    and.push({ unit: unit?._id ?? null, ...(unit ? {} : { _id: null }) });
  }
  const range = (field: string, from?: Date, to?: Date) => {
    if (from && to && from > to)
      throw unprocessable('invalid_range', `${field}: the start is after the end`);
    if (from || to)
      and.push({ [field]: { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) } });
  };
  range('createdAt', q.createdFrom, q.createdTo);
  range('updatedAt', q.updatedFrom, q.updatedTo);
  if (q.sla) and.push(slaAtRiskFilter());
  if (q.q) {
    const number = /^t?-?(\d{3,9})$/i.exec(q.q)?.[1];
    and.push(number ? { number: Number(number) } : { subject: new RegExp(escapeRegex(q.q), 'i') });
  }
  return { $and: and };
}

async function contactNames(tickets: TicketDoc[]): Promise<Map<string, string>> {
  const ids = [...new Set(tickets.map((t) => String(t.contact)))];
  // One contact: by _id, which every server answers from its index.
  const contacts =
    ids.length === 1
      ? [await Contact.findById(ids[0], { name: 1 }).lean<ContactDoc>()].filter(
          (c): c is ContactDoc => c !== null,
        )
      : await Contact.find({ _id: { $in: ids } }, { name: 1 }).lean<ContactDoc[]>();
  return new Map(contacts.map((c) => [String(c._id), c.name]));
}

async function visibleTicket(id: string, me: SessionUser): Promise<TicketDoc> {
  const t = await Ticket.findById(id).lean<TicketDoc>();
  if (!t) throw notFound('Ticket');
  assertCanSeeTicket(me, t);
  return t;
}

async function presentOne(t: TicketDoc) {
  const names = await contactNames([t]);
  return presentTicket(t, names.get(String(t.contact)) ?? '');
}

export function ticketRoutes(): Router {
  const router = Router();
  const tag = 'Tickets';

  defineRoute(router, {
    method: 'get',
    path: '/tickets',
    tag,
    access: STAFF,
    summary:
      'The queue: filter by status, group, assignee, channel, type, priority, contact, serial, dates, SLA at risk, subject or number',
    query: listTicketsQuery,
    handler: async ({ query, me }) => {
      const page = await paginate<TicketDoc>(Ticket, await listFilter(query, me), {
        ...query.sort,
        limit: query.limit,
        cursor: query.cursor,
      });
      const names = await contactNames(page.docs);
      return {
        items: page.docs.map((t) => presentTicketSummary(t, names.get(String(t.contact)) ?? '')),
        nextCursor: page.nextCursor,
      };
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/tickets/counts',
    tag,
    access: STAFF,
    summary:
      "Sizes of the inbox views for me (mine, my groups' queue, unassigned, pending, callbacks, SLA at risk), from Redis counters",
    handler: async ({ me }) => ticketViewCounts(me),
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets',
    tag,
    access: STAFF,
    status: 201,
    summary: 'Open a ticket for a contact (e.g. from a phone call); routed like any other',
    body: createTicketBody,
    handler: async ({ body, me }) => {
      const contact = await Contact.findOne({
        _id: body.contactId,
        mergedInto: null,
      }).lean<ContactDoc>();
      if (!contact) throw unprocessable('unknown_contact', 'The contact does not exist');
      const unit = body.serial ? await Unit.findOne({ serial: body.serial }).lean<UnitDoc>() : null;
      if (body.serial && !unit)
        throw unprocessable('unknown_serial', `No unit with serial ${body.serial}`);
      const ticket = await openTicket({
        contact,
        channel: 'console',
        subject: body.subject,
        type: body.type,
        priority: body.priority,
        unit,
        groupId: body.groupId ?? null,
        tags: body.tags,
        actor: expertActor(me.id),
      });
      if (body.text) await addNote(String(ticket._id), body.text, [], me);
      return presentOne(await getTicket(ticket._id));
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/tickets/:id',
    tag,
    access: STAFF,
    summary: 'One ticket with its messages and timeline',
    params: idParams,
    handler: async ({ params, me }) => {
      const t = await visibleTicket(params.id, me);
      const messages = await Message.find({ ticket: t._id })
        .sort({ createdAt: 1, _id: 1 })
        .limit(1000)
        .lean<MessageDoc[]>();
      const unit = t.unit ? await Unit.findById(t.unit).lean<UnitDoc>() : null;
      return {
        ...(await presentOne(t)),
        unitDetail: unit ? presentUnit(unit, coverageOf(unit)) : null,
        queue: await queuePosition(t),
        messages: messages.map(presentMessage),
      };
    },
  });

  defineRoute(router, {
    method: 'patch',
    path: '/tickets/:id',
    tag,
    access: STAFF,
    summary:
      'Change status (pending, resolved, closed, open = reopen), priority, type, subject, tags, fault code or unit',
    params: idParams,
    body: updateTicketBody,
    handler: async ({ params, body, me }) => {
      await visibleTicket(params.id, me);
      const actor = expertActor(me.id);
      const { status, statusNote, serial, ...fields } = body;
      if (Object.keys(fields).length || serial !== undefined)
        await updateTicketFields(params.id, { ...fields, unitSerial: serial }, actor);
      if (status) await changeStatus(params.id, status, actor, statusNote ?? null);
      return presentOne(await getTicket(params.id));
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/assign',
    tag,
    access: STAFF,
    summary:
      'Assign a waiting ticket: experts take it themselves ("me"), supervisors to anyone online with room',
    params: idParams,
    body: assignBody,
    handler: async ({ params, body, me }) => {
      await visibleTicket(params.id, me);
      const expertId = body.expertId === 'me' ? me.id : body.expertId;
      assertCanAssign(me, expertId);
      return presentOne(await assignToExpert(params.id, expertId, expertActor(me.id)));
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/transfer',
    tag,
    access: STAFF,
    summary: 'Transfer to another group (its queue) and/or an expert, with a note',
    params: idParams,
    body: transferBody,
    handler: async ({ params, body, me }) => {
      await visibleTicket(params.id, me);
      return presentOne(
        await transferTicket(
          params.id,
          { groupId: body.groupId, expertId: body.expertId, note: body.note },
          expertActor(me.id),
        ),
      );
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/requeue',
    tag,
    access: MANAGERS,
    summary:
      "Supervisors: take a ticket from its expert and put it back in its group's queue (routed again at once)",
    params: idParams,
    handler: async ({ params, me }) => {
      await visibleTicket(params.id, me);
      return presentOne((await requeueTicket(params.id, expertActor(me.id)))!);
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/merge',
    tag,
    access: STAFF,
    summary:
      'Merge another ticket of the same contact into this one (its messages move, it closes)',
    params: idParams,
    body: mergeBody,
    handler: async ({ params, body, me }) => {
      await visibleTicket(params.id, me);
      await visibleTicket(body.sourceTicketId, me);
      return presentOne(await mergeTickets(params.id, body.sourceTicketId, expertActor(me.id)));
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/notes',
    tag,
    access: STAFF,
    status: 201,
    summary: 'Internal note, with @mentions (user ids) who are notified',
    params: idParams,
    body: noteBody,
    handler: async ({ params, body, me }) => {
      await visibleTicket(params.id, me);
      return presentMessage(
        await addNote(params.id, body.text, body.mentions, me, body.attachments),
      );
    },
  });

  defineRoute(router, {
    method: 'post',
    path: '/tickets/:id/messages',
    tag,
    access: STAFF,
    status: 201,
    summary: "Reply to the customer on the ticket's channel or another one the contact has",
    params: idParams,
    body: replyBody,
    handler: async ({ params, body, me }) => {
      await visibleTicket(params.id, me);
      return presentMessage(await replyToTicket(params.id, body, me));
    },
  });

  defineRoute(router, {
    method: 'get',
    path: '/tickets/:id/queue-position',
    tag,
    access: STAFF,
    summary: 'Position in the group queue and the estimated wait (null when not waiting)',
    params: idParams,
    handler: async ({ params, me }) => ({
      queue: await queuePosition(await visibleTicket(params.id, me)),
    }),
  });

  return router;
}

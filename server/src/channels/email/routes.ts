import { Router } from 'express';
import { ADMINS, MANAGERS, STAFF, defineRoute } from '../../core/http/route.js';
import { Ticket, type TicketDoc } from '../../tickets/model.js';
import { assertCanSeeTicket } from '../../tickets/policy.js';
import { setupEmailChannel } from './outbound.js';
import { presentEmailDetails, presentMailbox } from './presenter.js';
import {
  createMailboxBody,
  mailboxIdParams,
  messageIdParams,
  updateMailboxBody,
} from './schema.js';
import {
  createMailbox,
  deleteMailbox,
  emailDetails,
  getMailbox,
  listMailboxes,
  updateMailbox,
} from './service.js';

export function emailRoutes(): Router {
  setupEmailChannel();
  const router = Router();
  const tag = 'Email';

  defineRoute(router, {
    method: 'get',
    path: '/mailboxes',
    tag,
    access: MANAGERS,
    summary: 'Mailboxes with their connection state (credentials are never returned)',
    handler: async () => ({ items: (await listMailboxes()).map(presentMailbox) }),
  });
  defineRoute(router, {
    method: 'post',
    path: '/mailboxes',
    tag,
    access: ADMINS,
    status: 201,
    summary: 'Add a mailbox (IMAP in, SMTP out); passwords are stored encrypted',
    body: createMailboxBody,
    handler: async ({ body, me }) => presentMailbox(await createMailbox(body, me.id)),
  });
  defineRoute(router, {
    method: 'get',
    path: '/mailboxes/:id',
    tag,
    access: MANAGERS,
    summary: 'One mailbox',
    params: mailboxIdParams,
    handler: async ({ params }) => presentMailbox(await getMailbox(params.id)),
  });
  defineRoute(router, {
    method: 'patch',
    path: '/mailboxes/:id',
    tag,
    access: ADMINS,
    summary: 'Change a mailbox; an omitted password keeps the stored one',
    params: mailboxIdParams,
    body: updateMailboxBody,
    handler: async ({ params, body, me }) =>
      presentMailbox(await updateMailbox(params.id, body, me.id)),
  });
  defineRoute(router, {
    method: 'delete',
    path: '/mailboxes/:id',
    tag,
    access: ADMINS,
    status: 204,
    summary: 'Remove a mailbox (its emails stay on their tickets)',
    params: mailboxIdParams,
    handler: async ({ params, me }) => {
      await deleteMailbox(params.id, me.id);
      return undefined;
    },
  });
  defineRoute(router, {
    method: 'get',
    path: '/email/messages/:id',
    tag,
    access: STAFF,
    summary: "An email message's headers and its text split into reply, quote and signature",
    params: messageIdParams,
    handler: async ({ params, me }) => {
      const row = await emailDetails(params.id);
      const ticket = await Ticket.findById(row.ticket).lean<TicketDoc>();
      if (ticket) assertCanSeeTicket(me, ticket);
      return presentEmailDetails(row);
    },
  });
  return router;
}

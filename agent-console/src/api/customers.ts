import { queryString, requestJson, sendJson } from './http';
import type { Contact, Interaction, Page, Segment, Unit } from './types';

export function searchContacts(q: string): Promise<Page<Contact>> {
  return requestJson(`/api/contacts${queryString({ q, limit: 10 })}`);
}

export function getContact(id: string): Promise<Contact> {
  return requestJson(`/api/contacts/${id}`);
}

export interface ContactChanges {
  name?: string;
  segment?: Segment;
  heardFrom?: string;
  province?: string;
  city?: string;
}

export function updateContact(csrf: string, id: string, changes: ContactChanges): Promise<Contact> {
  return sendJson('PATCH', `/api/contacts/${id}`, csrf, changes);
}

export function unitsOf(contactId: string): Promise<Page<Unit>> {
  return requestJson(`/api/units${queryString({ owner: contactId, limit: 50 })}`);
}

export function unitBySerial(serial: string): Promise<Unit> {
  return requestJson(`/api/units/by-serial/${encodeURIComponent(serial)}`);
}

export function contactLog(contactId: string): Promise<Page<Interaction>> {
  return requestJson(`/api/interactions${queryString({ contact: contactId, limit: 20 })}`);
}

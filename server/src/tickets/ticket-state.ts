import type { Redis } from 'ioredis';
import type { Types } from 'mongoose';
import { Contact } from '../contacts/model.js';
import { logger } from '../core/logger.js';
import { newRedis, redis, redisKey } from '../core/redis.js';
import { Ticket, type TicketDoc, type TicketStatus } from './model.js';

/** What a live chat needs of its ticket for each message: where it goes and whether it is open. */
export interface TicketState {
  id: string;
  status: TicketStatus;
  group: string | null;
  assignee: string | null;
  contact: string;
  contactName: string;
}

/**
 * Ticket states kept in this process, so a chat message does not read its ticket from MongoDB
 * (FerretDB spends 1-3 ms of CPU on each read). Every ticket event (`emitTicket`, in any
 * process) publishes the ticket's id on a Redis channel and each process drops its copy; an entry
 * also lapses after MAX_AGE_MS, for a change written without an event (a contact's new name).
 * Nothing is cached while the subscription is down, and the cache empties when it drops, since
 * drops may have been missed meanwhile.
 */
const MAX_AGE_MS = 120_000;
const MAX_ENTRIES = 20_000;
const ALL = '*';
type Id = Types.ObjectId | string;

const cache = new Map<string, { state: TicketState; at: number }>();
/** Per id, the drop counter's value at its last drop: a read that began before it is not kept. */
const droppedAt = new Map<string, number>();
let drops = 0;
let subscriber: Redis | undefined;
let listening = false;

const channel = () => redisKey('ticket-changed');

type ChangeListener = (id: string) => void;
const changeListeners = new Set<ChangeListener>();

function drop(id: string): void {
  drops += 1;
  if (id === ALL || droppedAt.size >= MAX_ENTRIES) {
    cache.clear();
    droppedAt.clear();
    droppedAt.set(ALL, drops);
    return;
  }
  cache.delete(id);
  droppedAt.set(id, drops);
}

function listen(): void {
  if (subscriber) return;
  const sub = newRedis();
  subscriber = sub;
  sub.on('message', (_channel: string, id: string) => {
    drop(id);
    for (const listener of changeListeners) listener(id);
  });
  sub.on('close', () => {
    listening = false;
    drop(ALL);
  });
  // ioredis subscribes again by itself after a reconnect, before 'ready'.
  sub.on('ready', () => {
    if (sub.condition?.subscriber) listening = true;
  });
  sub
    .subscribe(channel())
    .then(() => {
      listening = true;
    })
    .catch((err: unknown) => logger.warn({ err }, 'ticket state: subscribe failed'));
}

/**
 * Calls `listener` in every process (this one too, through Redis) with the id of each ticket that
 * changed, or `'*'` for all of them; returns the function that stops it.
 */
export function onTicketChanged(listener: ChangeListener): () => void {
  listen();
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** Tells every process (this one at once) that these tickets changed; `'*'` for all of them. */
export function ticketsChanged(ids: Array<Id | typeof ALL>): void {
  for (const id of ids) {
    drop(String(id));
    redis()
      .publish(channel(), String(id))
      .catch((err: unknown) => logger.warn({ err }, 'ticket state: publish failed'));
  }
}

async function load(id: string): Promise<TicketState | null> {
  const t = await Ticket.findById(id, {
    status: 1,
    group: 1,
    assignee: 1,
    contact: 1,
  }).lean<TicketDoc>();
  if (!t) return null;
  const contact = await Contact.findById(t.contact, { name: 1 }).lean<{ name?: string }>();
  return {
    id: String(t._id),
    status: t.status,
    group: t.group ? String(t.group) : null,
    assignee: t.assignee ? String(t.assignee) : null,
    contact: String(t.contact),
    contactName: contact?.name ?? '',
  };
}

/** The ticket's state, from this process's copy when it is fresh; null when there is no such ticket. */
export async function ticketState(id: Id): Promise<TicketState | null> {
  listen();
  const key = String(id);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < MAX_AGE_MS) return hit.state;
  const began = drops;
  const state = await load(key);
  const droppedSince = Math.max(droppedAt.get(key) ?? 0, droppedAt.get(ALL) ?? 0) > began;
  if (state && listening && !droppedSince) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(key, { state, at: Date.now() });
  }
  return state;
}

/** Tests: forget everything and stop listening. */
export async function resetTicketStates(): Promise<void> {
  drop(ALL);
  listening = false;
  const sub = subscriber;
  subscriber = undefined;
  await sub?.quit().catch(() => sub.disconnect());
}

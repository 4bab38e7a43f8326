import { lockKey } from '../core/locks.js';

export type Actor = { kind: 'system' } | { kind: 'contact' } | { kind: 'expert'; id: string };

export const SYSTEM: Actor = { kind: 'system' };
export const CUSTOMER: Actor = { kind: 'contact' };
export const expertActor = (id: string): Actor => ({ kind: 'expert', id });

/** One timeline entry: who did what, when, from which value to which, and why. */
export function timelineEntry(
  event: string,
  actor: Actor,
  change: { from?: string | null; to?: string | null; note?: string | null } = {},
) {
  return {
    at: new Date(),
    event,
    actorKind: actor.kind,
    actor: actor.kind === 'expert' ? actor.id : null,
    from: change.from ?? null,
    to: change.to ?? null,
    note: change.note ?? null,
  };
}

export const ticketLock = (id: unknown): string => lockKey('ticket', String(id));
export const userLock = (id: unknown): string => lockKey('user', String(id));
export const groupLock = (id: unknown): string => lockKey('group', String(id));

import type { TicketSummary } from '@cc/shared';

/** The server's serial rule (4-40 letters, digits, dashes), with at least one digit. */
export function looksLikeSerial(text: string): boolean {
  const s = text.trim().toUpperCase();
  return /^[A-Z0-9][A-Z0-9-]{3,39}$/.test(s) && /\d/.test(s);
}

/** Tickets from several searches, each once, most recently updated first. */
export function mergeTickets(...lists: TicketSummary[][]): TicketSummary[] {
  const byId = new Map<string, TicketSummary>();
  for (const list of lists) for (const t of list) byId.set(t.id, t);
  return [...byId.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

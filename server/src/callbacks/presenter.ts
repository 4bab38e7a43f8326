import type { CallbackDoc } from './model.js';

export function presentCallback(cb: CallbackDoc) {
  return {
    id: String(cb._id),
    ticketId: String(cb.ticket),
    contactId: String(cb.contact),
    phone: cb.phone,
    windowStart: cb.windowStart?.toISOString() ?? null,
    windowEnd: cb.windowEnd?.toISOString() ?? null,
    source: cb.source,
    status: cb.status,
    nextAttemptAt: cb.nextAttemptAt?.toISOString() ?? null,
    attempts: cb.attempts.map((a) => ({
      at: a.at?.toISOString() ?? null,
      expertId: a.expert ? String(a.expert) : null,
      outcome: a.outcome ?? null,
      durationSec: a.durationSec ?? null,
      callSid: a.callSid ?? null,
    })),
  };
}

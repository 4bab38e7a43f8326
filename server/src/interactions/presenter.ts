import type { InteractionDoc } from './model.js';

const idOrNull = (v: unknown) => (v == null ? null : String(v));
const isoOrNull = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentInteraction(i: InteractionDoc) {
  return {
    id: String(i._id),
    channel: i.channel,
    direction: i.direction,
    caller: { kind: i.caller?.kind ?? null, value: i.caller?.value ?? null },
    contact: idOrNull(i.contact),
    expert: idOrNull(i.expert),
    ticket: idOrNull(i.ticket),
    group: idOrNull(i.group),
    startedAt: new Date(i.startedAt).toISOString(),
    endedAt: isoOrNull(i.endedAt),
    durationSec: i.durationSec ?? null,
    outcome: i.outcome,
    note: i.note ?? null,
  };
}
export type PresentedInteraction = ReturnType<typeof presentInteraction>;

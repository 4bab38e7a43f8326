import type { MessageView, TicketSummary } from '@cc/shared';
import type { MessageDoc } from './message.model.js';
import { ticketNumberLabel, type TicketDoc } from './model.js';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
const idOrNull = (v: unknown) => (v ? String(v) : null);

export function presentTicketSummary(t: TicketDoc, contactName = ''): TicketSummary {
  return {
    id: String(t._id),
    number: t.number,
    label: ticketNumberLabel(t.number),
    subject: t.subject,
    channel: t.channel,
    type: t.type,
    priority: t.priority,
    status: t.status,
    group: idOrNull(t.group),
    assignee: idOrNull(t.assignee),
    contact: { id: String(t.contact), name: contactName },
    queuedAt: iso(t.queuedAt),
    lastMessageAt: iso(t.lastMessageAt),
    firstResponseAt: iso(t.firstResponseAt),
    sla: {
      firstResponseDueAt: iso(t.sla?.firstResponseDueAt),
      resolutionDueAt: iso(t.sla?.resolutionDueAt),
      firstResponseBreached: Boolean(t.sla?.firstResponseBreached),
      resolutionBreached: Boolean(t.sla?.resolutionBreached),
    },
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
  };
}

export function presentTicket(t: TicketDoc, contactName = '') {
  return {
    ...presentTicketSummary(t, contactName),
    unit: idOrNull(t.unit),
    faultCode: t.faultCode ?? null,
    tags: t.tags,
    entryPoint: t.entryPoint?.kind ? { kind: t.entryPoint.kind, value: t.entryPoint.value } : null,
    assignedAt: iso(t.assignedAt),
    resolvedAt: iso(t.resolvedAt),
    closedAt: iso(t.closedAt),
    satisfaction: t.satisfaction?.score ? t.satisfaction : null,
    mergedInto: idOrNull(t.mergedInto),
    timeline: t.timeline.map((e) => ({
      at: iso(e.at),
      event: e.event,
      actorKind: e.actorKind,
      actor: idOrNull(e.actor),
      from: e.from ?? null,
      to: e.to ?? null,
      note: e.note ?? null,
    })),
  };
}

export function presentMessage(m: MessageDoc): MessageView {
  return {
    id: String(m._id),
    ticket: String(m.ticket),
    direction: m.direction,
    channel: m.channel,
    authorKind: m.authorKind,
    author: idOrNull(m.author),
    authorName: m.authorName,
    text: m.text,
    html: m.html ?? null,
    attachments: m.attachments.map((a) => ({
      fileId: idOrNull(a.fileId),
      name: a.name ?? '',
      contentType: a.contentType ?? '',
      size: a.size ?? 0,
      dropped: Boolean(a.dropped),
      reason: a.reason ?? null,
    })),
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError ?? null,
    deliveryErrorCode: m.deliveryErrorCode ?? null,
    mentions: (m.mentions ?? []).map(String),
    createdAt: iso(m.createdAt)!,
  };
}

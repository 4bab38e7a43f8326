import type { z } from 'zod';
import { smsProvider } from '../channels/sms/channel.js';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { config } from '../core/config.js';
import { localDay } from '../core/dates.js';
import { conflict, notFound, unprocessable } from '../core/errors.js';
import { paginate } from '../core/http/pagination.js';
import { lockKey, withLocks } from '../core/locks.js';
import { QueueName, enqueue } from '../core/queues.js';
import { Dealer, Technician, type DealerDoc, type TechnicianDoc } from '../dealers/model.js';
import { recordInteraction } from '../interactions/service.js';
import { Unit, type UnitDoc } from '../products/model.js';
import { Visit, type VisitDoc } from './model.js';
import type { VisitReportBody, listVisitsQuery, updateVisitBody, visitPlanBody } from './schema.js';

const HOUR = 3600 * 1000;
const visitLock = (id: unknown) => lockKey('visit', String(id));

/** The same day N months later (clamped to the month's last day), at midnight UTC. */
export function addMonths(day: Date, months: number): Date {
  const y = day.getUTCFullYear();
  const m = day.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(day.getUTCDate(), last)));
}

/** An active technician of an active service dealer, with the dealer. */
async function serviceTechnician(id: string): Promise<{ tech: TechnicianDoc; dealer: DealerDoc }> {
  const tech = await Technician.findById(id).lean<TechnicianDoc>();
  if (!tech || !tech.active)
    throw unprocessable('unknown_technician', 'No active technician with this id');
  const dealer = await Dealer.findById(tech.dealer).lean<DealerDoc>();
  if (!dealer || dealer.status !== 'active' || !dealer.kinds.includes('service'))
    throw unprocessable(
      'not_service_dealer',
      'The technician does not work for an active service dealer',
    );
  return { tech, dealer };
}

async function scheduleReminder(visit: VisitDoc): Promise<void> {
  const at = visit.plannedAt.getTime() - config().VISIT_REMINDER_HOURS * HOUR;
  await enqueue(
    QueueName.VisitReminders,
    { visitId: String(visit._id), plannedAt: visit.plannedAt.toISOString() },
    {
      delay: Math.max(0, at - Date.now()),
      jobId: `visit-reminder-${String(visit._id)}-${visit.plannedAt.getTime()}`,
    },
  );
}

/**
 * Plans periodic on-site service for a unit: every N months from delivery, the next `count`
 * visits still ahead, with one technician. Future visits planned earlier are canceled first.
 */
export async function planVisits(
  serial: string,
  body: z.infer<typeof visitPlanBody>,
  actorId: string,
): Promise<VisitDoc[]> {
  const unit = await Unit.findOne({ serial }).lean<UnitDoc>();
  if (!unit) throw notFound('Unit');
  if (!unit.deliveryDate)
    throw unprocessable('not_delivered', 'The unit has no delivery date; plans count from it');
  if (!unit.owner) throw unprocessable('no_owner', 'The unit has no owner to visit');
  const { tech, dealer } = await serviceTechnician(body.technician);
  const now = Date.now();
  const dates: Date[] = [];
  for (let k = 1; dates.length < body.count && k < 1000; k++) {
    const at = addMonths(unit.deliveryDate, k * body.everyMonths);
    at.setUTCHours(6, 30); // 10:00 in Tehran: a working-hours default the dealer can move
    if (at.getTime() > now) dates.push(at);
  }
  const visits = await withLocks([lockKey('visit-plan', String(unit._id))], async () => {
    await Visit.updateMany(
      {
        unit: unit._id,
        kind: 'customer-service',
        status: 'planned',
        plannedAt: { $gt: new Date() },
      },
      { $set: { status: 'canceled' } },
    );
    return Visit.insertMany(
      dates.map((plannedAt) => ({
        kind: 'customer-service',
        unit: unit._id,
        contact: unit.owner,
        dealer: dealer._id,
        technician: tech._id,
        inspector: actorId,
        plannedAt,
      })),
    );
  });
  const docs = visits.map((v) => v.toObject() as VisitDoc);
  for (const v of docs) await scheduleReminder(v);
  return docs;
}

export async function getVisit(id: string): Promise<VisitDoc> {
  const v = await Visit.findById(id).lean<VisitDoc>();
  if (!v || v.kind !== 'customer-service') throw notFound('Visit');
  return v;
}

export async function updateVisit(
  id: string,
  body: z.infer<typeof updateVisitBody>,
): Promise<VisitDoc> {
  const set: Record<string, unknown> = { ...body };
  if (body.technician) {
    const { tech, dealer } = await serviceTechnician(body.technician);
    set.technician = tech._id;
    set.dealer = dealer._id;
  }
  const updated = await withLocks([visitLock(id)], async () => {
    const v = await getVisit(id);
    if (v.status !== 'planned')
      throw conflict('visit_not_planned', `The visit is already ${v.status}`);
    return (await Visit.findByIdAndUpdate(id, { $set: set }, { new: true }).lean<VisitDoc>())!;
  });
  if (body.plannedAt && updated.status === 'planned') await scheduleReminder(updated);
  return updated;
}

/**
 * The technician's report: work done, parts, fault codes (they feed the defect report), outcome
 * and the customer's name as signature. Recorded once, as an interaction in the contact log.
 */
export async function reportVisit(
  id: string,
  body: VisitReportBody,
  actorId: string,
): Promise<VisitDoc> {
  const doneAt = body.doneOn ?? new Date();
  if (doneAt.getTime() > Date.now())
    throw unprocessable('done_in_future', 'The visit date is in the future');
  const visit = await withLocks([visitLock(id)], async () => {
    const v = await getVisit(id);
    if (v.status === 'done') throw conflict('visit_reported', 'This visit already has its report');
    if (v.status === 'canceled') throw conflict('visit_canceled', 'This visit was canceled');
    return (await Visit.findByIdAndUpdate(
      id,
      {
        $set: {
          status: 'done',
          report: {
            workDone: body.workDone,
            partsUsed: body.partsUsed,
            faultCodes: [...new Set(body.faultCodes)],
            outcome: body.outcome,
            customerSignatureName: body.customerSignatureName,
            doneAt,
            doneDay: localDay(doneAt, config().DEFAULT_TIMEZONE),
          },
        },
      },
      { new: true },
    ).lean<VisitDoc>())!;
  });
  const contact = visit.contact ? await Contact.findById(visit.contact).lean<ContactDoc>() : null;
  await recordInteraction({
    channel: 'visit',
    direction: 'out',
    caller: { kind: 'staff', value: actorId },
    contact: contact?._id ?? null,
    expert: actorId,
    startedAt: doneAt,
    endedAt: doneAt,
    outcome: 'visit',
    externalId: `visit:${String(visit._id)}`,
    note:
      `on-site visit (${body.outcome}): ${body.workDone}` +
      (body.faultCodes.length ? `; fault codes ${body.faultCodes.join(', ')}` : '') +
      (body.partsUsed.length ? `; parts ${body.partsUsed.join(', ')}` : '') +
      `; signed by ${body.customerSignatureName}`,
  });
  return visit;
}

export async function listVisits(q: z.infer<typeof listVisitsQuery>) {
  const filter: Record<string, unknown> = { kind: 'customer-service' };
  if (q.unit) filter.unit = q.unit;
  if (q.technician) filter.technician = q.technician;
  if (q.dealer) filter.dealer = q.dealer;
  if (q.status) filter.status = q.status;
  return paginate<VisitDoc>(Visit, filter, {
    sortField: 'plannedAt',
    direction: 'asc',
    limit: q.limit,
    cursor: q.cursor,
  });
}

function reminderText(contact: ContactDoc, visit: VisitDoc, technician: string | null): string {
  const locale = contact.locale === 'en' ? 'en' : 'fa';
  const when = new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: config().DEFAULT_TIMEZONE,
  }).format(visit.plannedAt);
  return locale === 'en'
    ? `Reminder: our technician${technician ? ` ${technician}` : ''} will visit you for the periodic service on ${when}.`
    : `یادآوری: کارشناس ما${technician ? ` (${technician})` : ''} برای سرویس دوره‌ای در ${when} به محل شما می‌آید.`;
}

/** The reminder job: an SMS to the owner if the visit is still planned for that time. */
export async function sendVisitReminder(
  visitId: string,
  plannedAt: string,
): Promise<'sent' | 'moved' | 'no-phone' | 'sms-off'> {
  const visit = await Visit.findById(visitId).lean<VisitDoc>();
  if (!visit || visit.status !== 'planned' || visit.plannedAt.toISOString() !== plannedAt)
    return 'moved';
  const contact = visit.contact ? await Contact.findById(visit.contact).lean<ContactDoc>() : null;
  const phone = contact?.phones.find((p) => !p.optedOut);
  if (!contact || !phone) return 'no-phone';
  const provider = smsProvider();
  const from = provider?.settings.numbers[0];
  if (!provider || !from) return 'sms-off';
  const tech = visit.technician
    ? await Technician.findById(visit.technician, { name: 1 }).lean<{ name: string }>()
    : null;
  const sent = await provider.send({
    from,
    to: phone.number,
    body: reminderText(contact, visit, tech?.name ?? null),
  });
  await recordInteraction({
    channel: 'sms',
    direction: 'out',
    caller: { kind: 'phone', value: phone.number },
    contact: contact._id,
    outcome: 'sent',
    externalId: sent.sid,
    note: `visit reminder for ${visit.plannedAt.toISOString()}`,
  });
  return 'sent';
}

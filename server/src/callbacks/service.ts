import type { Types } from 'mongoose';
import { setupSmsChannel, smsProvider } from '../channels/sms/channel.js';
import { CallStartError } from '../channels/voice/provider.js';
import { VOICE_PATHS, withQuery } from '../channels/voice/twiml.js';
import { voiceProvider } from '../channels/voice/channel.js';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { findOrCreateContact, getContact, type ContactHints } from '../contacts/service.js';
import { config } from '../core/config.js';
import { conflict, isDuplicateKeyError, notFound, unprocessable } from '../core/errors.js';
import { lockKey, withLocks } from '../core/locks.js';
import { logger } from '../core/logger.js';
import { QueueName, enqueue } from '../core/queues.js';
import { Interaction, type Outcome } from '../interactions/model.js';
import { recordInteraction } from '../interactions/service.js';
import type { RoutingFacts } from '../routing/choose-group.js';
import { emitTicket } from '../tickets/events.js';
import { Ticket, type TicketDoc } from '../tickets/model.js';
import { getTicket, openTicket, recordContact } from '../tickets/service.js';
import { SYSTEM, expertActor, ticketLock, timelineEntry, type Actor } from '../tickets/timeline.js';
import { User, type UserDoc } from '../users/model.js';
import { Callback, type CallbackDoc } from './model.js';

type Id = Types.ObjectId | string;
export type CallbackSource = CallbackDoc['source'];

export const callbackLock = (id: unknown): string => lockKey('callback', String(id));

/** The Callback document of a callback ticket (one per ticket; a retried create finds it). */
export async function openCallback(input: {
  ticket: Id;
  contact: Id;
  phone: string;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  source: CallbackSource;
}): Promise<CallbackDoc> {
  try {
    const created = await Callback.create({
      ...input,
      windowStart: input.windowStart ?? null,
      windowEnd: input.windowEnd ?? null,
      nextAttemptAt: input.windowStart ?? new Date(),
    });
    return created.toObject() as CallbackDoc;
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    return (await Callback.findOne({ ticket: input.ticket }).lean<CallbackDoc>())!;
  }
}

export interface CallbackRequest {
  channel: 'voice' | 'webchat';
  caller: { kind: 'phone' | 'visitor'; value: string };
  contact: ContactHints;
  phone: string;
  windowStart?: Date | null;
  windowEnd?: Date | null;
  source: CallbackSource;
  /** Idempotency: the same request (a retried webhook) opens one ticket. */
  externalId: string;
  entryPoint?: RoutingFacts['entryPoint'];
  subject: string;
}

/** A customer asks to be called back: a callback ticket in the queue and its Callback document. */
export async function requestCallback(
  req: CallbackRequest,
): Promise<{ ticket: TicketDoc; callback: CallbackDoc; contact: ContactDoc }> {
  const { ticket, contact } = await recordContact({
    channel: req.channel,
    direction: 'in',
    caller: req.caller,
    contact: req.contact,
    message: {
      text: callbackText(req.phone, req.windowStart, req.windowEnd),
      externalId: req.externalId,
    },
    ticket: { forceNew: true, type: 'callback', subject: req.subject, entryPoint: req.entryPoint },
    outcome: 'callback-requested',
  });
  const callback = await openCallback({
    ticket: ticket._id,
    contact: contact._id,
    phone: req.phone,
    windowStart: req.windowStart,
    windowEnd: req.windowEnd,
    source: req.source,
  });
  return { ticket, callback, contact };
}

export function callbackText(phone: string, start?: Date | null, end?: Date | null): string {
  const window =
    start || end
      ? ` between ${start?.toISOString() ?? 'now'} and ${end?.toISOString() ?? 'any time'}`
      : '';
  return `Please call me back on ${phone}${window}.`;
}

/** An expert records a callback someone asked for (on the phone, at a dealer...). */
export async function createCallbackByExpert(
  input: {
    contactId?: string;
    phone: string;
    windowStart?: Date | null;
    windowEnd?: Date | null;
    subject?: string;
    groupId?: string;
  },
  expertId: string,
): Promise<{ ticket: TicketDoc; callback: CallbackDoc }> {
  const contact = input.contactId
    ? await getContact(input.contactId)
    : await findOrCreateContact({ phone: input.phone });
  const ticket = await openTicket({
    contact,
    channel: 'voice',
    type: 'callback',
    subject: input.subject ?? callbackText(input.phone, input.windowStart, input.windowEnd),
    groupId: input.groupId ?? null,
    actor: expertActor(expertId),
  });
  const callback = await openCallback({
    ticket: ticket._id,
    contact: contact._id,
    phone: input.phone,
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    source: 'expert',
  });
  return { ticket, callback };
}

export async function callbackOfTicket(ticketId: Id): Promise<CallbackDoc> {
  const cb = await Callback.findOne({ ticket: ticketId }).lean<CallbackDoc>();
  if (!cb) throw notFound('Callback');
  return cb;
}

async function addTimeline(ticketId: Id, actor: Actor, note: string): Promise<void> {
  const t = await withLocks([ticketLock(ticketId)], () =>
    Ticket.findByIdAndUpdate(
      ticketId,
      { $push: { timeline: timelineEntry('callback-attempt', actor, { note }) } },
      { new: true },
    ).lean<TicketDoc>(),
  );
  if (t) await emitTicket('ticket:updated', t);
}

function callerIdFor(ticket: TicketDoc, numbers: string[]): string {
  const entry = ticket.entryPoint;
  if (entry?.kind === 'voice-number' && entry.value && numbers.includes(entry.value))
    return entry.value;
  return numbers[0]!;
}

/**
 * "Call back": Twilio rings the expert's phone first; when they answer, the bridge TwiML dials
 * the customer. One attempt at a time per callback.
 */
export async function startCallbackAttempt(
  callbackId: Id,
  expertId: string,
  actor: Actor,
): Promise<CallbackDoc> {
  const provider = voiceProvider();
  if (!provider)
    throw unprocessable('voice_off', 'The voice channel is off (Twilio voice settings missing)');
  const expert = await User.findById(expertId).lean<UserDoc>();
  if (!expert?.phone)
    throw unprocessable(
      'expert_phone_missing',
      'Your profile has no phone number to ring first; add one, then call back again',
    );
  const outcome = await withLocks([callbackLock(callbackId)], async () => {
    const cb = await Callback.findById(callbackId).lean<CallbackDoc>();
    if (!cb) throw notFound('Callback');
    if (cb.status === 'calling')
      throw conflict('callback_in_progress', 'A call for this callback is already in progress');
    if (cb.status === 'completed' || cb.status === 'canceled')
      throw conflict('callback_closed', `This callback is ${cb.status}`);
    const ticket = await getTicket(cb.ticket);
    const attempt = cb.attempts.length + 1;
    const q = { cb: String(cb._id), attempt };
    const at = new Date();
    try {
      const { sid } = await provider.call({
        to: expert.phone!,
        from: callerIdFor(ticket, provider.settings.voiceNumbers),
        twimlPath: withQuery(VOICE_PATHS.bridge, q),
        statusPath: withQuery(VOICE_PATHS.callbackLegStatus, { ...q, leg: 'expert' }),
      });
      await Callback.updateOne(
        { _id: cb._id },
        {
          $set: { status: 'calling', nextAttemptAt: null },
          $push: { attempts: { at, expert: expert._id, outcome: 'calling', callSid: sid } },
        },
      );
      await recordInteraction({
        channel: 'voice',
        direction: 'out',
        caller: { kind: 'phone', value: cb.phone },
        contact: cb.contact,
        expert: expert._id,
        ticket: ticket._id,
        group: ticket.group ?? null,
        startedAt: at,
        outcome: 'queued',
        externalId: sid,
        note: `callback attempt ${attempt}: expert leg`,
      });
      return { ticket, attempt, error: null };
    } catch (err) {
      if (!(err instanceof CallStartError)) throw err;
      await Callback.updateOne(
        { _id: cb._id },
        {
          $push: {
            attempts: { at, expert: expert._id, outcome: 'failed', durationSec: 0, callSid: null },
          },
        },
      );
      return { ticket, attempt, error: err };
    }
  });
  await addTimeline(
    outcome.ticket._id,
    actor,
    outcome.error
      ? `attempt ${outcome.attempt}: the call could not be placed (${outcome.error.message})`
      : `attempt ${outcome.attempt}: ringing ${expert.displayName}`,
  );
  if (outcome.error)
    throw unprocessable('call_failed', `Twilio did not place the call: ${outcome.error.message}`);
  return (await Callback.findById(callbackId).lean<CallbackDoc>())!;
}

const CUSTOMER_RETRY: readonly string[] = ['no-answer', 'busy'];

/**
 * An attempt ends (once; later reports change nothing): completed closes the callback; the
 * customer not answering or busy schedules the next attempt inside the window, or, after the
 * last one, an SMS saying we tried; the expert not answering leaves it waiting for them.
 */
export async function finishAttempt(
  callbackId: string,
  attemptNo: number,
  outcome: string,
  durationSec: number,
): Promise<void> {
  const cfg = config();
  const result = await withLocks([callbackLock(callbackId)], async () => {
    const cb = await Callback.findById(callbackId).lean<CallbackDoc>();
    const attempt = cb?.attempts[attemptNo - 1];
    if (!cb || !attempt || attempt.outcome !== 'calling') return null;
    const attempts = cb.attempts.map((a, i) =>
      i === attemptNo - 1 ? { ...a, outcome, durationSec } : a,
    );
    const now = Date.now();
    const retryAt = new Date(now + cfg.CALLBACK_RETRY_DELAY_SECONDS * 1000);
    let status: CallbackDoc['status'] = 'waiting';
    let next: 'retry' | 'tried-sms' | null = null;
    if (outcome === 'completed') status = 'completed';
    else if (CUSTOMER_RETRY.includes(outcome)) {
      const inWindow = !cb.windowEnd || retryAt <= cb.windowEnd;
      if (attempts.length < cfg.CALLBACK_MAX_ATTEMPTS && inWindow) next = 'retry';
      else {
        status = 'failed';
        next = 'tried-sms';
      }
    }
    const start =
      cb.windowStart && cb.windowStart.getTime() > retryAt.getTime() ? cb.windowStart : retryAt;
    await Callback.updateOne(
      { _id: cb._id },
      { $set: { attempts, status, nextAttemptAt: next === 'retry' ? start : null } },
    );
    return { cb, next, at: start, status };
  });
  if (!result) return;
  const { cb, next } = result;
  const tail =
    next === 'retry'
      ? `; next attempt at ${result.at.toISOString()}`
      : next === 'tried-sms'
        ? '; no more attempts, the customer is told by SMS'
        : '';
  await addTimeline(
    cb.ticket,
    SYSTEM,
    `attempt ${attemptNo}: ${outcome}${durationSec ? ` (${durationSec} s)` : ''}${tail}`,
  );
  if (next === 'retry')
    await enqueue(
      QueueName.Callbacks,
      { callbackId, kind: 'retry', attempt: attemptNo + 1 },
      {
        jobId: `callback-${callbackId}-attempt-${attemptNo + 1}`,
        delay: result.at.getTime() - Date.now(),
      },
    );
  if (next === 'tried-sms')
    await enqueue(
      QueueName.Callbacks,
      { callbackId, kind: 'tried-sms', attempt: attemptNo },
      { jobId: `callback-${callbackId}-tried-sms` },
    );
}

/** The automatic next attempt: the expert who made the last one is rung again. */
export async function retryCallback(callbackId: string, attempt: number): Promise<void> {
  const cb = await Callback.findById(callbackId).lean<CallbackDoc>();
  if (!cb || cb.status !== 'waiting' || cb.attempts.length + 1 !== attempt) return;
  const expert = cb.attempts.at(-1)?.expert;
  if (!expert) return;
  try {
    await startCallbackAttempt(cb._id, String(expert), SYSTEM);
  } catch (err) {
    logger.warn({ callbackId, err: (err as Error).message }, 'callback retry not placed');
    await addTimeline(
      cb.ticket,
      SYSTEM,
      `attempt ${attempt} not placed: ${(err as Error).message}`,
    );
  }
}

const TRIED_SMS_NOTE = 'callback: told the customer we tried to call';
export const TRIED_SMS_TEXT =
  'ما چند بار برای تماس با شما تلاش کردیم اما موفق نشدیم. برای تماس دوباره به همین پیام پاسخ دهید.\n' +
  'We tried to call you back but could not reach you. Reply to this message to be called again.';

/** After the last attempt: one SMS to the callback number (unless it opted out of SMS). */
export async function sendTriedSms(callbackId: string): Promise<void> {
  const cb = await Callback.findById(callbackId).lean<CallbackDoc>();
  if (!cb) return;
  if (await Interaction.exists({ ticket: cb.ticket, note: TRIED_SMS_NOTE })) return;
  const sms = smsProvider() ?? setupSmsChannel(config());
  const voice = voiceProvider();
  const from = sms?.settings.numbers[0] ?? voice?.settings.voiceNumbers[0];
  const contact = await Contact.findById(cb.contact).lean<ContactDoc>();
  const optedOut = contact?.phones.some((p) => p.number === cb.phone && p.optedOut);
  if (!sms || !from || optedOut) {
    await addTimeline(
      cb.ticket,
      SYSTEM,
      optedOut
        ? 'no SMS sent: the customer opted out of SMS'
        : 'no SMS sent: the SMS channel is off',
    );
    return;
  }
  const ticket = await getTicket(cb.ticket);
  const { sid } = await sms.send({ from, to: cb.phone, body: TRIED_SMS_TEXT });
  await recordInteraction({
    channel: 'sms',
    direction: 'out',
    caller: { kind: 'phone', value: cb.phone },
    contact: cb.contact,
    ticket: cb.ticket,
    group: ticket.group ?? null,
    outcome: 'sent',
    externalId: sid,
    note: TRIED_SMS_NOTE,
  });
  await addTimeline(cb.ticket, SYSTEM, `SMS sent to ${cb.phone}: we tried to call`);
}

/** Twilio's call states in order; a late report never moves a leg backwards. */
const LEG_RANK: Record<string, number> = {
  queued: 0,
  initiated: 0,
  ringing: 1,
  'in-progress': 2,
  answered: 2,
  completed: 3,
  busy: 3,
  'no-answer': 3,
  failed: 3,
  canceled: 3,
};
const LEG_OUTCOME: Record<string, Outcome> = {
  queued: 'queued',
  initiated: 'queued',
  ringing: 'queued',
  'in-progress': 'answered',
  answered: 'answered',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no-answer',
  failed: 'failed',
  canceled: 'canceled',
};
const OUTCOME_RANK: Partial<Record<Outcome, number>> = {
  queued: 0,
  answered: 2,
  completed: 3,
  busy: 3,
  'no-answer': 3,
  failed: 3,
  canceled: 3,
};

export const isFinalCallStatus = (s: string) => LEG_RANK[s] === 3;

/**
 * One call leg's status report: creates the leg's contact-log row at its first report and moves
 * it forward only (by CallSid, under a lock), so a retried or late webhook changes nothing.
 * Returns whether this report changed the row.
 */
export async function recordLegStatus(input: {
  callSid: string;
  status: string;
  durationSec: number | null;
  leg: Omit<Parameters<typeof recordInteraction>[0], 'outcome' | 'externalId' | 'channel'>;
}): Promise<boolean> {
  const outcome = LEG_OUTCOME[input.status];
  if (!outcome) return false;
  return withLocks([lockKey('call', input.callSid)], async () => {
    const row = await Interaction.findOne({ externalId: input.callSid }).lean();
    const now = new Date();
    if (!row) {
      await recordInteraction({
        ...input.leg,
        channel: 'voice',
        outcome,
        externalId: input.callSid,
        startedAt:
          isFinalCallStatus(input.status) && input.durationSec
            ? new Date(now.getTime() - input.durationSec * 1000)
            : now,
        endedAt: isFinalCallStatus(input.status) ? now : null,
      });
      return true;
    }
    const from = OUTCOME_RANK[row.outcome as Outcome] ?? 0;
    if ((LEG_RANK[input.status] ?? 0) <= from) return false;
    const set: Record<string, unknown> = { outcome };
    if (isFinalCallStatus(input.status)) {
      set.endedAt = now;
      set.durationSec =
        input.durationSec ?? Math.round((now.getTime() - row.startedAt.getTime()) / 1000);
    }
    await Interaction.updateOne({ _id: row._id }, { $set: set });
    return true;
  });
}

import type { Job } from 'bullmq';
import { z } from 'zod';
import { findOrCreateContact } from '../../contacts/service.js';
import { insertKeepingDuplicates } from '../../core/db.js';
import { lockKey, withLocks } from '../../core/locks.js';
import { groupCommit } from '../../core/group-commit.js';
import { logger } from '../../core/logger.js';
import { normalisePhone, toLatinDigits } from '../../core/phone.js';
import { QueueName, enqueue, queue, repeatJob, type JobPayloads } from '../../core/queues.js';
import { Interaction } from '../../interactions/model.js';
import { recordInteraction } from '../../interactions/service.js';
import { recordContact } from '../../tickets/service.js';
import { setOptedOut } from './channel.js';
import { SmsInbox, type SmsInboxDoc } from './inbox.model.js';
import { attachToMessage, keepMedia } from './media.js';
import type { TwilioSmsProvider } from './provider.js';
import type { Form } from './signed-form.js';

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'لغو']);
const START_WORDS = new Set(['START', 'UNSTOP']);

/** Rows this old and still unprocessed are queued again by the sweep (a crash before enqueue). */
export const SWEEP_AFTER_MS = 30_000;
const SWEEP_EVERY_MS = 60_000;
/** Processed rows are kept this long (Twilio retries come within minutes), then deleted. */
const KEEP_PROCESSED_MS = 7 * 24 * 3600_000;

export const twilioSid = z.string().regex(/^[A-Z]{2}[0-9a-fA-F]{32}$/, 'a Twilio SID');

export const inboundForm = z.object({
  MessageSid: twilioSid,
  From: z.string().min(1).max(40),
  To: z.string().min(1).max(40),
  Body: z.string().max(10_000).default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
});

/**
 * The webhook's durable part: the row keyed by MessageSid, then a job with the same id. Returns
 * false for a Twilio retry (the row exists). Rows from concurrent webhooks are written together
 * (group commit): one insert and one enqueue per batch instead of per text. If the enqueue fails
 * the rows are kept and the sweep queues them, so the webhook still answers 200.
 */
export const storeInbound: (form: Form) => Promise<boolean> = groupCommit(async (forms: Form[]) => {
  const receivedAt = new Date();
  const rows = forms.map((form) => ({
    _id: form.MessageSid!,
    form,
    receivedAt,
    processedAt: null,
    outcome: null,
    message: null,
  }));
  const duplicates = await insertKeepingDuplicates(SmsInbox.collection, rows);
  const stored = rows.filter((_, i) => !duplicates.has(i)).map((row) => row._id);
  if (stored.length) {
    try {
      await queue(QueueName.SmsInbound).addBulk(
        stored.map((sid) => ({
          name: QueueName.SmsInbound,
          data: { task: 'process' as const, sid },
          opts: { jobId: sid },
        })),
      );
    } catch (err) {
      logger.warn(
        { sids: stored, err: (err as Error).message },
        'sms inbox: enqueue failed; the sweep retries',
      );
    }
  }
  return rows.map((_, i) => !duplicates.has(i));
});

const enqueueProcessing = (sid: string) =>
  enqueue(QueueName.SmsInbound, { task: 'process', sid }, { jobId: sid });

/**
 * Turns one inbox row into what the webhook used to do at once: STOP / START change consent,
 * anything else lands in the sender's SMS ticket with its MMS media. Safe to run twice: the row's
 * lock serialises runs, recordContact and consent are idempotent by MessageSid, and media is only
 * fetched while the message has none.
 */
export async function processSmsInbox(sid: string, provider: TwilioSmsProvider): Promise<string> {
  return withLocks(
    [lockKey('sms-inbox', sid)],
    async () => {
      const row = await SmsInbox.findById(sid).lean<SmsInboxDoc>();
      if (!row) return 'no such row';
      if (row.processedAt) return 'already processed';
      const done = await processForm(row, provider);
      await SmsInbox.updateOne(
        { _id: sid },
        { $set: { processedAt: new Date(), outcome: done.outcome, message: done.message } },
      );
      return done.outcome;
    },
    { waitMs: 30_000 },
  );
}

async function processForm(
  row: SmsInboxDoc,
  provider: TwilioSmsProvider,
): Promise<{ outcome: 'message' | 'opted-out' | 'opted-in'; message: unknown }> {
  const form = row.form;
  // Validated by the webhook before it was stored; parsed again for the types and defaults.
  const input = inboundForm.parse(form);
  const from = normalisePhone(input.From)!;
  const to = normalisePhone(input.To) ?? input.To.trim();
  const keyword = toLatinDigits(input.Body).trim().toUpperCase();
  if (STOP_WORDS.has(keyword) || START_WORDS.has(keyword)) {
    const stop = STOP_WORDS.has(keyword);
    await consent(input.MessageSid, from, stop, input.Body, row.receivedAt);
    return { outcome: stop ? 'opted-out' : 'opted-in', message: null };
  }
  const recorded = await recordContact({
    channel: 'sms',
    direction: 'in',
    caller: { kind: 'phone', value: from },
    contact: { phone: from },
    message: { text: input.Body, externalId: input.MessageSid },
    ticket: { entryPoint: { kind: 'sms-number', value: to } },
    outcome: 'received',
    startedAt: row.receivedAt,
  });
  const message = recorded.message;
  // The files need the ticket, which recordContact chooses: they are stored right after it.
  if (message && input.NumMedia > 0 && !message.attachments?.length) {
    const limit = provider.settings.mediaMaxBytes;
    const attachments = [];
    for (let i = 0; i < input.NumMedia; i++) {
      const url = form[`MediaUrl${i}`];
      if (!url) continue;
      const got = await provider.fetchMedia(url, form[`MediaContentType${i}`] ?? null);
      attachments.push(await keepMedia(got, `media-${i}`, recorded.ticket._id, limit));
    }
    if (attachments.length) await attachToMessage(message._id, attachments);
  }
  return { outcome: 'message', message: message?._id ?? null };
}

/** STOP / START: the phone's consent changes; the text is logged as an interaction, no ticket. */
async function consent(messageSid: string, from: string, stop: boolean, text: string, at: Date) {
  await withLocks(
    [lockKey('inbound', `sms:${messageSid}`)],
    async () => {
      if (await Interaction.exists({ channel: 'sms', externalId: messageSid })) return;
      const contact = await findOrCreateContact({ phone: from });
      await setOptedOut(contact._id, from, stop);
      await recordInteraction({
        channel: 'sms',
        direction: 'in',
        caller: { kind: 'phone', value: from },
        contact: contact._id,
        outcome: 'received',
        externalId: messageSid,
        startedAt: at,
        note: stop
          ? `opted out of SMS ("${text.trim()}")`
          : `opted back in to SMS ("${text.trim()}")`,
      });
    },
    { waitMs: 10_000 },
  );
}

/**
 * Queues rows left unprocessed for `olderThanMs` (the webhook stored them but died before the
 * enqueue, or every attempt failed) and deletes processed rows past their retention.
 */
export async function sweepSmsInbox(
  now = new Date(),
  olderThanMs = SWEEP_AFTER_MS,
): Promise<{ requeued: number; deleted: number }> {
  const stale = await SmsInbox.find(
    { processedAt: null, receivedAt: { $lte: new Date(now.getTime() - olderThanMs) } },
    { _id: 1 },
  )
    .limit(1000)
    .lean<Array<{ _id: string }>>();
  let requeued = 0;
  for (const { _id } of stale) if (await ensureQueued(_id)) requeued += 1;
  const { deletedCount } = await SmsInbox.deleteMany({
    processedAt: { $ne: null, $lt: new Date(now.getTime() - KEEP_PROCESSED_MS) },
  });
  return { requeued, deleted: deletedCount };
}

/** A job with the sid's id that will run: a failed one is retried, a finished one replaced. */
async function ensureQueued(sid: string): Promise<boolean> {
  const job = await queue(QueueName.SmsInbound).getJob(sid);
  if (!job) {
    await enqueueProcessing(sid);
    return true;
  }
  const state = await job.getState();
  if (state === 'failed') {
    await job.retry('failed');
    return true;
  }
  if (state === 'completed') {
    await job.remove();
    await enqueueProcessing(sid);
    return true;
  }
  return false; // waiting, delayed or running
}

export function processSmsInboundJob(
  job: Job<JobPayloads[QueueName.SmsInbound]>,
  provider: TwilioSmsProvider,
): Promise<unknown> {
  if (job.data.task === 'sweep') return sweepSmsInbox();
  return processSmsInbox(job.data.sid, provider);
}

/** The sweep's repeatable job (one schedule however many workers start). */
export function scheduleSmsInboxSweep(): void {
  repeatJob(QueueName.SmsInbound, 'sms-inbox-sweep', { every: SWEEP_EVERY_MS }, { task: 'sweep' });
}

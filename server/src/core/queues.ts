import {
  Queue,
  Worker,
  type Job,
  type JobsOptions,
  type Processor,
  type RepeatOptions,
} from 'bullmq';
import { newRedis } from './redis.js';
import { inBackground, logger } from './logger.js';

/** Every BullMQ queue the system uses; payload types are in JobPayloads. */
export enum QueueName {
  Sla = 'sla',
  Routing = 'routing',
  Maintenance = 'maintenance',
  SmsOutbound = 'sms-outbound',
  SmsInbound = 'sms-inbound',
  Surveys = 'surveys',
  VisitReminders = 'visit-reminders',
  Callbacks = 'callbacks',
  Reports = 'reports',
  EmailOutbound = 'email-outbound',
}

export interface JobPayloads {
  [QueueName.Sla]: {
    ticketId: string;
    kind: 'firstResponse' | 'resolution';
    stage: 'warning' | 'breach';
    dueAt: string;
  };
  [QueueName.Routing]: {
    reason: 'presence-timeout' | 'overflow-check' | 'refill';
    userId?: string;
    groupId?: string;
  };
  [QueueName.Maintenance]: {
    task: 'auto-close-resolved' | 'reconcile-active-counts' | 'sweep-attachments';
  };
  /** An expert's SMS reply (message already stored, deliveryStatus 'queued') to hand to Twilio. */
  [QueueName.SmsOutbound]: { messageId: string };
  /** A stored inbound SMS webhook (sms_inbox row, jobId = sid) to process, or the periodic sweep. */
  [QueueName.SmsInbound]: { task: 'process'; sid: string } | { task: 'sweep' };
  /** A resolved ticket's CSAT or complaint satisfaction check (skipped when not due). */
  [QueueName.Surveys]:
    | { task: 'after-resolution'; ticketId: string }
    | { task: 'campaign-start'; campaignId: string }
    | { task: 'campaign-batch'; campaignId: string; contactIds: string[] };
  /** SMS to the customer before a planned visit; skipped if the visit moved or was canceled. */
  [QueueName.VisitReminders]: { visitId: string; plannedAt: string };
  /** A callback's next automatic attempt, or the SMS telling the customer we tried. */
  [QueueName.Callbacks]: { callbackId: string; kind: 'retry' | 'tried-sms'; attempt: number };
  [QueueName.Reports]: { task: 'refresh-rollups' | 'weekly-summary' };
  /** An expert's email reply (stored, 'queued'), or the acknowledgement of a new email ticket. */
  [QueueName.EmailOutbound]:
    | { kind: 'reply'; messageId: string }
    | {
        kind: 'acknowledgement';
        mailboxId: string;
        ticketId: string;
        to: string;
        inReplyTo: string;
      };
}

export const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

let prefix = 'cc';
const queues = new Map<QueueName, Queue>();
const workers: Worker[] = [];

export function configureQueues(redisPrefix: string): void {
  prefix = `${redisPrefix}:bull`;
}

export function queue<N extends QueueName>(name: N): Queue<JobPayloads[N]> {
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: newRedis(), prefix, defaultJobOptions });
    q.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'queue error'));
    queues.set(name, q);
  }
  return q as unknown as Queue<JobPayloads[N]>;
}

export async function enqueue<N extends QueueName>(
  name: N,
  payload: JobPayloads[N],
  opts: JobsOptions = {},
): Promise<Job<JobPayloads[N]>> {
  // BullMQ's generic name/data typing is looser than ours; the payload type is checked above.
  return (queue(name) as Queue).add(name, payload, opts) as Promise<Job<JobPayloads[N]>>;
}

/** A job that runs on a schedule (one per id, whichever process registers it). */
export function repeatJob<N extends QueueName>(
  name: N,
  id: string,
  repeat: Omit<RepeatOptions, 'key'>,
  data: JobPayloads[N],
): void {
  inBackground(
    (queue(name) as Queue).upsertJobScheduler(id, repeat, { name: id, data }),
    `scheduling ${name} job ${id}`,
  );
}

export function startWorker<N extends QueueName>(
  name: N,
  processor: Processor<JobPayloads[N]>,
  concurrency = 5,
): Worker<JobPayloads[N]> {
  const worker = new Worker<JobPayloads[N]>(name, processor, {
    connection: newRedis(),
    prefix,
    concurrency,
  });
  worker.on('failed', (job, err) =>
    logger.warn(
      { queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
      'job failed',
    ),
  );
  worker.on('error', (err) => logger.error({ queue: name, err: err.message }, 'worker error'));
  workers.push(worker as unknown as Worker);
  return worker;
}

/** Waits for running jobs to finish, then closes every queue and worker of this process. */
export async function closeQueues(): Promise<void> {
  await Promise.all(workers.splice(0).map((w) => w.close()));
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
}

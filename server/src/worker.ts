import type { QueueName } from './core/queues.js';
import { startCallbackProcessors } from './callbacks/processors.js';
import { startEmailProcessors, stopMailboxWatchers } from './channels/email/processors.js';
import { startSmsProcessors } from './channels/sms/outbound.js';
import { startReportProcessors } from './reports/processors.js';
import { startRoutingProcessors } from './routing/processors.js';
import { startSurveyProcessors } from './surveys/processors.js';
import { startVisitProcessors } from './visits/processors.js';

type ProcessorRegistration = () => QueueName[];

/** Each module that owns background work adds its registration here. */
const registrations: ProcessorRegistration[] = [
  startRoutingProcessors,
  startSmsProcessors,
  startSurveyProcessors,
  startVisitProcessors,
  startCallbackProcessors,
  startReportProcessors,
  startEmailProcessors,
];

export function startProcessors(): QueueName[] {
  return registrations.flatMap((register) => register());
}

/** Background work that is not a queue (IMAP connections) stops before the connections close. */
export async function stopProcessors(): Promise<void> {
  await stopMailboxWatchers();
}

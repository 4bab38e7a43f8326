import type { QueueName } from './core/queues.js';
import { startCallbackProcessors } from './callbacks/processors.js';
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
];

export function startProcessors(): QueueName[] {
  return registrations.flatMap((register) => register());
}

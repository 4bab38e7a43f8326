import type { QueueName } from './core/queues.js';

type ProcessorRegistration = () => QueueName[];

/** Each module that owns background work adds its registration here. */
const registrations: ProcessorRegistration[] = [];

export function startProcessors(): QueueName[] {
  return registrations.flatMap((register) => register());
}

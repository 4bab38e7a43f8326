import { setupVoiceChannel, voiceProvider } from '../channels/voice/channel.js';
import { config } from '../core/config.js';
import { QueueName, startWorker } from '../core/queues.js';
import { retryCallback, sendTriedSms } from './service.js';

/** Worker registration: automatic callback attempts and the "we tried" SMS. */
export function startCallbackProcessors(): QueueName[] {
  if (!voiceProvider()) setupVoiceChannel(config());
  startWorker(QueueName.Callbacks, async (job) => {
    if (job.data.kind === 'retry') await retryCallback(job.data.callbackId, job.data.attempt);
    else await sendTriedSms(job.data.callbackId);
  });
  return [QueueName.Callbacks];
}

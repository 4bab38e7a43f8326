import { lockKey, withLocks } from '../../core/locks.js';
import { Message, type MessageDoc } from '../../tickets/message.model.js';
import { recordContact } from '../../tickets/service.js';
import { attachToMessage, keepMedia } from '../sms/media.js';
import { settleCall } from './calls.js';
import type { TwilioVoiceProvider } from './provider.js';

export interface Recording {
  callSid: string;
  recordingSid: string;
  recordingUrl: string;
  durationSec: number;
  from: string;
  to: string;
}

/**
 * A voicemail becomes a new voice ticket whose message carries the recording. Twilio reports a
 * recording twice (the <Record> action, then the recording status callback, in either order):
 * the first report opens the ticket, the first one with the recording ready attaches it; both
 * are keyed by RecordingSid, so retries change nothing.
 */
export async function storeVoicemail(
  provider: TwilioVoiceProvider,
  rec: Recording,
  recordingReady: boolean,
): Promise<MessageDoc> {
  return withLocks(
    [lockKey('recording', rec.recordingSid)],
    async () => {
      let message = await Message.findOne({
        channel: 'voice',
        externalId: rec.recordingSid,
      }).lean<MessageDoc>();
      if (!message) {
        const recorded = await recordContact({
          channel: 'voice',
          direction: 'in',
          caller: { kind: 'phone', value: rec.from },
          contact: { phone: rec.from },
          message: {
            text: `Voicemail (${rec.durationSec} s)`,
            externalId: rec.recordingSid,
          },
          ticket: {
            forceNew: true,
            subject: 'Voicemail',
            entryPoint: { kind: 'voice-number', value: rec.to },
          },
          outcome: 'voicemail',
          startedAt: new Date(Date.now() - rec.durationSec * 1000),
          endedAt: new Date(),
        });
        message = recorded.message!;
        await settleCall(rec.callSid, 'voicemail', { ticket: recorded.ticket._id });
      }
      if (recordingReady && !message.attachments.length) {
        const got = await provider.fetchRecording(rec.recordingUrl);
        const attachment = await keepMedia(
          got,
          `voicemail-${rec.recordingSid}.mp3`,
          message.ticket,
          provider.settings.mediaMaxBytes,
        );
        await attachToMessage(message._id, [attachment]);
        message = (await Message.findById(message._id).lean<MessageDoc>())!;
      }
      return message;
    },
    { waitMs: 20_000 },
  );
}

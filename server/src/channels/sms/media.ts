import type { Types } from 'mongoose';
import { Attachment } from '../../attachments/model.js';
import { storeAttachment, type MessageAttachment } from '../../attachments/service.js';
import { Message } from '../../tickets/message.model.js';
import type { TwilioSettings } from './client.js';

/** Where Twilio serves MMS media and call recordings; anything else is never fetched. */
const TWILIO_MEDIA_ORIGIN = 'https://api.twilio.com';

export type FetchedMedia =
  | { ok: true; data: Buffer; contentType: string }
  | { ok: false; reason: string; contentType: string; size: number };

/**
 * Downloads one Twilio media item or recording with the account's credentials, giving up as soon
 * as it passes `limit` bytes. With TWILIO_API_BASE_URL (tests) the request goes to that origin.
 */
export async function fetchTwilioMedia(
  settings: TwilioSettings,
  url: string,
  limit: number,
  declaredType: string | null = null,
): Promise<FetchedMedia> {
  const failed = (reason: string, contentType = declaredType ?? '', size = 0): FetchedMedia => ({
    ok: false,
    reason,
    contentType,
    size,
  });
  const target = mediaTarget(settings, url);
  if (!target) return failed('media URL is not a Twilio media URL');
  const auth = Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64');
  let res: Response;
  try {
    res = await fetch(target, {
      headers: { authorization: `Basic ${auth}` },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    return failed(`fetch failed: ${(err as Error).message}`);
  }
  const contentType = res.headers.get('content-type') ?? declaredType ?? '';
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    return failed(`fetch failed: HTTP ${res.status}`, contentType);
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await res.body.cancel();
    return failed(`larger than the ${limit}-byte limit`, contentType, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return failed(`larger than the ${limit}-byte limit`, contentType, size);
    }
    chunks.push(value);
  }
  return { ok: true, data: Buffer.concat(chunks), contentType };
}

function mediaTarget(settings: TwilioSettings, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== TWILIO_MEDIA_ORIGIN) return null;
  if (settings.apiBaseUrl) {
    const base = new URL(settings.apiBaseUrl);
    parsed.protocol = base.protocol;
    parsed.host = base.host;
  }
  return parsed.toString();
}

/**
 * Keeps fetched bytes as an attachment of the ticket (type sniffed from the bytes, size limit
 * applied again); what could not be fetched is recorded as dropped with the reason.
 */
export async function keepMedia(
  got: FetchedMedia,
  name: string,
  ticketId: Types.ObjectId | string,
  maxBytes: number,
): Promise<MessageAttachment> {
  if (!got.ok)
    return {
      fileId: null,
      name,
      contentType: got.contentType,
      size: got.size,
      dropped: true,
      reason: got.reason,
    };
  return storeAttachment({
    data: got.data,
    name,
    ticketId,
    uploadedBy: { kind: 'contact' },
    maxBytes,
    accept: 'any',
  });
}

/** Puts stored attachments on the message that carried them (and marks the files as its own). */
export async function attachToMessage(
  messageId: Types.ObjectId,
  attachments: MessageAttachment[],
): Promise<void> {
  await Message.updateOne({ _id: messageId }, { $set: { attachments } });
  const fileIds = attachments.flatMap((a) => (a.fileId ? [a.fileId] : []));
  if (fileIds.length)
    await Attachment.updateMany({ _id: { $in: fileIds } }, { $set: { message: messageId } });
}

import { requestJson, sendJson } from './http';

export interface CallbackAttempt {
  at: string | null;
  expertId: string | null;
  outcome: string | null;
  durationSec: number | null;
  callSid: string | null;
}

export interface CallbackView {
  id: string;
  ticketId: string;
  phone: string;
  windowStart: string | null;
  windowEnd: string | null;
  source: string;
  status: 'waiting' | 'calling' | 'completed' | 'failed' | 'canceled';
  nextAttemptAt: string | null;
  attempts: CallbackAttempt[];
}

export function getCallback(ticketId: string): Promise<CallbackView> {
  return requestJson(`/api/tickets/${ticketId}/callback`);
}

/** Rings the expert's phone; once they answer, the customer is dialled. */
export function callBack(csrf: string, ticketId: string): Promise<CallbackView> {
  return sendJson('POST', `/api/tickets/${ticketId}/callback/call`, csrf);
}

export interface PhoneChannel {
  enabled: boolean;
  reason?: string;
  numbers: Array<{
    number: string;
    group: { id: string; name: { fa: string; en: string } } | null;
  }>;
}

export function getChannelSettings(): Promise<{ sms: PhoneChannel; voice: PhoneChannel }> {
  return requestJson('/api/channels');
}

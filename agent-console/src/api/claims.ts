import { requestJson, sendJson } from './http';

export const CLAIM_STEPS = [
  'review',
  'approved',
  'rejected',
  'repaired-on-site',
  'sent-to-factory',
  'repaired',
  'replaced',
  'closed',
] as const;
export type ClaimStep = (typeof CLAIM_STEPS)[number];

export interface Claim {
  ticket: string;
  step: ClaimStep;
  next: ClaimStep[];
  rejectionReason: string | null;
  trackingNumber: string | null;
  sentAt: string | null;
  returnedAt: string | null;
  replacementSerial: string | null;
  history: Array<{ step: ClaimStep; at: string; by: string | null; note: string | null }>;
}

export interface ClaimStepInput {
  to: ClaimStep;
  note?: string;
  reason?: string;
  trackingNumber?: string;
  sentAt?: string;
  replacementSerial?: string;
}

export const getClaim = (ticketId: string) => requestJson<Claim>(`/api/tickets/${ticketId}/claim`);

export const advanceClaim = (csrf: string, ticketId: string, input: ClaimStepInput) =>
  sendJson<Claim>('POST', `/api/tickets/${ticketId}/claim/steps`, csrf, input);

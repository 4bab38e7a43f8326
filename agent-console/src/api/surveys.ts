/** Satisfaction campaigns (seed 26): who is asked what, on which channel, and the results. */
import { requestJson, sendJson } from './http';

export interface Bilingual {
  fa: string;
  en: string;
}

export type CampaignQuestion =
  | { id: string; kind: 'rating' | 'nps' | 'text'; text: Bilingual; required?: boolean }
  | {
      id: string;
      kind: 'choice';
      text: Bilingual;
      options: Array<{ value: string; label: Bilingual }>;
      required?: boolean;
    };

export interface Campaign {
  id: string;
  name: string;
  channel: 'sms' | 'email';
  scheduledAt: string;
  status: 'scheduled' | 'sending' | 'sent' | 'canceled';
  targeted: number;
  sent: number;
  skipped: number;
  questions: CampaignQuestion[];
}

export interface NewCampaign {
  name: string;
  segment: {
    segment?: 'potential' | 'actual';
    productCode?: string;
    province?: string;
    city?: string;
  };
  questions: CampaignQuestion[];
  channel: 'sms' | 'email';
  scheduledAt: string;
}

export interface QuestionResult {
  id: string;
  kind: CampaignQuestion['kind'];
  text: Bilingual;
  answers: number;
  distribution?: Record<string, number>;
  average?: number | null;
  nps?: number | null;
  latest?: string[];
}

export interface CampaignResults {
  campaign: string;
  targeted: number;
  sent: number;
  answered: number;
  questions: QuestionResult[];
}

export async function listCampaigns(): Promise<Campaign[]> {
  return (await requestJson<{ items: Campaign[] }>('/api/surveys/campaigns')).items;
}

export function createCampaign(csrf: string, campaign: NewCampaign): Promise<Campaign> {
  return sendJson('POST', '/api/surveys/campaigns', csrf, campaign);
}

export function campaignResults(id: string): Promise<CampaignResults> {
  return requestJson(`/api/surveys/campaigns/${id}/results`);
}

import { queryString, requestJson } from '../../api/http';

export const PERIODS = ['today', '7d', '30d', 'month', 'custom'] as const;
export type Period = (typeof PERIODS)[number];

export interface ReportFilters {
  period: Period;
  from?: string;
  to?: string;
  channel?: string;
  direction?: 'in' | 'out';
  group?: string;
  expert?: string;
  type?: string;
  productModel?: string;
  province?: string;
}

export interface DurationStats {
  count: number;
  average: number | null;
  median: number | null;
  p90: number | null;
}

interface Dims {
  channel: string;
  group: string;
  expert: string;
}

/** GET /api/reports (server/src/reports/service.ts). */
export interface Report {
  period: { from: string; to: string; days: string[] };
  volume: {
    contacts: number;
    inbound: number;
    outbound: number;
    tickets: number;
    byChannel: Array<{
      channel: string;
      contacts: number;
      inbound: number;
      outbound: number;
      tickets: number;
    }>;
    byDay: Array<{ day: string; contacts: number; tickets: number }>;
    heatmap: number[][];
  };
  speed: {
    firstResponse: { wall: DurationStats; business: DurationStats };
    resolution: { wall: DurationStats; business: DurationStats };
    sla: {
      firstResponse: { met: number; breached: number; percent: number | null };
      resolution: { met: number; breached: number; percent: number | null };
    };
    breaches: Array<
      Dims & {
        ticket: string;
        number: number;
        kind: 'firstResponse' | 'resolution';
        dueAt: string;
        doneAt: string | null;
      }
    >;
  };
  queue: {
    waited: number;
    averageWaitSec: number | null;
    longestWaitSec: number | null;
    abandonedChats: number;
    missedCalls: number;
    callbacks: { firstAttempt: number; later: number; never: number; pending: number };
  };
  experts: Array<{
    expert: string;
    name: string;
    handled: number;
    contacts: number;
    averageHandlingSec: number | null;
    firstResponseAverageSec: number | null;
    csatAverage: number | null;
    csatCount: number;
    onlineSec: number;
  }>;
  satisfaction: {
    count: number;
    average: number | null;
    distribution: Array<{ score: number; count: number }>;
    trend: Array<{ day: string; count: number; average: number | null }>;
    comments: Array<
      Dims & { ticket: string; number: number; score: number; comment: string; at: string }
    >;
    complaintChecks: {
      sent: number;
      answered: number;
      responseRate: number | null;
      resolved: { yes: number; partly: number; no: number };
      resolvedPercent: number | null;
      average: number | null;
      distribution: Array<{ score: number; count: number }>;
      comments: Array<{ at: string; ticket: string | null; score: number | null; comment: string }>;
    };
    campaigns: Array<{
      campaign: string;
      name: string;
      status: string;
      scheduledAt: string;
      channel: string;
      targeted: number;
      sent: number;
      answered: number;
      responseRate: number | null;
      ratingAverage: number | null;
      npsAverage: number | null;
      nps: number | null;
    }>;
  };
  afterSales: {
    claimsByStatus: Array<{ status: string; count: number }>;
    serviceRequests: {
      total: number;
      byStatus: Array<{ status: string; count: number }>;
      byChannel: Array<{ channel: string; count: number }>;
    };
    claims: {
      opened: number;
      byStep: Array<{ step: string; count: number }>;
      byOutcome: Array<{ outcome: string; count: number }>;
      timeToClose: DurationStats;
    };
    factory: {
      sent: number;
      returned: number;
      atFactory: number;
      turnaround: DurationStats;
      byModel: Array<{
        productModel: string;
        sent: number;
        returned: number;
        repaired: number;
        replaced: number;
        atFactory: number;
      }>;
    };
    inspections: {
      count: number;
      averageScore: number | null;
      byDealer: Array<{
        dealer: string;
        code: string;
        name: string;
        province: string;
        inspections: number;
        averageScore: number | null;
        lastScore: number | null;
      }>;
    };
    pareto: Array<{
      productModel: string;
      faultCode: string;
      description: { fa: string; en: string } | null;
      count: number;
      percent: number;
      cumulativePercent: number;
    }>;
  };
}

const params = (f: ReportFilters) =>
  queryString({
    ...f,
    from: f.period === 'custom' ? f.from : undefined,
    to: f.period === 'custom' ? f.to : undefined,
  });

export const fetchReport = (f: ReportFilters) => requestJson<Report>(`/api/reports${params(f)}`);

/** The CSV download of one table, with the same filters (a plain link: the session cookie goes along). */
export const csvHref = (f: ReportFilters, table: string) =>
  `/api/reports/export.csv${params(f)}&table=${encodeURIComponent(table)}`;

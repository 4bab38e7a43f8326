import type { Response } from 'express';
import { BOM, csvLine, streamDownload } from '../core/http/download.js';
import type { ReportTable } from './schema.js';
import type { Report } from './service.js';

type Table = { columns: string[]; rows: unknown[][] };

/** Each table of the report as columns and rows (the same numbers as the JSON). */
export function reportTable(report: Report, table: ReportTable): Table {
  const s = report.speed;
  switch (table) {
    case 'volume-by-channel':
      return {
        columns: ['channel', 'contacts', 'inbound', 'outbound', 'tickets'],
        rows: report.volume.byChannel.map((c) => [
          c.channel,
          c.contacts,
          c.inbound,
          c.outbound,
          c.tickets,
        ]),
      };
    case 'volume-by-day':
      return {
        columns: ['day', 'contacts', 'tickets'],
        rows: report.volume.byDay.map((d) => [d.day, d.contacts, d.tickets]),
      };
    case 'heatmap':
      return {
        columns: ['weekday', ...Array.from({ length: 24 }, (_, h) => `h${h}`)],
        rows: report.volume.heatmap.map((hours, weekday) => [weekday, ...hours]),
      };
    case 'speed': {
      const row = (measure: string, clock: string, x: typeof s.firstResponse.wall) => [
        measure,
        clock,
        x.count,
        x.average,
        x.median,
        x.p90,
      ];
      return {
        columns: ['measure', 'clock', 'count', 'averageSec', 'medianSec', 'p90Sec'],
        rows: [
          row('firstResponse', 'wall', s.firstResponse.wall),
          row('firstResponse', 'business', s.firstResponse.business),
          row('resolution', 'wall', s.resolution.wall),
          row('resolution', 'business', s.resolution.business),
        ],
      };
    }
    case 'breaches':
      return {
        columns: ['ticketNumber', 'kind', 'dueAt', 'doneAt', 'channel', 'group', 'expert'],
        rows: s.breaches.map((b) => [
          b.number,
          b.kind,
          b.dueAt,
          b.doneAt,
          b.channel,
          b.group,
          b.expert,
        ]),
      };
    case 'queue': {
      const q = report.queue;
      return {
        columns: ['measure', 'value'],
        rows: [
          ['waited', q.waited],
          ['averageWaitSec', q.averageWaitSec],
          ['medianWaitSec', q.medianWaitSec],
          ['longestWaitSec', q.longestWaitSec],
          ['abandonedChats', q.abandonedChats],
          ['missedCalls', q.missedCalls],
          ['callbacksFirstAttempt', q.callbacks.firstAttempt],
          ['callbacksLater', q.callbacks.later],
          ['callbacksNever', q.callbacks.never],
          ['callbacksPending', q.callbacks.pending],
        ],
      };
    }
    case 'experts':
      return {
        columns: [
          'expert',
          'name',
          'handled',
          'contacts',
          'averageHandlingSec',
          'firstResponseAverageSec',
          'firstResponseMedianSec',
          'csatAverage',
          'csatCount',
          'onlineSec',
        ],
        rows: report.experts.map((e) => [
          e.expert,
          e.name,
          e.handled,
          e.contacts,
          e.averageHandlingSec,
          e.firstResponseAverageSec,
          e.firstResponseMedianSec,
          e.csatAverage,
          e.csatCount,
          e.onlineSec,
        ]),
      };
    case 'satisfaction-distribution':
      return {
        columns: ['score', 'count'],
        rows: report.satisfaction.distribution.map((d) => [d.score, d.count]),
      };
    case 'satisfaction-trend':
      return {
        columns: ['day', 'count', 'average'],
        rows: report.satisfaction.trend.map((d) => [d.day, d.count, d.average]),
      };
    case 'comments':
      return {
        columns: ['ticketNumber', 'score', 'comment', 'at', 'channel', 'expert'],
        rows: report.satisfaction.comments.map((c) => [
          c.number,
          c.score,
          c.comment,
          c.at,
          c.channel,
          c.expert,
        ]),
      };
    case 'claims':
      return {
        columns: ['status', 'count'],
        rows: report.afterSales.claimsByStatus.map((c) => [c.status, c.count]),
      };
    case 'pareto':
      return {
        columns: [
          'productModel',
          'faultCode',
          'descriptionFa',
          'descriptionEn',
          'count',
          'percent',
          'cumulativePercent',
        ],
        rows: report.afterSales.pareto.map((p) => [
          p.productModel,
          p.faultCode,
          p.description?.fa,
          p.description?.en,
          p.count,
          p.percent,
          p.cumulativePercent,
        ]),
      };
    case 'complaint-checks': {
      const c = report.satisfaction.complaintChecks;
      return {
        columns: ['measure', 'value'],
        rows: [
          ['sent', c.sent],
          ['answered', c.answered],
          ['responseRate', c.responseRate],
          ['resolvedYes', c.resolved.yes],
          ['resolvedPartly', c.resolved.partly],
          ['resolvedNo', c.resolved.no],
          ['resolvedPercent', c.resolvedPercent],
          ['averageScore', c.average],
          ...c.distribution.map((d) => [`score${d.score}`, d.count]),
        ],
      };
    }
    case 'complaint-comments':
      return {
        columns: ['at', 'ticket', 'score', 'comment'],
        rows: report.satisfaction.complaintChecks.comments.map((c) => [
          c.at,
          c.ticket,
          c.score,
          c.comment,
        ]),
      };
    case 'campaigns':
      return {
        columns: [
          'campaign',
          'name',
          'status',
          'scheduledAt',
          'channel',
          'targeted',
          'sent',
          'answered',
          'responseRate',
          'ratingAverage',
          'npsAverage',
          'nps',
        ],
        rows: report.satisfaction.campaigns.map((c) => [
          c.campaign,
          c.name,
          c.status,
          c.scheduledAt,
          c.channel,
          c.targeted,
          c.sent,
          c.answered,
          c.responseRate,
          c.ratingAverage,
          c.npsAverage,
          c.nps,
        ]),
      };
    case 'claim-steps':
      return {
        columns: ['step', 'count'],
        rows: report.afterSales.claims.byStep.map((c) => [c.step, c.count]),
      };
    case 'claim-outcomes':
      return {
        columns: ['outcome', 'count'],
        rows: report.afterSales.claims.byOutcome.map((c) => [c.outcome, c.count]),
      };
    case 'claim-time-to-close': {
      const t = report.afterSales.claims.timeToClose;
      return {
        columns: ['opened', 'closed', 'averageSec', 'medianSec', 'p90Sec'],
        rows: [[report.afterSales.claims.opened, t.count, t.average, t.median, t.p90]],
      };
    }
    case 'factory':
      return {
        columns: ['productModel', 'sent', 'returned', 'repaired', 'replaced', 'atFactory'],
        rows: report.afterSales.factory.byModel.map((r) => [
          r.productModel,
          r.sent,
          r.returned,
          r.repaired,
          r.replaced,
          r.atFactory,
        ]),
      };
    case 'service-requests':
      return {
        columns: ['status', 'count'],
        rows: report.afterSales.serviceRequests.byStatus.map((r) => [r.status, r.count]),
      };
    case 'inspections':
      return {
        columns: ['code', 'name', 'province', 'inspections', 'averageScore', 'lastScore'],
        rows: report.afterSales.inspections.byDealer.map((r) => [
          r.code,
          r.name,
          r.province,
          r.inspections,
          r.averageScore,
          r.lastScore,
        ]),
      };
  }
}

/** One table as a CSV download (UTF-8 with BOM), through the shared download helper. */
export function streamReportCsv(res: Response, report: Report, table: ReportTable): Promise<void> {
  const { columns, rows } = reportTable(report, table);
  let i = 0;
  const cursor = {
    next: async () => rows[i++] ?? null,
    close: async () => undefined,
  };
  return streamDownload(res, cursor, {
    contentType: 'text/csv; charset=utf-8',
    name: `report-${table}-${report.period.from}-${report.period.to}`,
    extension: 'csv',
    head: BOM + csvLine(columns),
    row: (r) => csvLine(r),
  });
}

import { config } from '../core/config.js';
import { mailConfigured, sendSystemMail } from '../core/mail.js';
import { logger } from '../core/logger.js';
import { buildReport, type Report } from './service.js';

const minutes = (sec: number | null) => (sec === null ? '-' : `${Math.round(sec / 60)}`);
const percent = (p: number | null) => (p === null ? '-' : `${p}%`);

/** The headline figures of a report as plain text, Persian first, then English. */
export function weeklySummaryText(r: Report, link: string): string {
  const v = r.volume;
  const s = r.speed;
  const fa = [
    `گزارش هفتگی مرکز تماس: ${r.period.from} تا ${r.period.to}`,
    `تماس‌ها: ${v.contacts} (ورودی ${v.inbound}، خروجی ${v.outbound}) — تیکت‌ها: ${v.tickets}`,
    `میانه اولین پاسخ (ساعات کاری): ${minutes(s.firstResponse.business.median)} دقیقه`,
    `میانه حل (ساعات کاری): ${minutes(s.resolution.business.median)} دقیقه`,
    `رعایت SLA اولین پاسخ: ${percent(s.sla.firstResponse.percent)} — حل: ${percent(s.sla.resolution.percent)}`,
    `گفتگوهای رهاشده: ${r.queue.abandonedChats} — تماس‌های از دست رفته: ${r.queue.missedCalls}`,
    `رضایت: ${r.satisfaction.average ?? '-'} از ۵ (${r.satisfaction.count} پاسخ)`,
  ];
  const en = [
    `Contact centre weekly report: ${r.period.from} to ${r.period.to}`,
    `Contacts: ${v.contacts} (in ${v.inbound}, out ${v.outbound}); tickets: ${v.tickets}`,
    `First response median (business hours): ${minutes(s.firstResponse.business.median)} min`,
    `Resolution median (business hours): ${minutes(s.resolution.business.median)} min`,
    `SLA first response: ${percent(s.sla.firstResponse.percent)}; resolution: ${percent(s.sla.resolution.percent)}`,
    `Abandoned chats: ${r.queue.abandonedChats}; missed calls: ${r.queue.missedCalls}`,
    `CSAT: ${r.satisfaction.average ?? '-'} of 5 (${r.satisfaction.count} answers)`,
  ];
  return [...fa, '', ...en, '', link].join('\n');
}

/** Sends the last seven local days' summary to REPORTS_WEEKLY_RECIPIENTS; false when it cannot. */
export async function sendWeeklySummary(now = new Date()): Promise<boolean> {
  const cfg = config();
  const to = cfg.REPORTS_WEEKLY_RECIPIENTS;
  if (!to.length) return false;
  if (!mailConfigured()) {
    logger.warn('weekly report not sent: SMTP is not configured');
    return false;
  }
  const yesterday = new Date(now.getTime() - 86_400_000);
  const report = await buildReport({ period: '7d' }, yesterday);
  const link = `${cfg.PUBLIC_URL}/console/#/reports`;
  await sendSystemMail({
    to,
    subject: `گزارش هفتگی / Weekly report ${report.period.from} – ${report.period.to}`,
    text: weeklySummaryText(report, link),
  });
  logger.info({ recipients: to.length, period: report.period }, 'weekly report sent');
  return true;
}

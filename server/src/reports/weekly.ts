import { config } from '../core/config.js';
import { mailConfigured, sendSystemMail } from '../core/mail.js';
import { logger } from '../core/logger.js';
import { buildReport, type Report } from './service.js';

const faNumber = new Intl.NumberFormat('fa-IR');
const faDay = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});
const jalali = (day: string) => faDay.format(new Date(`${day}T12:00:00Z`));

/** The headline figures of a report as plain text: Persian (Jalali dates, Persian digits), then English. */
export function weeklySummaryText(r: Report, link: string): string {
  const v = r.volume;
  const s = r.speed;
  const fa = (n: number | null) => (n === null ? '-' : faNumber.format(n));
  const faMinutes = (sec: number | null) => (sec === null ? '-' : fa(Math.round(sec / 60)));
  const faPercent = (p: number | null) => (p === null ? '-' : `${fa(p)}٪`);
  const en = (n: number | null) => (n === null ? '-' : String(n));
  const enMinutes = (sec: number | null) => (sec === null ? '-' : String(Math.round(sec / 60)));
  const enPercent = (p: number | null) => (p === null ? '-' : `${p}%`);
  const persian = [
    `گزارش هفتگی مرکز تماس: ${jalali(r.period.from)} تا ${jalali(r.period.to)}`,
    `تماس‌ها: ${fa(v.contacts)} (ورودی ${fa(v.inbound)}، خروجی ${fa(v.outbound)}) — تیکت‌ها: ${fa(v.tickets)}`,
    `میانه اولین پاسخ (ساعات کاری): ${faMinutes(s.firstResponse.business.median)} دقیقه`,
    `میانه حل (ساعات کاری): ${faMinutes(s.resolution.business.median)} دقیقه`,
    `رعایت SLA اولین پاسخ: ${faPercent(s.sla.firstResponse.percent)} — حل: ${faPercent(s.sla.resolution.percent)}`,
    `گفتگوهای رهاشده: ${fa(r.queue.abandonedChats)} — تماس‌های از دست رفته: ${fa(r.queue.missedCalls)}`,
    `رضایت: ${fa(r.satisfaction.average)} از ۵ (${fa(r.satisfaction.count)} پاسخ)`,
  ];
  const english = [
    `Contact centre weekly report: ${r.period.from} to ${r.period.to}`,
    `Contacts: ${v.contacts} (in ${v.inbound}, out ${v.outbound}); tickets: ${v.tickets}`,
    `First response median (business hours): ${enMinutes(s.firstResponse.business.median)} min`,
    `Resolution median (business hours): ${enMinutes(s.resolution.business.median)} min`,
    `SLA first response: ${enPercent(s.sla.firstResponse.percent)}; resolution: ${enPercent(s.sla.resolution.percent)}`,
    `Abandoned chats: ${r.queue.abandonedChats}; missed calls: ${r.queue.missedCalls}`,
    `CSAT: ${en(r.satisfaction.average)} of 5 (${r.satisfaction.count} answers)`,
  ];
  return [...persian, '', ...english, '', link].join('\n');
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

import type { TicketSummary } from '@cc/shared';
import { useI18n } from '../i18n/context';
import { formatDateTime, formatDuration, formatRelative } from '../i18n/format';

const WAITING = ['new', 'queued'];

/** How long a waiting ticket has waited; for the others, when it last changed. */
export function WaitTime({ ticket, now }: { ticket: TicketSummary; now: Date }) {
  const { locale, t } = useI18n();
  if (WAITING.includes(ticket.status) && ticket.queuedAt) {
    const seconds = (now.getTime() - Date.parse(ticket.queuedAt)) / 1000;
    return (
      <span class="wait">{t('ticket.waiting', { duration: formatDuration(seconds, locale) })}</span>
    );
  }
  const updated = new Date(ticket.updatedAt);
  return (
    <time dateTime={ticket.updatedAt} title={formatDateTime(updated, locale)}>
      {formatRelative(updated, now, locale)}
    </time>
  );
}

/** The SLA clock that matters now: first response while waiting, resolution while open. */
export function SlaBadge({ ticket, now }: { ticket: TicketSummary; now: Date }) {
  const { locale, t } = useI18n();
  const { sla } = ticket;
  const open = ['new', 'queued', 'assigned', 'pending'].includes(ticket.status);
  if (!open) return null;
  if (sla.firstResponseBreached || sla.resolutionBreached)
    return <span class="badge badge-breach">{t('sla.breached')}</span>;
  const due = WAITING.includes(ticket.status) ? sla.firstResponseDueAt : sla.resolutionDueAt;
  if (!due) return null;
  const seconds = (Date.parse(due) - now.getTime()) / 1000;
  const duration = formatDuration(Math.abs(seconds), locale);
  return seconds < 0 ? (
    <span class="badge badge-breach">{t('sla.overdue', { duration })}</span>
  ) : (
    <span class={`sla ${seconds < 600 ? 'sla-soon' : ''}`}>{t('sla.dueIn', { duration })}</span>
  );
}

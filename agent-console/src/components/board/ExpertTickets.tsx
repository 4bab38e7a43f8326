import type { TicketSummary } from '@cc/shared';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import { listTickets, requeueTicket, transferTicket } from '../../api/tickets';
import type { StaffUser } from '../../api/types';
import { useI18n } from '../../i18n/context';
import { label } from '../../i18n/labels';
import { useNotices } from '../../notices';
import { useRealtime, useSocketEvents } from '../../realtime/context';
import { useSession } from '../../session';

const REFRESH_MS = 400;

interface ExpertTicketsProps {
  expert: StaffUser;
  /** Everyone on the board, to pick whom a ticket goes to. */
  experts: StaffUser[];
  onClose: () => void;
}

/** One expert's open tickets on the board: reassign each to a colleague, or requeue it. */
export function ExpertTickets({ expert, experts, onClose }: ExpertTicketsProps) {
  const { t } = useI18n();
  const { csrf } = useSession();
  const { generation } = useRealtime();
  const notices = useNotices();
  const [tickets, setTickets] = useState<TicketSummary[] | null>(null);
  const [targets, setTargets] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const load = useCallback(() => {
    listTickets({ assignee: expert.id, status: 'assigned,pending', sort: '-updatedAt', limit: 50 })
      .then((page) => {
        setTickets(page.items);
        setError(undefined);
      })
      .catch(setError);
  }, [expert.id]);
  const loadSoon = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(load, REFRESH_MS);
  }, [load]);

  useEffect(() => {
    if (generation > 0) load();
    return () => clearTimeout(timer.current);
  }, [load, generation]);

  useSocketEvents(
    { 'ticket:assigned': loadSoon, 'ticket:updated': loadSoon, 'ticket:transferred': loadSoon },
    [loadSoon],
  );

  async function act(ticket: TicketSummary, run: () => Promise<unknown>, done: () => void) {
    setBusy(ticket.id);
    try {
      await run();
      done();
      load();
    } catch (failure) {
      notices.error(failure);
    } finally {
      setBusy(null);
    }
  }

  const colleagues = experts.filter((u) => u.id !== expert.id && u.active);
  const headingId = `expert-tickets-${expert.id}`;
  return (
    <section class="expert-tickets" aria-labelledby={headingId} data-expert-tickets={expert.email}>
      <div class="section-heading">
        <h3 id={headingId}>{t('board.ticketsOf', { name: expert.displayName })}</h3>
        <button type="button" class="secondary" onClick={onClose}>
          {t('board.closeTickets')}
        </button>
      </div>
      {error !== undefined && (
        <p class="form-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
      {tickets?.length === 0 && <p class="empty">{t('board.noTickets')}</p>}
      {tickets && tickets.length > 0 && (
        <table class="board-table">
          <thead>
            <tr>
              <th scope="col">{t('board.ticket')}</th>
              <th scope="col">{t('board.ticketStatus')}</th>
              <th scope="col">{t('board.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => {
              const target = targets[ticket.id] ?? '';
              const targetName = colleagues.find((u) => u.id === target)?.displayName ?? '';
              return (
                <tr key={ticket.id} data-ticket={ticket.label}>
                  <th scope="row">
                    <span dir="ltr">{ticket.label}</span> · <bdi>{ticket.subject}</bdi>
                  </th>
                  <td>{label(t, 'status', ticket.status)}</td>
                  <td class="row-actions">
                    <label>
                      <span class="sr-only">{t('board.reassignTo', { label: ticket.label })}</span>
                      <select
                        value={target}
                        onChange={(e) =>
                          setTargets((all) => ({ ...all, [ticket.id]: e.currentTarget.value }))
                        }
                      >
                        <option value="">{t('board.pickExpert')}</option>
                        {colleagues.map((u) => (
                          <option key={u.id} value={u.id}>
                            {u.displayName} · {label(t, 'presence', u.presence)}
                          </option>
                        ))}
                      </select>
                    </label>
                    <button
                      type="button"
                      disabled={!target || busy === ticket.id}
                      onClick={() =>
                        void act(
                          ticket,
                          () => transferTicket(csrf, ticket.id, { expertId: target }),
                          () =>
                            notices.info('board.reassigned', {
                              label: ticket.label,
                              name: targetName,
                            }),
                        )
                      }
                    >
                      {t('board.reassign')}
                    </button>
                    <button
                      type="button"
                      class="secondary"
                      disabled={busy === ticket.id}
                      onClick={() =>
                        void act(
                          ticket,
                          () => requeueTicket(csrf, ticket.id),
                          () => notices.info('board.ticketRequeued', { label: ticket.label }),
                        )
                      }
                    >
                      {t('board.requeueTicket')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

import type { TicketSummary } from '@cc/shared';
import { useEffect, useState } from 'preact/hooks';
import { unitBySerial } from '../api/customers';
import { describeError } from '../api/error-message';
import { assignTicket, updateTicket, type TicketChanges } from '../api/tickets';
import {
  PRIORITIES,
  TICKET_TYPES,
  type Priority,
  type TicketDetail,
  type TicketType,
  type Unit,
} from '../api/types';
import { useDirectory } from '../directory';
import { useI18n } from '../i18n/context';
import type { MessageKey } from '../i18n/dictionaries';
import { label } from '../i18n/labels';
import { useNotices } from '../notices';
import { useSession } from '../session';
import { ClaimSteps } from './claims/ClaimSteps';
import { FeedbackFields } from './feedback/FeedbackFields';
import { MergeDialog, TransferDialog } from './TicketDialogs';
import { UnitSummary } from './UnitSummary';
import { CallbackCard } from './voice/CallbackCard';

const OPEN = ['new', 'queued', 'assigned', 'pending'];

interface TicketPanelProps {
  ticket: TicketDetail;
  /** The contact's units, where the linked unit usually is. */
  contactUnits: Unit[];
  onChanged: (ticket: TicketSummary) => void;
}

function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,،]/)
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

/** The linked unit: among the contact's units, else looked up by the serial last saved here. */
function useLinkedUnit(
  ticket: TicketDetail,
  contactUnits: Unit[],
  savedSerial: string | null,
): Unit | null {
  const [looked, setLooked] = useState<Unit | null>(null);
  useEffect(() => {
    setLooked(null);
    if (savedSerial) unitBySerial(savedSerial).then(setLooked, () => setLooked(null));
  }, [savedSerial]);
  if (!ticket.unit) return null;
  return (
    contactUnits.find((u) => u.id === ticket.unit) ?? (looked?.id === ticket.unit ? looked : null)
  );
}

export function TicketPanel({ ticket, contactUnits, onChanged }: TicketPanelProps) {
  const { t } = useI18n();
  const { csrf, user } = useSession();
  const directory = useDirectory();
  const notices = useNotices();
  const [dialog, setDialog] = useState<'transfer' | 'merge' | null>(null);
  const [savedSerial, setSavedSerial] = useState<string | null>(null);
  const unit = useLinkedUnit(ticket, contactUnits, savedSerial);
  const [priority, setPriority] = useState<Priority>(ticket.priority as Priority);
  const [type, setType] = useState<TicketType>(ticket.type as TicketType);
  const [tags, setTags] = useState(ticket.tags.join(', '));
  const [faultCode, setFaultCode] = useState(ticket.faultCode ?? '');
  const [serial, setSerial] = useState(unit?.serial ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setPriority(ticket.priority as Priority);
    setType(ticket.type as TicketType);
    setTags(ticket.tags.join(', '));
    setFaultCode(ticket.faultCode ?? '');
  }, [ticket.priority, ticket.type, ticket.tags.join(','), ticket.faultCode]); // strings, not the refetched array

  useEffect(() => setSerial(unit?.serial ?? ''), [unit?.serial]);

  async function run(action: () => Promise<TicketSummary>, done: MessageKey) {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await action());
      notices.info(done);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  function save(event: SubmitEvent) {
    event.preventDefault();
    const changes: TicketChanges = {};
    if (priority !== ticket.priority) changes.priority = priority;
    if (type !== ticket.type) changes.type = type;
    const nextTags = splitTags(tags);
    if (nextTags.join(',') !== ticket.tags.join(',')) changes.tags = nextTags;
    if (faultCode.trim() !== (ticket.faultCode ?? '')) changes.faultCode = faultCode.trim() || null;
    const nextSerial = serial.trim().toUpperCase();
    if (nextSerial !== (unit?.serial ?? '')) changes.serial = nextSerial || null;
    if (Object.keys(changes).length === 0) return;
    void run(async () => {
      const updated = await updateTicket(csrf, ticket.id, changes);
      if (changes.serial !== undefined) setSavedSerial(changes.serial);
      return updated;
    }, 'ticket.saved');
  }

  const open = OPEN.includes(ticket.status);
  const status = (next: TicketChanges['status'], done: MessageKey) =>
    run(() => updateTicket(csrf, ticket.id, { status: next }), done);

  return (
    <section class="panel-section" aria-labelledby="ticket-panel-title">
      <h3 id="ticket-panel-title" class="sr-only">
        {t('panel.ticket')}
      </h3>
      <dl class="facts">
        <div>
          <dt>{t('ticket.status')}</dt>
          <dd>
            <span class={`badge badge-status-${ticket.status}`}>
              {label(t, 'status', ticket.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('ticket.group')}</dt>
          <dd>{directory.groupName(ticket.group) ?? t('ticket.noGroup')}</dd>
        </div>
        <div>
          <dt>{t('ticket.assignee')}</dt>
          <dd>
            {ticket.assignee
              ? (directory.userName(ticket.assignee) ?? t('timeline.someone'))
              : t('ticket.unassigned')}
          </dd>
        </div>
      </dl>

      <div class="actions" role="group" aria-label={t('ticket.actions')}>
        {open && ticket.assignee !== user.id && (
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              void run(() => assignTicket(csrf, ticket.id, 'me'), 'ticket.assignedToMe')
            }
          >
            {t('action.assignToMe')}
          </button>
        )}
        {open && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => setDialog('transfer')}
          >
            {t('action.transfer')}
          </button>
        )}
        {!ticket.mergedInto && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => setDialog('merge')}
          >
            {t('action.merge')}
          </button>
        )}
        {ticket.status === 'assigned' && (
          <button
            type="button"
            class="secondary"
            disabled={busy}
            onClick={() => void status('pending', 'ticket.setPending')}
          >
            {t('action.pending')}
          </button>
        )}
        {open && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void status('resolved', 'ticket.resolved')}
          >
            {t('action.resolve')}
          </button>
        )}
        {(ticket.status === 'resolved' || ticket.status === 'closed') && !ticket.mergedInto && (
          <button
            type="button"
            disabled={busy}
            onClick={() => void status('open', 'ticket.reopened')}
          >
            {t('action.reopen')}
          </button>
        )}
      </div>
      <p class="form-error" role="alert">
        {error === undefined ? '' : describeError(error, t)}
      </p>
      {ticket.type === 'guarantee-claim' && <ClaimSteps ticketId={ticket.id} />}
      {['complaint', 'suggestion', 'criticism'].includes(ticket.type) && (
        <FeedbackFields ticketId={ticket.id} />
      )}

      {ticket.type === 'callback' && <CallbackCard ticket={ticket} />}
      <form class="ticket-form" onSubmit={save}>
        <label for="ticket-priority">{t('ticket.priority')}</label>
        <select
          id="ticket-priority"
          value={priority}
          onChange={(e) => setPriority(e.currentTarget.value as Priority)}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {label(t, 'priority', p)}
            </option>
          ))}
        </select>
        <label for="ticket-type">{t('ticket.type')}</label>
        <select
          id="ticket-type"
          value={type}
          onChange={(e) => setType(e.currentTarget.value as TicketType)}
        >
          {TICKET_TYPES.map((value) => (
            <option key={value} value={value}>
              {label(t, 'type', value)}
            </option>
          ))}
        </select>
        <label for="ticket-tags">{t('ticket.tags')}</label>
        <input
          id="ticket-tags"
          value={tags}
          aria-describedby="ticket-tags-hint"
          onInput={(e) => setTags(e.currentTarget.value)}
        />
        <p id="ticket-tags-hint" class="hint">
          {t('ticket.tagsHint')}
        </p>
        <label for="ticket-fault">{t('ticket.faultCode')}</label>
        <input
          id="ticket-fault"
          dir="ltr"
          value={faultCode}
          onInput={(e) => setFaultCode(e.currentTarget.value)}
        />
        <label for="ticket-serial">{t('ticket.serial')}</label>
        <input
          id="ticket-serial"
          dir="ltr"
          value={serial}
          onInput={(e) => setSerial(e.currentTarget.value)}
        />
        {unit ? (
          <UnitSummary unit={unit} />
        ) : (
          ticket.unit && <p class="hint">{t('ticket.unitLinked')}</p>
        )}
        <button type="submit" class="secondary" disabled={busy}>
          {t('action.save')}
        </button>
      </form>

      {dialog === 'transfer' && (
        <TransferDialog
          ticket={ticket}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            onChanged(result);
            notices.info('ticket.transferred');
          }}
        />
      )}
      {dialog === 'merge' && (
        <MergeDialog
          ticket={ticket}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            onChanged(result);
            notices.info('ticket.merged');
          }}
        />
      )}
    </section>
  );
}

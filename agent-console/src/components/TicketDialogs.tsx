import type { TicketSummary } from '@cc/shared';
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api/error-message';
import { listTickets, mergeTicket, transferTicket } from '../api/tickets';
import type { TicketDetail } from '../api/types';
import { useDirectory } from '../directory';
import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { useSession } from '../session';
import { Dialog } from './Dialog';

interface TicketDialogProps {
  ticket: TicketDetail;
  onClose: () => void;
  onDone: (ticket: TicketSummary) => void;
}

export function TransferDialog({ ticket, onClose, onDone }: TicketDialogProps) {
  const { locale, t } = useI18n();
  const { csrf, user } = useSession();
  const { groups, users, refreshUsers } = useDirectory();
  useEffect(refreshUsers, [refreshUsers]);
  const [groupId, setGroupId] = useState(ticket.group ?? '');
  const [expertId, setExpertId] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  // Group members: the directory lists only active staff, with the groups they answer for.
  const experts = (users ?? []).filter(
    (u) => u.id !== user.id && (!groupId || u.groups.includes(groupId)),
  );

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const target = {
        groupId,
        ...(expertId ? { expertId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      };
      onDone(await transferTicket(csrf, ticket.id, target));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('transfer.title', { label: ticket.label })} onClose={onClose}>
      <form class="dialog-form" onSubmit={submit}>
        <label for="transfer-group">{t('transfer.group')}</label>
        <select
          id="transfer-group"
          value={groupId}
          onChange={(e) => setGroupId(e.currentTarget.value)}
        >
          {groups
            .filter((g) => g.active)
            .map((g) => (
              <option key={g.id} value={g.id}>
                {g.name[locale]}
              </option>
            ))}
        </select>
        {users !== null && (
          <>
            <label for="transfer-expert">{t('transfer.expert')}</label>
            <select
              id="transfer-expert"
              value={expertId}
              onChange={(e) => setExpertId(e.currentTarget.value)}
            >
              <option value="">{t('transfer.anyExpert')}</option>
              {experts.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({label(t, 'presence', u.presence)})
                </option>
              ))}
            </select>
          </>
        )}
        <label for="transfer-note">{t('transfer.note')}</label>
        <textarea
          id="transfer-note"
          rows={3}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
        <p class="form-error" role="alert">
          {error === undefined ? '' : describeError(error, t)}
        </p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" disabled={busy || !groupId}>
            {t('transfer.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function MergeDialog({ ticket, onClose, onDone }: TicketDialogProps) {
  const { t } = useI18n();
  const { csrf } = useSession();
  const [candidates, setCandidates] = useState<TicketSummary[] | null>(null);
  const [sourceId, setSourceId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    listTickets({ contact: ticket.contact.id, limit: 50 }).then(
      (page) =>
        setCandidates(page.items.filter((c) => c.id !== ticket.id && c.status !== 'closed')),
      setError,
    );
  }, [ticket.contact.id, ticket.id]);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onDone(await mergeTicket(csrf, ticket.id, sourceId));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('merge.title', { label: ticket.label })} onClose={onClose}>
      <form class="dialog-form" onSubmit={submit}>
        <p class="hint">{t('merge.explain')}</p>
        {candidates === null && error === undefined && <p>{t('app.loading')}</p>}
        {candidates?.length === 0 && <p class="empty">{t('merge.none')}</p>}
        {candidates && candidates.length > 0 && (
          <fieldset class="choice-list">
            <legend>{t('merge.source')}</legend>
            {candidates.map((c) => (
              <label key={c.id}>
                <input
                  type="radio"
                  name="merge-source"
                  value={c.id}
                  checked={sourceId === c.id}
                  onChange={() => setSourceId(c.id)}
                />
                <span dir="ltr">{c.label}</span> <bdi>{c.subject}</bdi> (
                {label(t, 'status', c.status)})
              </label>
            ))}
          </fieldset>
        )}
        <p class="form-error" role="alert">
          {error === undefined ? '' : describeError(error, t)}
        </p>
        <div class="dialog-actions">
          <button type="button" class="secondary" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" disabled={busy || !sourceId}>
            {t('merge.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

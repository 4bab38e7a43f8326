import { useState } from 'preact/hooks';
import { updateContact } from '../api/customers';
import { describeError } from '../api/error-message';
import type { Contact, Segment } from '../api/types';
import { useDirectory } from '../directory';
import type { ContactData } from '../hooks/useContactData';
import { NearestDealers } from './NearestDealers';
import { UnitVisits } from './UnitVisits';
import { useI18n } from '../i18n/context';
import { formatDateTime, formatDuration, formatList } from '../i18n/format';
import { label } from '../i18n/labels';
import { useNotices } from '../notices';
import { useSession } from '../session';
import { formatRoute } from '../state/route';
import type { ViewId } from '../state/views';
import { UnitSummary } from './UnitSummary';

const SEGMENTS: Segment[] = ['potential', 'actual'];

function ContactEditor({
  contact,
  onSaved,
  onCancel,
}: {
  contact: Contact;
  onSaved: (c: Contact) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { csrf } = useSession();
  const [fields, setFields] = useState({
    name: contact.name,
    segment: contact.segment,
    heardFrom: contact.heardFrom,
    province: contact.province,
    city: contact.city,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const field = (name: keyof typeof fields) => ({
    id: `contact-${name}`,
    value: fields[name],
    onInput: (e: Event) =>
      setFields({ ...fields, [name]: (e.currentTarget as HTMLInputElement).value }),
  });

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      onSaved(await updateContact(csrf, contact.id, { ...fields, name: fields.name.trim() }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form class="ticket-form" onSubmit={submit}>
      <label for="contact-name">{t('contact.name')}</label>
      <input {...field('name')} />
      <label for="contact-segment">{t('contact.segment')}</label>
      <select
        id="contact-segment"
        value={fields.segment}
        onChange={(e) => setFields({ ...fields, segment: e.currentTarget.value as Segment })}
      >
        {SEGMENTS.map((s) => (
          <option key={s} value={s}>
            {label(t, 'segment', s)}
          </option>
        ))}
      </select>
      <label for="contact-heardFrom">{t('contact.heardFrom')}</label>
      <input {...field('heardFrom')} />
      <label for="contact-province">{t('contact.province')}</label>
      <input {...field('province')} />
      <label for="contact-city">{t('contact.city')}</label>
      <input {...field('city')} />
      <p class="form-error" role="alert">
        {error === undefined ? '' : describeError(error, t)}
      </p>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <button type="submit" disabled={busy}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}

interface ContactPanelProps {
  data: ContactData;
  view: ViewId;
  currentTicketId: string;
}

export function ContactPanel({ data, view, currentTicketId }: ContactPanelProps) {
  const { locale, t } = useI18n();
  const directory = useDirectory();
  const notices = useNotices();
  const [editing, setEditing] = useState(false);
  const { contact, units, tickets, log, error } = data;

  if (error !== undefined)
    return (
      <p class="form-error" role="alert">
        {describeError(error, t)}
      </p>
    );
  if (!contact) return <p class="loading-inline">{t('app.loading')}</p>;

  return (
    <div class="panel-section">
      <section aria-labelledby="contact-profile-title">
        <div class="section-heading">
          <h3 id="contact-profile-title">
            <bdi>{contact.name || t('contact.unnamed')}</bdi>
          </h3>
          {!editing && (
            <button type="button" class="link-button" onClick={() => setEditing(true)}>
              {t('action.edit')}
            </button>
          )}
        </div>
        {editing ? (
          <ContactEditor
            contact={contact}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              data.setContact(saved);
              setEditing(false);
              notices.info('contact.saved');
            }}
          />
        ) : (
          <dl class="facts">
            <div>
              <dt>{t('contact.segment')}</dt>
              <dd>{label(t, 'segment', contact.segment)}</dd>
            </div>
            <div>
              <dt>{t('contact.phones')}</dt>
              <dd>
                {contact.phones.length === 0 && '—'}
                {contact.phones.map((p) => (
                  <span key={p.number} class="fact-line" dir="ltr">
                    {p.number}
                    {p.optedOut && ` (${t('contact.optedOut')})`}
                  </span>
                ))}
              </dd>
            </div>
            <div>
              <dt>{t('contact.emails')}</dt>
              <dd>
                {contact.emails.length === 0 && '—'}
                {contact.emails.map((email) => (
                  <span key={email} class="fact-line" dir="ltr">
                    {email}
                  </span>
                ))}
              </dd>
            </div>
            <div>
              <dt>{t('contact.heardFrom')}</dt>
              <dd>{contact.heardFrom || '—'}</dd>
            </div>
            <div>
              <dt>{t('contact.location')}</dt>
              <dd>
                {formatList([contact.province, contact.city].filter(Boolean), locale, 'unit') ||
                  '—'}
              </dd>
            </div>
            {contact.clubNumber && (
              <div>
                <dt>{t('contact.club')}</dt>
                <dd dir="ltr">{contact.clubNumber}</dd>
              </div>
            )}
            <div>
              <dt>{t('contact.assignedExpert')}</dt>
              <dd>{directory.userName(contact.assignedExpert) ?? '—'}</dd>
            </div>
          </dl>
        )}
      </section>

      <NearestDealers province={contact.province} city={contact.city} />

      <section aria-labelledby="contact-units-title">
        <h3 id="contact-units-title">{t('contact.units')}</h3>
        {units.length === 0 ? (
          <p class="empty">{t('contact.noUnits')}</p>
        ) : (
          units.map((u) => (
            <div key={u.id}>
              <UnitSummary unit={u} />
              <UnitVisits
                unit={u}
                place={{ province: contact.province, city: contact.city }}
                onReported={data.reload}
              />
            </div>
          ))
        )}
      </section>

      <section aria-labelledby="contact-tickets-title">
        <h3 id="contact-tickets-title">{t('contact.tickets')}</h3>
        <ul class="compact-list">
          {tickets.map((ticket) => (
            <li key={ticket.id}>
              <a
                href={formatRoute({ screen: 'inbox', view, ticketId: ticket.id })}
                aria-current={ticket.id === currentTicketId ? 'true' : undefined}
              >
                <span dir="ltr">{ticket.label}</span>{' '}
                <bdi>{ticket.subject || t('ticket.noSubject')}</bdi>
              </a>{' '}
              <span class="hint">
                {label(t, 'status', ticket.status)} ·{' '}
                {formatDateTime(new Date(ticket.createdAt), locale)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="contact-log-title">
        <h3 id="contact-log-title">{t('contact.log')}</h3>
        {log.length === 0 ? (
          <p class="empty">{t('contact.noLog')}</p>
        ) : (
          <ul class="compact-list">
            {log.map((row) => (
              <li key={row.id}>
                {label(t, 'channel', row.channel)} ·{' '}
                {t(row.direction === 'in' ? 'log.in' : 'log.out')} ·{' '}
                {label(t, 'outcome', row.outcome)}
                {row.durationSec !== null && ` · ${formatDuration(row.durationSec, locale)}`}
                <span class="hint"> · {formatDateTime(new Date(row.startedAt), locale)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

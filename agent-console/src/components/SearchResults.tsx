import type { TicketSummary } from '@cc/shared';
import { useEffect, useState } from 'preact/hooks';
import { searchContacts } from '../api/customers';
import { describeError } from '../api/error-message';
import { listTickets } from '../api/tickets';
import type { Contact } from '../api/types';
import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { formatRoute } from '../state/route';
import { looksLikeSerial, mergeTickets } from '../state/search';
import type { ViewId } from '../state/views';

interface SearchResultsProps {
  query: string;
  view: ViewId;
  selectedId: string | null;
  onClose: () => void;
}

type Results =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; tickets: TicketSummary[]; contacts: Contact[] };

/** Tickets by number, subject or serial, and customers by name, phone or email. */
export function SearchResults({ query, view, selectedId, onClose }: SearchResultsProps) {
  const { t } = useI18n();
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const [contactFilter, setContactFilter] = useState<Contact | null>(null);

  useEffect(() => {
    let current = true;
    setResults({ status: 'loading' });
    const q = query.trim();
    const searches: [Promise<TicketSummary[]>, Promise<TicketSummary[]>, Promise<Contact[]>] =
      contactFilter
        ? [
            listTickets({ contact: contactFilter.id, limit: 50 }).then((p) => p.items),
            Promise.resolve([]),
            Promise.resolve([contactFilter]),
          ]
        : [
            listTickets({ q, limit: 25 }).then((p) => p.items),
            looksLikeSerial(q)
              ? listTickets({ serial: q, limit: 25 }).then((p) => p.items)
              : Promise.resolve([]),
            searchContacts(q).then((p) => p.items),
          ];
    Promise.all(searches).then(
      ([byText, bySerial, contacts]) =>
        current &&
        setResults({ status: 'ready', tickets: mergeTickets(byText, bySerial), contacts }),
      (error: unknown) => current && setResults({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [query, contactFilter]);

  return (
    <section
      class="ticket-list search-results"
      aria-labelledby="ticket-list-title"
      aria-busy={results.status === 'loading'}
    >
      <h2 id="ticket-list-title">
        {contactFilter
          ? t('search.ticketsOf', { name: contactFilter.name || t('contact.unnamed') })
          : t('search.resultsFor', { query })}
      </h2>
      <p>
        <button
          type="button"
          class="link-button"
          onClick={contactFilter ? () => setContactFilter(null) : onClose}
        >
          {contactFilter ? t('search.back') : t('search.clear')}
        </button>
      </p>
      {results.status === 'loading' && <p class="loading-inline">{t('app.loading')}</p>}
      {results.status === 'error' && (
        <p class="form-error" role="alert">
          {describeError(results.error, t)}
        </p>
      )}
      {results.status === 'ready' && (
        <>
          {!contactFilter && (
            <>
              <h3>{t('search.contacts')}</h3>
              {results.contacts.length === 0 ? (
                <p class="empty">{t('search.noContacts')}</p>
              ) : (
                <ul class="search-contacts">
                  {results.contacts.map((contact) => (
                    <li key={contact.id}>
                      <button
                        type="button"
                        class="link-button"
                        data-contact={contact.id}
                        onClick={() => setContactFilter(contact)}
                      >
                        <bdi>{contact.name || t('contact.unnamed')}</bdi>
                      </button>{' '}
                      <span class="hint" dir="ltr">
                        {[...contact.phones.map((p) => p.number), ...contact.emails]
                          .slice(0, 2)
                          .join(' · ')}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <h3>{t('search.tickets')}</h3>
          {results.tickets.length === 0 ? (
            <p class="empty">{t('search.noTickets')}</p>
          ) : (
            <ul>
              {results.tickets.map((ticket) => (
                <li key={ticket.id}>
                  <a
                    class="ticket-item"
                    href={formatRoute({ screen: 'inbox', view, ticketId: ticket.id })}
                    aria-current={ticket.id === selectedId ? 'true' : undefined}
                    data-ticket={ticket.label}
                  >
                    <span class="ticket-item-top">
                      <span class="ticket-label" dir="ltr">
                        {ticket.label}
                      </span>
                      <span class="ticket-contact">
                        <bdi>{ticket.contact.name || t('contact.unnamed')}</bdi>
                      </span>
                    </span>
                    <span class="ticket-subject">
                      <bdi>{ticket.subject || t('ticket.noSubject')}</bdi>
                    </span>
                    <span class="ticket-item-bottom">
                      <span>{label(t, 'channel', ticket.channel)}</span>
                      <span>{label(t, 'status', ticket.status)}</span>
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

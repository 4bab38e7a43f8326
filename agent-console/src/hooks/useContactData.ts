import type { TicketSummary } from '@cc/shared';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { contactLog, getContact, unitsOf } from '../api/customers';
import { listTickets } from '../api/tickets';
import type { Contact, Interaction, Unit } from '../api/types';

interface Loaded {
  contact: Contact;
  units: Unit[];
  tickets: TicketSummary[];
  log: Interaction[];
}

export interface ContactData {
  contact: Contact | null;
  units: Unit[];
  tickets: TicketSummary[];
  log: Interaction[];
  error: unknown;
  reload: () => void;
  setContact: (contact: Contact) => void;
}

/** The customer behind a ticket: profile, units, other tickets and contact log, fetched together. */
export function useContactData(contactId: string | null): ContactData {
  const [loaded, setLoaded] = useState<(Loaded & { id: string }) | null>(null);
  const [error, setError] = useState<unknown>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (contactId === null) return;
    let current = true;
    setError(undefined);
    Promise.all([
      getContact(contactId),
      unitsOf(contactId),
      listTickets({ contact: contactId, limit: 20, sort: '-createdAt' }),
      contactLog(contactId),
    ]).then(
      ([contact, units, tickets, log]) => {
        if (current)
          setLoaded({
            id: contactId,
            contact,
            units: units.items,
            tickets: tickets.items,
            log: log.items,
          });
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [contactId, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setContact = useCallback(
    (contact: Contact) => setLoaded((data) => data && { ...data, contact }),
    [],
  );
  // Another ticket's customer stays hidden while this one's loads.
  const data = loaded?.id === contactId ? loaded : null;
  return {
    contact: data?.contact ?? null,
    units: data?.units ?? [],
    tickets: data?.tickets ?? [],
    log: data?.log ?? [],
    error,
    reload,
    setContact,
  };
}

import type { TicketSummary } from '@cc/shared';
import { useState } from 'preact/hooks';
import type { TicketDetail } from '../api/types';
import { useContactData } from '../hooks/useContactData';
import { useI18n } from '../i18n/context';
import type { ViewId } from '../state/views';
import { ContactPanel } from './ContactPanel';
import { TicketPanel } from './TicketPanel';

type Tab = 'ticket' | 'contact';

interface SidePanelProps {
  ticket: TicketDetail | null;
  view: ViewId;
  onChanged: (ticket: TicketSummary) => void;
}

export function SidePanel({ ticket, view, onChanged }: SidePanelProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('ticket');
  const contact = useContactData(ticket?.contact.id ?? null);
  if (!ticket) return <aside class="side-panel" aria-label={t('panel.label')} />;

  const tabs: Tab[] = ['ticket', 'contact'];
  return (
    <aside class="side-panel" aria-label={t('panel.label')}>
      <div class="panel-tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`panel-tab-${name}`}
            class="tab"
            aria-selected={tab === name}
            aria-controls="panel-body"
            onClick={() => setTab(name)}
          >
            {t(`panel.${name}`)}
          </button>
        ))}
      </div>
      <div id="panel-body" role="tabpanel" aria-labelledby={`panel-tab-${tab}`}>
        {tab === 'ticket' ? (
          <TicketPanel
            key={ticket.id}
            ticket={ticket}
            contactUnits={contact.units}
            onChanged={(changed) => {
              onChanged(changed);
              contact.reload();
            }}
          />
        ) : (
          <ContactPanel data={contact} view={view} currentTicketId={ticket.id} />
        )}
      </div>
    </aside>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { searchContacts } from '../../api/customers';
import { listDealers, type Dealer } from '../../api/dealers';
import {
  SHIPMENT_KINDS,
  createShipment,
  listShipments,
  updateShipment,
  type Shipment,
  type ShipmentKind,
} from '../../api/shipments';
import type { Contact } from '../../api/types';
import { useI18n } from '../../i18n/context';
import { formatDay, formatNumber } from '../../i18n/format';
import { useSession } from '../../session';
import { useAdminForm, useAdminList } from './adminHooks';
import {
  AdminLoadError,
  AdminTable,
  ChoiceField,
  DateField,
  Field,
  FormFooter,
  TextAreaField,
} from './AdminParts';

interface Form {
  kind: ShipmentKind;
  to: 'contact' | 'dealer' | 'none';
  contact: Pick<Contact, 'id' | 'name'> | null;
  dealer: string;
  /** One item a line: "name x quantity" (a quantity of 1 may be left out). */
  items: string;
  trackingNumber: string;
  sentAt: string;
  deliveredAt: string;
  notes: string;
}

const empty = (): Form => ({
  kind: 'gift',
  to: 'contact',
  contact: null,
  dealer: '',
  items: '',
  trackingNumber: '',
  sentAt: '',
  deliveredAt: '',
  notes: '',
});

const fromShipment = (s: Shipment): Form => ({
  kind: s.kind,
  to: s.contact ? 'contact' : s.dealer ? 'dealer' : 'none',
  contact: s.contact ? { id: s.contact, name: s.recipientName ?? '' } : null,
  dealer: s.dealer ?? '',
  items: s.items.map((i) => `${i.name} x ${i.quantity}`).join('\n'),
  trackingNumber: s.trackingNumber ?? '',
  sentAt: s.sentAt ?? '',
  deliveredAt: s.deliveredAt ?? '',
  notes: s.notes,
});

/** "Calendar x 2" -> {name, quantity}; null when a quantity is not a whole number from 1. */
function parseItems(text: string): Array<{ name: string; quantity: number }> | null {
  const items = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^(.*?)\s*[x×*]\s*(\d+)$/i.exec(line);
    const name = (match ? match[1]! : line).trim();
    const quantity = match ? Number(match[2]) : 1;
    if (!name || quantity < 1) return null;
    items.push({ name, quantity });
  }
  return items;
}

/** Samples, gifts and giveaways to customers and dealers, and factory shipments (seed 25). */
export function ShipmentsAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const [kind, setKind] = useState<ShipmentKind | ''>('');
  const [dealers, setDealers] = useState<Dealer[]>([]);
  const [who, setWho] = useState('');
  const [found, setFound] = useState<Contact[]>([]);
  const { items, loadError, reload } = useAdminList(() => listShipments(kind), { deps: [kind] });
  const { editing, edit, form, set, error, setError, busy, save } = useAdminForm<Shipment, Form>(
    empty,
    fromShipment,
  );

  useEffect(() => {
    listDealers({ q: '', status: '' }).then(setDealers, () => setDealers([]));
  }, []);

  async function findCustomer(event: Event) {
    event.preventDefault();
    if (!who.trim()) return;
    try {
      setFound((await searchContacts(who.trim())).items);
    } catch {
      setFound([]);
    }
  }

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const parsed = parseItems(form.items);
    if (!parsed) return setError(t('shipments.error.items'));
    if (form.to === 'contact' && !form.contact) return setError(t('shipments.error.contact'));
    if (form.to === 'dealer' && !form.dealer) return setError(t('shipments.error.dealer'));
    if (form.sentAt && form.deliveredAt && form.deliveredAt < form.sentAt)
      return setError(t('shipments.error.dates'));
    const fields = {
      kind: form.kind,
      contact: form.to === 'contact' ? form.contact!.id : null,
      dealer: form.to === 'dealer' ? form.dealer : null,
      items: parsed,
      trackingNumber: form.trackingNumber.trim() || null,
      sentAt: form.sentAt || null,
      deliveredAt: form.deliveredAt || null,
      notes: form.notes.trim(),
    };
    void save(
      (s) => (s ? updateShipment(csrf, s.id, fields) : createShipment(csrf, fields)),
      reload,
    );
  }

  return (
    <section class="admin-section" aria-labelledby="admin-shipments-title">
      <h2 id="admin-shipments-title">{t('shipments.title')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="shipment-form-title">
        <h3 id="shipment-form-title">{editing ? t('shipments.edit') : t('shipments.new')}</h3>
        <ChoiceField
          id="shipment-kind"
          label={t('shipments.kind')}
          value={form.kind}
          onValue={(v) => set('kind', v)}
          options={SHIPMENT_KINDS.map((k) => ({ value: k, label: t(`shipments.kind.${k}`) }))}
        />
        <ChoiceField
          id="shipment-to"
          label={t('shipments.to')}
          value={form.to}
          onValue={(v) => set('to', v)}
          options={[
            { value: 'contact', label: t('shipments.to.contact') },
            { value: 'dealer', label: t('shipments.to.dealer') },
            { value: 'none', label: t('shipments.to.none') },
          ]}
        />
        {form.to === 'contact' && (
          <div class="shipment-customer">
            {form.contact && (
              <p class="hint" data-recipient={form.contact.id}>
                <bdi>{form.contact.name || t('contact.unnamed')}</bdi>
              </p>
            )}
            <label for="shipment-customer-search">{t('shipments.findCustomer')}</label>
            <input
              id="shipment-customer-search"
              type="search"
              dir="auto"
              value={who}
              onInput={(e) => setWho(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && void findCustomer(e)}
            />
            <button type="button" class="secondary" onClick={(e) => void findCustomer(e)}>
              {t('shipments.find')}
            </button>
            <ul class="compact-list">
              {found.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => {
                      set('contact', { id: c.id, name: c.name });
                      setFound([]);
                    }}
                  >
                    <bdi>{c.name || t('contact.unnamed')}</bdi>{' '}
                    <span dir="ltr">{c.phones[0]?.number ?? ''}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
        {form.to === 'dealer' && (
          <>
            <label for="shipment-dealer">{t('shipments.to.dealer')}</label>
            <select
              id="shipment-dealer"
              value={form.dealer}
              onChange={(e) => set('dealer', e.currentTarget.value)}
            >
              <option value="">—</option>
              {dealers.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.code})
                </option>
              ))}
            </select>
          </>
        )}
        <TextAreaField
          id="shipment-items"
          label={t('shipments.items')}
          rows={3}
          placeholder="Calendar 1405 x 2"
          value={form.items}
          onValue={(v) => set('items', v)}
        />
        <Field
          id="shipment-tracking"
          label={t('shipments.tracking')}
          dir="ltr"
          value={form.trackingNumber}
          onValue={(v) => set('trackingNumber', v)}
        />
        <DateField
          id="shipment-sent"
          label={t('shipments.sentAt')}
          value={form.sentAt}
          onValue={(v) => set('sentAt', v)}
        />
        <DateField
          id="shipment-delivered"
          label={t('shipments.deliveredAt')}
          value={form.deliveredAt}
          onValue={(v) => set('deliveredAt', v)}
        />
        <TextAreaField
          id="shipment-notes"
          label={t('competitors.notes')}
          value={form.notes}
          onValue={(v) => set('notes', v)}
        />
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={editing ? t('canned.save') : t('shipments.add')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>

      <div class="admin-filters">
        <ChoiceField
          id="shipment-filter-kind"
          label={t('shipments.kind')}
          value={kind}
          onValue={(v) => setKind(v)}
          any={t('feedback.any')}
          options={SHIPMENT_KINDS.map((k) => ({ value: k, label: t(`shipments.kind.${k}`) }))}
        />
      </div>
      <AdminLoadError error={loadError} />
      {items && items.length === 0 && <p class="empty">{t('shipments.none')}</p>}
      {items && items.length > 0 && (
        <AdminTable
          columns={['shipments.kind', 'shipments.to', 'shipments.itemsColumn', 'admin.state']}
        >
          {items.map((s) => (
            <tr key={s.id} data-shipment={s.trackingNumber ?? s.id}>
              <td>{t(`shipments.kind.${s.kind}`)}</td>
              <td>
                <bdi>{s.recipientName ?? '—'}</bdi>
              </td>
              <td>
                {s.items.map((i) => (
                  <span key={i.name} class="fact-line">
                    <bdi>{i.name}</bdi> × {formatNumber(i.quantity, locale)}
                  </span>
                ))}
              </td>
              <td>
                {t(`shipments.status.${s.status}`)}
                {s.deliveredAt
                  ? ` (${formatDay(s.deliveredAt, locale)})`
                  : s.sentAt
                    ? ` (${formatDay(s.sentAt, locale)})`
                    : ''}
              </td>
              <td>
                <button type="button" class="secondary" onClick={() => edit(s)}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

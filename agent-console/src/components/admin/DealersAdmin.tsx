import { useState } from 'preact/hooks';
import {
  DEALER_STATUSES,
  createDealer,
  listDealers,
  updateDealer,
  type Dealer,
  type DealerFields,
  type DealerFilter,
  type DealerKind,
} from '../../api/dealers';
import { useI18n } from '../../i18n/context';
import { formatList } from '../../i18n/format';
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
import { DealerRecordPanel } from './DealerRecordPanel';

interface Form {
  code: string;
  name: string;
  kinds: DealerKind[];
  province: string;
  city: string;
  address: string;
  phone: string;
  status: Dealer['status'];
  contractStart: string;
  contractEnd: string;
  workplaceCondition: string;
  needs: string;
}

const empty = (): Form => ({
  code: '',
  name: '',
  kinds: ['service'],
  province: '',
  city: '',
  address: '',
  phone: '',
  status: 'active',
  contractStart: '',
  contractEnd: '',
  workplaceCondition: '',
  needs: '',
});

const fromDealer = (d: Dealer): Form => ({
  code: d.code,
  name: d.name,
  kinds: d.kinds,
  province: d.province,
  city: d.city,
  address: d.address,
  phone: d.phone ?? '',
  status: d.status,
  contractStart: d.contractStart ?? '',
  contractEnd: d.contractEnd ?? '',
  workplaceCondition: d.workplaceCondition,
  needs: d.needs,
});

const toFields = (f: Form): DealerFields => ({
  code: f.code.trim().toUpperCase(),
  name: f.name.trim(),
  kinds: f.kinds,
  province: f.province.trim(),
  city: f.city.trim(),
  address: f.address.trim(),
  phone: f.phone.trim() || null,
  status: f.status,
  contractStart: f.contractStart || null,
  contractEnd: f.contractEnd || null,
  workplaceCondition: f.workplaceCondition.trim(),
  needs: f.needs.trim(),
});

const KINDS: DealerKind[] = ['sales', 'service'];

/**
 * The dealer network (seed (b), 15, 16): sales and service dealers with their contracts and
 * workplace, and for the one opened, its technicians and inspections with the score trend.
 */
export function DealersAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const [filter, setFilter] = useState<DealerFilter>({ q: '', status: '' });
  const [opened, setOpened] = useState<string | null>(null);
  const { items, loadError, reload } = useAdminList(() => listDealers(filter), {
    deps: [filter.q, filter.status],
  });
  const { editing, edit, form, set, error, setError, busy, save } = useAdminForm<Dealer, Form>(
    empty,
    fromDealer,
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!editing && !/^[A-Za-z0-9-]{2,20}$/.test(form.code.trim()))
      return setError(t('dealers.error.code'));
    if (!form.name.trim() || !form.province.trim() || !form.city.trim())
      return setError(t('dealers.error.required'));
    if (!form.kinds.length) return setError(t('dealers.error.kinds'));
    if (form.contractStart && form.contractEnd && form.contractEnd < form.contractStart)
      return setError(t('dealers.error.contract'));
    const fields = toFields(form);
    void save((d) => {
      if (!d) return createDealer(csrf, fields);
      const { code: _code, ...changes } = fields;
      return updateDealer(csrf, d.id, changes);
    }, reload);
  }

  const toggleKind = (kind: DealerKind, on: boolean) =>
    set('kinds', on ? [...new Set([...form.kinds, kind])] : form.kinds.filter((k) => k !== kind));

  return (
    <section class="admin-section" aria-labelledby="admin-dealers-title">
      <h2 id="admin-dealers-title">{t('dealers.title')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="dealer-form-title">
        <h3 id="dealer-form-title">{editing ? t('dealers.edit') : t('dealers.new')}</h3>
        {editing ? (
          <p class="hint" dir="ltr">
            {editing.code}
          </p>
        ) : (
          <Field
            id="dealer-code"
            label={t('dealers.code')}
            dir="ltr"
            placeholder="RSH-01"
            value={form.code}
            onValue={(v) => set('code', v)}
          />
        )}
        <Field
          id="dealer-name"
          label={t('admin.name')}
          dir="auto"
          value={form.name}
          onValue={(v) => set('name', v)}
        />
        <fieldset>
          <legend>{t('dealers.kinds')}</legend>
          {KINDS.map((kind) => (
            <label key={kind}>
              <input
                type="checkbox"
                name="dealer-kind"
                value={kind}
                checked={form.kinds.includes(kind)}
                onChange={(e) => toggleKind(kind, e.currentTarget.checked)}
              />{' '}
              {t(`dealers.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <Field
          id="dealer-province"
          label={t('contact.province')}
          dir="auto"
          value={form.province}
          onValue={(v) => set('province', v)}
        />
        <Field
          id="dealer-city"
          label={t('contact.city')}
          dir="auto"
          value={form.city}
          onValue={(v) => set('city', v)}
        />
        <Field
          id="dealer-address"
          label={t('dealers.address')}
          dir="auto"
          value={form.address}
          onValue={(v) => set('address', v)}
        />
        <Field
          id="dealer-phone"
          label={t('admin.phone')}
          dir="ltr"
          inputMode="numeric"
          value={form.phone}
          onValue={(v) => set('phone', v)}
        />
        <ChoiceField
          id="dealer-status"
          label={t('admin.state')}
          value={form.status}
          onValue={(v) => set('status', v)}
          options={DEALER_STATUSES.map((s) => ({ value: s, label: t(`dealers.status.${s}`) }))}
        />
        <DateField
          id="dealer-contract-start"
          label={t('dealers.contractStart')}
          value={form.contractStart}
          onValue={(v) => set('contractStart', v)}
        />
        <DateField
          id="dealer-contract-end"
          label={t('dealers.contractEnd')}
          value={form.contractEnd}
          onValue={(v) => set('contractEnd', v)}
        />
        <TextAreaField
          id="dealer-workplace"
          label={t('dealers.workplace')}
          value={form.workplaceCondition}
          onValue={(v) => set('workplaceCondition', v)}
        />
        <TextAreaField
          id="dealer-needs"
          label={t('dealers.needs')}
          value={form.needs}
          onValue={(v) => set('needs', v)}
        />
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={editing ? t('canned.save') : t('dealers.add')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>

      <div class="admin-filters" role="search">
        <label for="dealer-search">{t('dealers.search')}</label>
        <input
          id="dealer-search"
          type="search"
          dir="auto"
          value={filter.q}
          onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })}
        />
        <ChoiceField
          id="dealer-filter-status"
          label={t('admin.state')}
          value={filter.status}
          onValue={(v) => setFilter({ ...filter, status: v })}
          any={t('feedback.any')}
          options={DEALER_STATUSES.map((s) => ({ value: s, label: t(`dealers.status.${s}`) }))}
        />
      </div>
      <AdminLoadError error={loadError} />
      {items && items.length === 0 && <p class="empty">{t('dealers.noneFound')}</p>}
      {items && items.length > 0 && (
        <AdminTable
          columns={[
            'dealers.code',
            'admin.name',
            'dealers.kinds',
            'contact.location',
            'admin.state',
          ]}
        >
          {items.map((d) => (
            <tr key={d.id} data-dealer={d.code} class={d.status === 'active' ? '' : 'inactive'}>
              <td dir="ltr">{d.code}</td>
              <td>
                <bdi>{d.name}</bdi>
              </td>
              <td>
                {formatList(
                  d.kinds.map((k) => t(`dealers.kind.${k}`)),
                  locale,
                )}
              </td>
              <td>
                <bdi>{formatList([d.province, d.city].filter(Boolean), locale, 'unit')}</bdi>
              </td>
              <td>{t(`dealers.status.${d.status}`)}</td>
              <td>
                <div class="row-actions">
                  <button type="button" class="secondary" onClick={() => edit(d)}>
                    {t('admin.edit')}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    aria-expanded={opened === d.id}
                    onClick={() => setOpened(opened === d.id ? null : d.id)}
                  >
                    {t('dealers.record')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      {opened && <DealerRecordPanel key={opened} dealerId={opened} />}
    </section>
  );
}

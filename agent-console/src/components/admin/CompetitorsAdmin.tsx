import { useState } from 'preact/hooks';
import {
  createCompetitor,
  deleteCompetitor,
  listCompetitors,
  updateCompetitor,
  type Competitor,
} from '../../api/competitors';
import { useI18n } from '../../i18n/context';
import { formatDay, formatList, formatNumber } from '../../i18n/format';
import { useSession } from '../../session';
import { useAdminForm, useAdminList } from './adminHooks';
import {
  AdminLoadError,
  AdminTable,
  DeleteButton,
  Field,
  FormFooter,
  TextAreaField,
} from './AdminParts';

interface ShareDraft {
  province: string;
  percent: string;
  asOf: string;
}

interface Form {
  name: string;
  products: string;
  shares: ShareDraft[];
  notes: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const empty = (): Form => ({ name: '', products: '', shares: [], notes: '' });
const fromCompetitor = (c: Competitor): Form => ({
  name: c.name,
  products: c.products.join(', '),
  shares: c.shares.map((s) => ({ province: s.province, percent: String(s.percent), asOf: s.asOf })),
  notes: c.notes,
});

/** Competitors, what they sell and their estimated market share per province over time. */
export function CompetitorsAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const [filter, setFilter] = useState({ q: '', province: '' });
  const { items, loadError, reload, change } = useAdminList(() => listCompetitors(filter), {
    deps: [filter.q, filter.province],
  });
  const { editing, edit, form, setForm, set, error, setError, busy, save } = useAdminForm<
    Competitor,
    Form
  >(empty, fromCompetitor);

  const setShare = (i: number, patch: Partial<ShareDraft>) =>
    setForm((f) => ({ ...f, shares: f.shares.map((s, n) => (n === i ? { ...s, ...patch } : s)) }));

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!form.name.trim()) return setError(t('competitors.error.name'));
    const shares = form.shares.filter((s) => s.province.trim() || s.percent.trim());
    const bad = shares.some((s) => {
      const percent = Number(s.percent);
      return (
        !s.province.trim() || !s.asOf || !(percent >= 0 && percent <= 100) || !s.percent.trim()
      );
    });
    if (bad) return setError(t('competitors.error.share'));
    const fields = {
      name: form.name.trim(),
      products: form.products
        .split(/[,،]+/)
        .map((p) => p.trim())
        .filter(Boolean),
      shares: shares.map((s) => ({
        province: s.province.trim(),
        percent: Number(s.percent),
        asOf: s.asOf,
      })),
      notes: form.notes.trim(),
    };
    void save(
      (c) => (c ? updateCompetitor(csrf, c.id, fields) : createCompetitor(csrf, fields)),
      reload,
    );
  }

  return (
    <section class="admin-section" aria-labelledby="admin-competitors-title">
      <h2 id="admin-competitors-title">{t('competitors.title')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="competitor-form-title">
        <h3 id="competitor-form-title">{editing ? t('competitors.edit') : t('competitors.new')}</h3>
        <Field
          id="competitor-name"
          label={t('admin.name')}
          dir="auto"
          value={form.name}
          onValue={(v) => set('name', v)}
        />
        <Field
          id="competitor-products"
          label={t('competitors.products')}
          dir="auto"
          value={form.products}
          onValue={(v) => set('products', v)}
        />
        <fieldset>
          <legend>{t('competitors.shares')}</legend>
          {form.shares.map((s, i) => (
            <div key={i} class="inline-form" data-share={i + 1}>
              <Field
                id={`share-${i}-province`}
                label={t('contact.province')}
                dir="auto"
                value={s.province}
                onValue={(province) => setShare(i, { province })}
              />
              <Field
                id={`share-${i}-percent`}
                label={t('competitors.percent')}
                dir="ltr"
                inputMode="numeric"
                value={s.percent}
                onValue={(percent) => setShare(i, { percent })}
              />
              <label for={`share-${i}-as-of`}>{t('competitors.asOf')}</label>
              <input
                id={`share-${i}-as-of`}
                type="date"
                value={s.asOf}
                onChange={(e) => setShare(i, { asOf: e.currentTarget.value })}
              />
            </div>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() =>
              setForm((f) => ({
                ...f,
                shares: [...f.shares, { province: '', percent: '', asOf: today() }],
              }))
            }
          >
            {t('competitors.addShare')}
          </button>
        </fieldset>
        <TextAreaField
          id="competitor-notes"
          label={t('competitors.notes')}
          rows={3}
          value={form.notes}
          onValue={(v) => set('notes', v)}
        />
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={editing ? t('canned.save') : t('competitors.add')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>

      <div class="admin-filters" role="search">
        <label for="competitor-search">{t('competitors.search')}</label>
        <input
          id="competitor-search"
          type="search"
          dir="auto"
          value={filter.q}
          onInput={(e) => setFilter({ ...filter, q: e.currentTarget.value })}
        />
        <label for="competitor-province">{t('contact.province')}</label>
        <input
          id="competitor-province"
          dir="auto"
          value={filter.province}
          onInput={(e) => setFilter({ ...filter, province: e.currentTarget.value })}
        />
      </div>
      <AdminLoadError error={loadError} />
      {items && items.length === 0 && <p class="empty">{t('competitors.none')}</p>}
      {items && items.length > 0 && (
        <AdminTable columns={['admin.name', 'competitors.productsColumn', 'competitors.current']}>
          {items.map((c) => (
            <tr key={c.id} data-competitor={c.name}>
              <td>
                <bdi>{c.name}</bdi>
              </td>
              <td>
                <bdi>{formatList(c.products, locale)}</bdi>
              </td>
              <td>
                <ul class="compact-list">
                  {c.currentShares.map((s) => (
                    <li key={s.province}>
                      <bdi>{s.province}</bdi>:{' '}
                      {t('competitors.shareLine', {
                        percent: formatNumber(s.percent, locale),
                        date: formatDay(s.asOf, locale),
                      })}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <div class="row-actions">
                  <button type="button" class="secondary" onClick={() => edit(c)}>
                    {t('admin.edit')}
                  </button>
                  <DeleteButton
                    onDelete={() =>
                      void change(async () => {
                        await deleteCompetitor(csrf, c.id);
                        if (editing?.id === c.id) edit(null);
                      })
                    }
                  />
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

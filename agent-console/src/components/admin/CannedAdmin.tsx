import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
  type CannedFields,
} from '../../api/canned';
import { useI18n } from '../../i18n/context';
import { useSession } from '../../session';
import type { CannedResponse } from '../../state/canned';
import { useAdminForm, useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, DeleteButton, Field, FormFooter } from './AdminParts';

const EMPTY: CannedFields = { title: '', body: '', locale: 'fa', shortcut: '', scope: 'personal' };

/**
 * Canned responses: everyone keeps personal ones; supervisors and admins also write the shared
 * ones the whole team sees. The server applies the same rule.
 */
export function CannedAdmin() {
  const { t } = useI18n();
  const { csrf, user, isManager } = useSession();
  const { items, loadError, reload, change } = useAdminList(listCannedResponses);
  const { editing, edit, form, set, error, setError, busy, save } = useAdminForm<
    CannedResponse,
    CannedFields
  >(
    () => EMPTY,
    ({ title, body, locale, shortcut, scope }) => ({ title, body, locale, shortcut, scope }),
  );

  const mayChange = (c: CannedResponse) => (c.scope === 'shared' ? isManager : c.owner === user.id);

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!form.title.trim()) return setError(t('canned.error.title'));
    if (!/^[a-z0-9][a-z0-9_-]{0,29}$/.test(form.shortcut.trim().toLowerCase()))
      return setError(t('canned.error.shortcut'));
    if (!form.body.trim()) return setError(t('canned.error.body'));
    const clean = { ...form, shortcut: form.shortcut.trim().toLowerCase() };
    void save(
      (c) => (c ? updateCannedResponse(csrf, c.id, clean) : createCannedResponse(csrf, clean)),
      reload,
    );
  }

  const remove = (c: CannedResponse) =>
    change(async () => {
      await deleteCannedResponse(csrf, c.id);
      if (editing?.id === c.id) edit(null);
    });

  return (
    <section class="admin-section" aria-labelledby="admin-canned-title">
      <h2 id="admin-canned-title">{t('canned.adminTitle')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="canned-form-title">
        <h3 id="canned-form-title">{editing ? t('canned.edit') : t('canned.new')}</h3>
        <Field
          id="canned-title"
          label={t('canned.title')}
          dir="auto"
          value={form.title}
          onValue={(v) => set('title', v)}
        />
        <Field
          id="canned-shortcut"
          label={t('canned.shortcut')}
          dir="ltr"
          placeholder="greet"
          value={form.shortcut}
          onValue={(v) => set('shortcut', v)}
        />
        <label for="canned-locale">{t('canned.locale')}</label>
        <select
          id="canned-locale"
          value={form.locale}
          onChange={(e) => set('locale', e.currentTarget.value as CannedFields['locale'])}
        >
          <option value="fa">{t('locale.fa')}</option>
          <option value="en">{t('locale.en')}</option>
        </select>
        <label for="canned-scope">{t('canned.scope')}</label>
        <select
          id="canned-scope"
          value={form.scope}
          disabled={!isManager}
          onChange={(e) => set('scope', e.currentTarget.value as CannedFields['scope'])}
        >
          <option value="personal">{t('canned.scope.personal')}</option>
          <option value="shared">{t('canned.scope.shared')}</option>
        </select>
        <label for="canned-body">{t('canned.body')}</label>
        <textarea
          id="canned-body"
          rows={4}
          dir="auto"
          value={form.body}
          aria-describedby="canned-placeholders"
          onInput={(e) => set('body', e.currentTarget.value)}
        />
        <p id="canned-placeholders" class="hint">
          {t('canned.placeholders')}{' '}
          <bdi dir="ltr">{'{{contact.name}} {{ticket.number}} {{expert.name}}'}</bdi>
        </p>
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={editing ? t('canned.save') : t('canned.add')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>
      <AdminLoadError error={loadError} />
      {items && (
        <AdminTable columns={['canned.shortcut', 'canned.title', 'canned.locale', 'canned.scope']}>
          {items.map((c) => (
            <tr key={c.id} data-canned={c.shortcut}>
              <td dir="ltr">/{c.shortcut}</td>
              <td>
                <bdi>{c.title}</bdi>
              </td>
              <td>{t(`locale.${c.locale}`)}</td>
              <td>{t(`canned.scope.${c.scope}`)}</td>
              <td>
                {mayChange(c) && (
                  <div class="row-actions">
                    <button type="button" class="secondary" onClick={() => edit(c)}>
                      {t('admin.edit')}
                    </button>
                    <DeleteButton onDelete={() => void remove(c)} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

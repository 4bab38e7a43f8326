import { useEffect, useState } from 'preact/hooks';
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
  type CannedFields,
} from '../../api/canned';
import { describeError } from '../../api/error-message';
import { useI18n } from '../../i18n/context';
import { useNotices } from '../../notices';
import { useSession } from '../../session';
import type { CannedResponse } from '../../state/canned';
import { AdminLoadError, AdminTable, Field } from './AdminParts';

const EMPTY: CannedFields = { title: '', body: '', locale: 'fa', shortcut: '', scope: 'personal' };

/**
 * Canned responses: everyone keeps personal ones; supervisors and admins also write the shared
 * ones the whole team sees. The server applies the same rule.
 */
export function CannedAdmin() {
  const { t } = useI18n();
  const { csrf, user, isManager } = useSession();
  const notices = useNotices();
  const [items, setItems] = useState<CannedResponse[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [editing, setEditing] = useState<string | null>(null);
  const [fields, setFields] = useState<CannedFields>(EMPTY);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = () =>
    listCannedResponses().then(setItems, (failure: unknown) => setLoadError(failure));
  useEffect(() => void load(), []);

  const set = <K extends keyof CannedFields>(key: K, value: CannedFields[K]) =>
    setFields((f) => ({ ...f, [key]: value }));
  const mayChange = (c: CannedResponse) => (c.scope === 'shared' ? isManager : c.owner === user.id);

  function edit(c: CannedResponse) {
    setEditing(c.id);
    setFields({
      title: c.title,
      body: c.body,
      locale: c.locale,
      shortcut: c.shortcut,
      scope: c.scope,
    });
    setError(undefined);
  }

  function reset() {
    setEditing(null);
    setFields(EMPTY);
    setError(undefined);
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (!fields.title.trim()) return setError(t('canned.error.title'));
    if (!/^[a-z0-9][a-z0-9_-]{0,29}$/.test(fields.shortcut.trim().toLowerCase()))
      return setError(t('canned.error.shortcut'));
    if (!fields.body.trim()) return setError(t('canned.error.body'));
    setBusy(true);
    setError(undefined);
    try {
      const clean = { ...fields, shortcut: fields.shortcut.trim().toLowerCase() };
      if (editing) await updateCannedResponse(csrf, editing, clean);
      else await createCannedResponse(csrf, clean);
      notices.info('admin.saved');
      reset();
      await load();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  async function remove(c: CannedResponse) {
    try {
      await deleteCannedResponse(csrf, c.id);
      if (editing === c.id) reset();
      await load();
    } catch (failure) {
      notices.error(failure);
    }
  }

  return (
    <section class="admin-section" aria-labelledby="admin-canned-title">
      <h2 id="admin-canned-title">{t('canned.adminTitle')}</h2>
      <form class="admin-form" onSubmit={save} noValidate aria-labelledby="canned-form-title">
        <h3 id="canned-form-title">{editing ? t('canned.edit') : t('canned.new')}</h3>
        <Field
          id="canned-title"
          label={t('canned.title')}
          dir="auto"
          value={fields.title}
          onValue={(v) => set('title', v)}
        />
        <Field
          id="canned-shortcut"
          label={t('canned.shortcut')}
          dir="ltr"
          placeholder="greet"
          value={fields.shortcut}
          onValue={(v) => set('shortcut', v)}
        />
        <label for="canned-locale">{t('canned.locale')}</label>
        <select
          id="canned-locale"
          value={fields.locale}
          onChange={(e) => set('locale', e.currentTarget.value as CannedFields['locale'])}
        >
          <option value="fa">{t('locale.fa')}</option>
          <option value="en">{t('locale.en')}</option>
        </select>
        <label for="canned-scope">{t('canned.scope')}</label>
        <select
          id="canned-scope"
          value={fields.scope}
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
          value={fields.body}
          aria-describedby="canned-placeholders"
          onInput={(e) => set('body', e.currentTarget.value)}
        />
        <p id="canned-placeholders" class="hint">
          {t('canned.placeholders')}{' '}
          <bdi dir="ltr">{'{{contact.name}} {{ticket.number}} {{expert.name}}'}</bdi>
        </p>
        <p class="form-error" role="alert">
          {error ?? ''}
        </p>
        <div class="dialog-actions">
          {editing && (
            <button type="button" class="secondary" onClick={reset}>
              {t('canned.cancel')}
            </button>
          )}
          <button type="submit" disabled={busy}>
            {editing ? t('canned.save') : t('canned.add')}
          </button>
        </div>
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
                    <button type="button" class="secondary" onClick={() => void remove(c)}>
                      {t('admin.delete')}
                    </button>
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

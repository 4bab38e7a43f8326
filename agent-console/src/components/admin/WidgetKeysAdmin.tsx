import {
  createWidgetKey,
  deleteWidgetKey,
  listWidgetKeys,
  parseOrigins,
  updateWidgetKey,
  type WidgetKey,
} from '../../api/widget-keys';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import { useNotices } from '../../notices';
import { useSession } from '../../session';
import { useAdminForm, useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, Field, FormFooter, RowActions } from './AdminParts';

interface Form {
  name: string;
  origins: string;
  defaultGroup: string;
  defaultTopic: string;
}

const EMPTY: Form = { name: '', origins: '', defaultGroup: '', defaultTopic: '' };

/** The one tag a site owner pastes into their pages, with a copy button. */
function EmbedSnippet({ widgetKey }: { widgetKey: string }) {
  const { t } = useI18n();
  const notices = useNotices();
  const snippet = `<script async src="${location.origin}/widget.js" data-key="${widgetKey}"></script>`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet);
      notices.info('widgetKeys.copied');
    } catch (failure) {
      notices.error(failure);
    }
  }
  return (
    <details class="embed-snippet">
      <summary>{t('widgetKeys.embed')}</summary>
      <p class="hint">{t('widgetKeys.embedHint')}</p>
      <pre dir="ltr" tabIndex={0} aria-label={t('widgetKeys.embed')}>
        <code>{snippet}</code>
      </pre>
      <button type="button" class="secondary" onClick={() => void copy()}>
        {t('widgetKeys.copy')}
      </button>
    </details>
  );
}

/** Web-chat widget keys: which sites may embed the chat, and where their chats go by default. */
export function WidgetKeysAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { groups, groupName } = useDirectory();
  const { items: keys, loadError, reload, change } = useAdminList(listWidgetKeys);
  const { editing, edit, form, set, error, setError, busy, save } = useAdminForm<WidgetKey, Form>(
    () => EMPTY,
    (k) => ({
      name: k.name,
      origins: k.allowedOrigins.join('\n'),
      defaultGroup: k.defaultGroup ?? '',
      defaultTopic: k.defaultTopic ?? '',
    }),
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!form.name.trim()) return setError(t('admin.error.nameRequired'));
    const fields = {
      name: form.name.trim(),
      allowedOrigins: parseOrigins(form.origins),
      defaultGroup: form.defaultGroup || null,
      defaultTopic: form.defaultTopic.trim() || null,
    };
    void save(
      (k) => (k ? updateWidgetKey(csrf, k.id, fields) : createWidgetKey(csrf, fields)),
      reload,
    );
  }

  return (
    <section class="admin-section" aria-labelledby="admin-widget-keys-title">
      <h2 id="admin-widget-keys-title">{t('widgetKeys.title')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="widget-key-form-title">
        <h3 id="widget-key-form-title">{editing ? t('widgetKeys.edit') : t('widgetKeys.new')}</h3>
        <Field
          id="widget-key-name"
          label={t('admin.name')}
          dir="auto"
          value={form.name}
          onValue={(v) => set('name', v)}
        />
        <label for="widget-key-origins">{t('widgetKeys.origins')}</label>
        <textarea
          id="widget-key-origins"
          rows={3}
          dir="ltr"
          placeholder="https://www.example.com"
          aria-describedby="widget-key-origins-hint"
          value={form.origins}
          onInput={(e) => set('origins', e.currentTarget.value)}
        />
        <p id="widget-key-origins-hint" class="hint">
          {t('widgetKeys.originsHint')}
        </p>
        <label for="widget-key-group">{t('widgetKeys.defaultGroup')}</label>
        <select
          id="widget-key-group"
          value={form.defaultGroup}
          onChange={(e) => set('defaultGroup', e.currentTarget.value)}
        >
          <option value="">—</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name[locale]}
            </option>
          ))}
        </select>
        <Field
          id="widget-key-topic"
          label={t('widgetKeys.defaultTopic')}
          dir="auto"
          value={form.defaultTopic}
          onValue={(v) => set('defaultTopic', v)}
        />
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={editing ? t('canned.save') : t('widgetKeys.create')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>
      <AdminLoadError error={loadError} />
      {keys && (
        <AdminTable
          columns={[
            'admin.name',
            'widgetKeys.key',
            'widgetKeys.origins',
            'widgetKeys.defaultGroup',
            'admin.state',
          ]}
        >
          {keys.map((k) => (
            <tr key={k.id} data-widget-key={k.name}>
              <td>
                <bdi>{k.name}</bdi>
              </td>
              <td>
                <code class="widget-key" dir="ltr">
                  {k.key}
                </code>
                <EmbedSnippet widgetKey={k.key} />
              </td>
              <td dir="ltr">
                <ul class="origin-list">
                  {k.allowedOrigins.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </td>
              <td>{k.defaultGroup ? (groupName(k.defaultGroup) ?? '—') : '—'}</td>
              <td>{k.active ? t('admin.active') : t('admin.inactive')}</td>
              <td>
                <RowActions
                  active={k.active}
                  onEdit={() => edit(k)}
                  onToggle={() =>
                    void change(() => updateWidgetKey(csrf, k.id, { active: !k.active }))
                  }
                  onDelete={() => void change(() => deleteWidgetKey(csrf, k.id))}
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

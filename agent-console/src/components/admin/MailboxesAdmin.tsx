import {
  createMailbox,
  deleteMailbox,
  listMailboxes,
  updateMailbox,
  type Mailbox,
  type MailboxFields,
  type Security,
} from '../../api/email';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import { formatDateTime } from '../../i18n/format';
import { useSession } from '../../session';
import { useAdminForm, useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, Field, FormFooter, RowActions } from './AdminParts';

const SECURITY: Security[] = ['tls', 'starttls', 'none'];

interface ServerForm {
  host: string;
  port: string;
  security: Security;
  user: string;
  password: string;
}

interface Form {
  name: string;
  address: string;
  imap: ServerForm & { folder: string };
  smtp: ServerForm & { fromName: string };
  group: string;
  acknowledge: boolean;
  signature: string;
}

const empty = (): Form => ({
  name: '',
  address: '',
  imap: { host: '', port: '993', security: 'tls', user: '', password: '', folder: 'INBOX' },
  smtp: { host: '', port: '465', security: 'tls', user: '', password: '', fromName: '' },
  group: '',
  acknowledge: true,
  signature: '',
});

/** Passwords are never sent to the console: the form starts them empty ("keep the stored one"). */
const serverForm = (s: Mailbox['imap'] | Mailbox['smtp']): ServerForm => ({
  host: s.host,
  port: String(s.port),
  security: s.security,
  user: s.user,
  password: '',
});

const fromMailbox = (m: Mailbox): Form => ({
  name: m.name,
  address: m.address,
  imap: { ...serverForm(m.imap), folder: m.imap.folder },
  smtp: { ...serverForm(m.smtp), fromName: m.smtp.fromName },
  group: m.group ?? '',
  acknowledge: m.acknowledge,
  signature: m.signature,
});

function toFields(form: Form): MailboxFields {
  const server = ({ port, password, ...rest }: ServerForm) => ({
    ...rest,
    port: Number(port),
    ...(password ? { password } : {}),
  });
  return {
    name: form.name.trim(),
    address: form.address.trim(),
    imap: { ...server(form.imap), folder: form.imap.folder || 'INBOX' },
    smtp: { ...server(form.smtp), fromName: form.smtp.fromName },
    group: form.group || null,
    acknowledge: form.acknowledge,
    signature: form.signature,
  };
}

function ServerFieldset({
  kind,
  value,
  stored,
  onChange,
}: {
  kind: 'imap' | 'smtp';
  value: ServerForm;
  stored: boolean;
  onChange(next: ServerForm): void;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<ServerForm>) => onChange({ ...value, ...patch });
  return (
    <fieldset>
      <legend>{t(kind === 'imap' ? 'mailbox.imap' : 'mailbox.smtp')}</legend>
      <Field
        id={`${kind}-host`}
        label={t('mailbox.host')}
        dir="ltr"
        value={value.host}
        onValue={(host) => set({ host })}
      />
      <Field
        id={`${kind}-port`}
        label={t('mailbox.port')}
        dir="ltr"
        inputMode="numeric"
        value={value.port}
        onValue={(port) => set({ port })}
      />
      <label for={`${kind}-security`}>{t('mailbox.security')}</label>
      <select
        id={`${kind}-security`}
        value={value.security}
        onChange={(e) => set({ security: e.currentTarget.value as Security })}
      >
        {SECURITY.map((s) => (
          <option key={s} value={s}>
            {t(`mailbox.security.${s}`)}
          </option>
        ))}
      </select>
      <Field
        id={`${kind}-user`}
        label={t('mailbox.user')}
        dir="ltr"
        autoComplete="off"
        value={value.user}
        onValue={(user) => set({ user })}
      />
      <label for={`${kind}-password`}>{t('mailbox.password')}</label>
      <input
        id={`${kind}-password`}
        type="password"
        dir="ltr"
        autoComplete="new-password"
        placeholder={stored ? t('mailbox.passwordKept') : ''}
        value={value.password}
        onInput={(e) => set({ password: e.currentTarget.value })}
      />
    </fieldset>
  );
}

/** Mailboxes: IMAP in, SMTP out, the group their mail enters, and each one's live state. */
export function MailboxesAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { groups, groupName } = useDirectory();
  // Every 15 s: the connection state and last message of each mailbox move on their own.
  const {
    items: mailboxes,
    loadError,
    reload,
    change,
  } = useAdminList(async () => (await listMailboxes()).items, { refreshMs: 15_000 });
  const { editing, edit, form, setForm, error, setError, busy, save } = useAdminForm<Mailbox, Form>(
    empty,
    fromMailbox,
  );

  function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!form.name.trim() || !form.address.includes('@'))
      return setError(t('mailbox.error.required'));
    if (![form.imap.port, form.smtp.port].every((p) => /^\d{1,5}$/.test(p)))
      return setError(t('admin.error.numbers'));
    const fields = toFields(form);
    void save((m) => (m ? updateMailbox(csrf, m.id, fields) : createMailbox(csrf, fields)), reload);
  }

  const when = (iso: string | null) => (iso ? formatDateTime(new Date(iso), locale) : '—');

  return (
    <section class="admin-section" aria-labelledby="admin-mailboxes-title">
      <h2 id="admin-mailboxes-title">{t('mailbox.title')}</h2>
      <form
        class="admin-form"
        onSubmit={submit}
        noValidate
        aria-label={t(editing ? 'mailbox.edit' : 'mailbox.new')}
      >
        <h3>{t(editing ? 'mailbox.edit' : 'mailbox.new')}</h3>
        <Field
          id="mailbox-name"
          label={t('mailbox.name')}
          dir="auto"
          value={form.name}
          onValue={(name) => setForm({ ...form, name })}
        />
        <Field
          id="mailbox-address"
          label={t('mailbox.address')}
          dir="ltr"
          value={form.address}
          onValue={(address) => setForm({ ...form, address })}
        />
        <ServerFieldset
          kind="imap"
          value={form.imap}
          stored={Boolean(editing?.imap.hasPassword)}
          onChange={(imap) => setForm({ ...form, imap: { ...form.imap, ...imap } })}
        />
        <ServerFieldset
          kind="smtp"
          value={form.smtp}
          stored={Boolean(editing?.smtp.hasPassword)}
          onChange={(smtp) => setForm({ ...form, smtp: { ...form.smtp, ...smtp } })}
        />
        <Field
          id="mailbox-from-name"
          label={t('mailbox.fromName')}
          dir="auto"
          value={form.smtp.fromName}
          onValue={(fromName) => setForm({ ...form, smtp: { ...form.smtp, fromName } })}
        />
        <label for="mailbox-group">{t('mailbox.group')}</label>
        <select
          id="mailbox-group"
          value={form.group}
          onChange={(e) => setForm({ ...form, group: e.currentTarget.value })}
        >
          <option value="">{t('mailbox.groupByRules')}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name[locale]}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            checked={form.acknowledge}
            onChange={(e) => setForm({ ...form, acknowledge: e.currentTarget.checked })}
          />{' '}
          {t('mailbox.acknowledge')}
        </label>
        <label for="mailbox-signature">{t('mailbox.signature')}</label>
        <textarea
          id="mailbox-signature"
          dir="auto"
          rows={3}
          value={form.signature}
          onInput={(e) => setForm({ ...form, signature: e.currentTarget.value })}
        />
        <FormFooter
          error={error}
          busy={busy}
          submitLabel={t(editing ? 'mailbox.save' : 'mailbox.add')}
          onCancel={editing ? () => edit(null) : undefined}
        />
      </form>
      <AdminLoadError error={loadError} />
      {mailboxes && (
        <AdminTable
          columns={[
            'mailbox.name',
            'mailbox.address',
            'mailbox.group',
            'mailbox.state',
            'mailbox.lastMessage',
          ]}
        >
          {mailboxes.map((m) => (
            <tr key={m.id} class={m.active ? undefined : 'inactive'} data-mailbox={m.address}>
              <td>
                <bdi>{m.name}</bdi>
              </td>
              <td>
                <bdi dir="ltr">{m.address}</bdi>
              </td>
              <td>{m.group ? (groupName(m.group) ?? m.group) : t('mailbox.groupByRules')}</td>
              <td class="mailbox-state">
                {!m.active
                  ? t('admin.inactive')
                  : m.state.connected
                    ? t('mailbox.connected')
                    : t('mailbox.disconnected')}
                {m.state.lastError && (
                  <>
                    {' — '}
                    <bdi dir="ltr" title={when(m.state.lastErrorAt)}>
                      {m.state.lastError}
                    </bdi>
                  </>
                )}
              </td>
              <td>{when(m.state.lastMessageAt)}</td>
              <td>
                <RowActions
                  active={m.active}
                  onEdit={() => edit(m)}
                  editLabel={t('mailbox.edit')}
                  onToggle={() =>
                    void change(() => updateMailbox(csrf, m.id, { active: !m.active }))
                  }
                  onDelete={() => void change(() => deleteMailbox(csrf, m.id))}
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import {
  createUser,
  listAllUsers,
  updateUser,
  type AdminUser,
  type UserFields,
} from '../../api/admin';
import type { Role } from '../../api/auth';
import { describeError } from '../../api/error-message';
import { useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, Field } from './AdminParts';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import { formatList } from '../../i18n/format';
import { label } from '../../i18n/labels';
import { useNotices } from '../../notices';
import { useSession } from '../../session';

const ROLES: Role[] = ['expert', 'supervisor', 'admin'];

type Editing = { mode: 'create' } | { mode: 'edit'; user: AdminUser } | null;

/** Staff: list, create, change roles, groups, capacity and phone, deactivate. */
export function ExpertsAdmin() {
  const { locale, t } = useI18n();
  const { csrf, user: me } = useSession();
  const { groupName, refreshUsers } = useDirectory();
  const notices = useNotices();
  const {
    items: users,
    setItems: setUsers,
    loadError,
  } = useAdminList(async () => (await listAllUsers()).items);
  const [editing, setEditing] = useState<Editing>(null);

  function saved(user: AdminUser) {
    setUsers((list) => {
      const others = (list ?? []).filter((u) => u.id !== user.id);
      return [...others, user].sort((a, b) => a.displayName.localeCompare(b.displayName));
    });
    setEditing(null);
    refreshUsers();
    notices.info('admin.saved');
  }

  async function setActive(user: AdminUser, active: boolean) {
    try {
      saved(await updateUser(csrf, user.id, { active }));
    } catch (failure) {
      notices.error(failure);
    }
  }

  return (
    <section class="admin-section" aria-labelledby="admin-experts-title">
      <div class="section-heading">
        <h2 id="admin-experts-title">{t('admin.experts')}</h2>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          {t('admin.newExpert')}
        </button>
      </div>
      {editing && (
        <ExpertForm
          key={editing.mode === 'edit' ? editing.user.id : 'new'}
          user={editing.mode === 'edit' ? editing.user : null}
          onCancel={() => setEditing(null)}
          onSaved={saved}
        />
      )}
      <AdminLoadError error={loadError} />
      {users && (
        <AdminTable
          columns={[
            'admin.name',
            'admin.email',
            'admin.roles',
            'admin.groups',
            'admin.capacity',
            'admin.phone',
            'admin.state',
          ]}
        >
          {users.map((u) => (
            <tr key={u.id} data-user={u.email} class={u.active ? '' : 'inactive'}>
              <td>
                <bdi>{u.displayName}</bdi>
              </td>
              <td dir="ltr">{u.email}</td>
              <td>
                {formatList(
                  u.roles.map((r) => t(`role.${r}`)),
                  locale,
                )}
              </td>
              <td>
                {formatList(
                  u.groups.map((g) => groupName(g) ?? g),
                  locale,
                )}
              </td>
              <td>{u.maxConcurrent ?? t('admin.groupDefault')}</td>
              <td dir="ltr">{u.phone ?? '—'}</td>
              <td>{u.active ? label(t, 'presence', u.presence) : t('admin.inactive')}</td>
              <td>
                <div class="row-actions">
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => setEditing({ mode: 'edit', user: u })}
                  >
                    {t('admin.edit')}
                  </button>
                  {u.id !== me.id && (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => void setActive(u, !u.active)}
                    >
                      {u.active ? t('admin.deactivate') : t('admin.activate')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

function ExpertForm({
  user,
  onCancel,
  onSaved,
}: {
  user: AdminUser | null;
  onCancel: () => void;
  onSaved: (user: AdminUser) => void;
}) {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { groups } = useDirectory();
  const [email, setEmail] = useState(user?.email ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? ['expert']);
  const [memberOf, setMemberOf] = useState<string[]>(user?.groups ?? []);
  const [capacity, setCapacity] = useState(user?.maxConcurrent?.toString() ?? '');
  const [phone, setPhone] = useState(user?.phone ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const toggle = <T,>(list: T[], value: T, on: boolean) =>
    on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

  function check(): string | null {
    if (!displayName.trim()) return t('admin.error.nameRequired');
    if (!user && !email.trim()) return t('admin.error.emailRequired');
    if ((!user || password) && password.length < 10) return t('admin.error.passwordShort');
    if (roles.length === 0) return t('admin.error.roleRequired');
    if (capacity && !/^\d{1,3}$/.test(capacity)) return t('admin.error.capacity');
    return null;
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const problem = check();
    if (problem) return setError(problem);
    setBusy(true);
    setError(undefined);
    const fields: UserFields = {
      displayName: displayName.trim(),
      roles,
      groups: memberOf,
      maxConcurrent: capacity ? Number(capacity) : null,
      phone: phone.trim() || null,
      ...(password ? { password } : {}),
    };
    try {
      onSaved(
        user
          ? await updateUser(csrf, user.id, fields)
          : await createUser(csrf, { ...fields, email: email.trim() }),
      );
    } catch (failure) {
      setError(describeError(failure, t));
      setBusy(false);
    }
  }

  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="expert-form-title">
      <h3 id="expert-form-title">
        {user ? t('admin.editExpert', { name: user.displayName }) : t('admin.newExpert')}
      </h3>
      {!user && (
        <>
          <label for="expert-email">{t('admin.email')}</label>
          <input
            id="expert-email"
            type="email"
            dir="ltr"
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </>
      )}
      <Field
        id="expert-name"
        label={t('admin.name')}
        value={displayName}
        onValue={setDisplayName}
      />
      <label for="expert-password">{user ? t('admin.newPassword') : t('admin.password')}</label>
      <input
        id="expert-password"
        type="password"
        autoComplete="new-password"
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      <fieldset>
        <legend>{t('admin.roles')}</legend>
        {ROLES.map((role) => (
          <label key={role} class="inline-field">
            <input
              type="checkbox"
              name="role"
              value={role}
              checked={roles.includes(role)}
              onChange={(e) => setRoles((list) => toggle(list, role, e.currentTarget.checked))}
            />
            {t(`role.${role}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('admin.groups')}</legend>
        {groups.map((g) => (
          <label key={g.id} class="inline-field">
            <input
              type="checkbox"
              name="group"
              value={g.id}
              checked={memberOf.includes(g.id)}
              onChange={(e) => setMemberOf((list) => toggle(list, g.id, e.currentTarget.checked))}
            />
            {g.name[locale]}
          </label>
        ))}
      </fieldset>
      <Field
        id="expert-capacity"
        label={t('admin.capacity')}
        inputMode="numeric"
        dir="ltr"
        value={capacity}
        placeholder={t('admin.groupDefault')}
        onValue={setCapacity}
      />
      <label for="expert-phone">{t('admin.phone')}</label>
      <input
        id="expert-phone"
        type="tel"
        dir="ltr"
        value={phone}
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={onCancel}>
          {t('action.cancel')}
        </button>
        <button type="submit" disabled={busy}>
          {t('action.save')}
        </button>
      </div>
    </form>
  );
}

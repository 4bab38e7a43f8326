import { useState } from 'preact/hooks';
import {
  createGroup,
  listAllGroups,
  updateGroup,
  type AdminGroup,
  type GroupFields,
} from '../../api/admin';
import { describeError } from '../../api/error-message';
import { useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, Field } from './AdminParts';
import { useI18n } from '../../i18n/context';
import { useNotices } from '../../notices';
import { useSession } from '../../session';
import { formatWeekly, parseWeekly } from '../../state/hours';

type Editing = { mode: 'create' } | { mode: 'edit'; group: AdminGroup } | null;

/** Expert groups: names, business hours, SLA targets, overflow, the default group. */
export function GroupsAdmin() {
  const { locale, t } = useI18n();
  const notices = useNotices();
  const { items: groups, loadError, reload } = useAdminList(listAllGroups);
  const [editing, setEditing] = useState<Editing>(null);
  const nameOf = (id: string | null) =>
    id === null ? '—' : (groups?.find((g) => g.id === id)?.name[locale] ?? id);

  return (
    <section class="admin-section" aria-labelledby="admin-groups-title">
      <div class="section-heading">
        <h2 id="admin-groups-title">{t('admin.groupsTitle')}</h2>
        <button type="button" onClick={() => setEditing({ mode: 'create' })}>
          {t('admin.newGroup')}
        </button>
      </div>
      {editing && groups && (
        <GroupForm
          key={editing.mode === 'edit' ? editing.group.id : 'new'}
          group={editing.mode === 'edit' ? editing.group : null}
          groups={groups}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            notices.info('admin.saved');
            void reload();
          }}
        />
      )}
      <AdminLoadError error={loadError} />
      {groups && (
        <AdminTable
          columns={['admin.name', 'admin.hours', 'admin.sla', 'admin.overflow', 'admin.state']}
        >
          {groups.map((g) => (
            <tr key={g.id} data-group={g.slug}>
              <td>
                {g.name[locale]} {g.isDefault && <span class="badge">{t('admin.default')}</span>}
              </td>
              <td>
                {g.businessHours.alwaysOpen
                  ? t('admin.alwaysOpen')
                  : t('admin.intervals', { count: g.businessHours.weekly.length })}
              </td>
              <td>
                {t('admin.slaSummary', {
                  first: g.sla.firstResponseMinutes,
                  resolution: g.sla.resolutionMinutes,
                })}
              </td>
              <td>
                {g.overflowGroup
                  ? t('admin.overflowSummary', {
                      group: nameOf(g.overflowGroup),
                      minutes: g.overflowAfterMinutes,
                    })
                  : '—'}
              </td>
              <td>{g.active ? t('admin.active') : t('admin.inactive')}</td>
              <td>
                <button
                  type="button"
                  class="secondary"
                  onClick={() => setEditing({ mode: 'edit', group: g })}
                >
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

function GroupForm({
  group,
  groups,
  onCancel,
  onSaved,
}: {
  group: AdminGroup | null;
  groups: AdminGroup[];
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const [slug, setSlug] = useState(group?.slug ?? '');
  const [nameFa, setNameFa] = useState(group?.name.fa ?? '');
  const [nameEn, setNameEn] = useState(group?.name.en ?? '');
  const [timezone, setTimezone] = useState(group?.businessHours.timezone ?? 'Asia/Tehran');
  const [alwaysOpen, setAlwaysOpen] = useState(group?.businessHours.alwaysOpen ?? false);
  const [weekly, setWeekly] = useState(formatWeekly(group?.businessHours.weekly ?? []));
  const [first, setFirst] = useState(String(group?.sla.firstResponseMinutes ?? 30));
  const [resolution, setResolution] = useState(String(group?.sla.resolutionMinutes ?? 1440));
  const [warning, setWarning] = useState(String(group?.sla.warningPercent ?? 80));
  const [capacity, setCapacity] = useState(String(group?.defaultMaxConcurrent ?? 3));
  const [overflow, setOverflow] = useState(group?.overflowGroup ?? '');
  const [overflowAfter, setOverflowAfter] = useState(String(group?.overflowAfterMinutes ?? 10));
  const [isDefault, setIsDefault] = useState(group?.isDefault ?? false);
  const [active, setActive] = useState(group?.active ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const whole = (text: string) => (/^\d{1,6}$/.test(text.trim()) ? Number(text) : null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const intervals = parseWeekly(weekly);
    const numbers = [first, resolution, warning, capacity, overflowAfter].map(whole);
    if (!nameFa.trim() || !nameEn.trim()) return setError(t('admin.error.bothNames'));
    if (!group && !/^[a-z0-9-]{2,40}$/.test(slug)) return setError(t('admin.error.slug'));
    if (intervals === null) return setError(t('admin.error.weekly'));
    if (numbers.some((n) => n === null)) return setError(t('admin.error.numbers'));
    const [f, r, w, c, o] = numbers as number[];
    const fields: GroupFields = {
      name: { fa: nameFa.trim(), en: nameEn.trim() },
      businessHours: {
        timezone: timezone.trim(),
        alwaysOpen,
        weekly: intervals,
        holidays: group?.businessHours.holidays ?? [],
      },
      sla: { firstResponseMinutes: f!, resolutionMinutes: r!, warningPercent: w! },
      defaultMaxConcurrent: c!,
      overflowGroup: overflow || null,
      overflowAfterMinutes: o!,
      isDefault,
      active,
    };
    setBusy(true);
    setError(undefined);
    try {
      if (group) await updateGroup(csrf, group.id, fields);
      else await createGroup(csrf, { ...fields, slug });
      onSaved();
    } catch (failure) {
      setError(describeError(failure, t));
      setBusy(false);
    }
  }

  return (
    <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="group-form-title">
      <h3 id="group-form-title">
        {group ? t('admin.editGroup', { name: group.name[locale] }) : t('admin.newGroup')}
      </h3>
      {!group && (
        <>
          <Field id="group-slug" label={t('admin.slug')} dir="ltr" value={slug} onValue={setSlug} />
        </>
      )}
      <Field
        id="group-name-fa"
        label={t('admin.nameFa')}
        dir="rtl"
        value={nameFa}
        onValue={setNameFa}
      />
      <Field
        id="group-name-en"
        label={t('admin.nameEn')}
        dir="ltr"
        value={nameEn}
        onValue={setNameEn}
      />
      <fieldset>
        <legend>{t('admin.hours')}</legend>
        <Field
          id="group-timezone"
          label={t('admin.timezone')}
          dir="ltr"
          value={timezone}
          onValue={setTimezone}
        />
        <label class="inline-field">
          <input
            type="checkbox"
            checked={alwaysOpen}
            onChange={(e) => setAlwaysOpen(e.currentTarget.checked)}
          />
          {t('admin.alwaysOpen')}
        </label>
        <label for="group-weekly">{t('admin.weekly')}</label>
        <textarea
          id="group-weekly"
          dir="ltr"
          rows={4}
          value={weekly}
          aria-describedby="group-weekly-hint"
          onInput={(e) => setWeekly(e.currentTarget.value)}
        />
        <p id="group-weekly-hint" class="hint">
          {t('admin.weeklyHint')}
        </p>
      </fieldset>
      <fieldset>
        <legend>{t('admin.sla')}</legend>
        <Field
          id="group-first"
          label={t('admin.firstResponseMinutes')}
          inputMode="numeric"
          dir="ltr"
          value={first}
          onValue={setFirst}
        />
        <Field
          id="group-resolution"
          label={t('admin.resolutionMinutes')}
          inputMode="numeric"
          dir="ltr"
          value={resolution}
          onValue={setResolution}
        />
        <Field
          id="group-warning"
          label={t('admin.warningPercent')}
          inputMode="numeric"
          dir="ltr"
          value={warning}
          onValue={setWarning}
        />
      </fieldset>
      <Field
        id="group-capacity"
        label={t('admin.defaultCapacity')}
        inputMode="numeric"
        dir="ltr"
        value={capacity}
        onValue={setCapacity}
      />
      <label for="group-overflow">{t('admin.overflow')}</label>
      <select
        id="group-overflow"
        value={overflow}
        onChange={(e) => setOverflow(e.currentTarget.value)}
      >
        <option value="">{t('admin.noOverflow')}</option>
        {groups
          .filter((g) => g.id !== group?.id)
          .map((g) => (
            <option key={g.id} value={g.id}>
              {g.name[locale]}
            </option>
          ))}
      </select>
      <Field
        id="group-overflow-after"
        label={t('admin.overflowAfter')}
        inputMode="numeric"
        dir="ltr"
        value={overflowAfter}
        onValue={setOverflowAfter}
      />
      <label class="inline-field">
        <input
          type="checkbox"
          checked={isDefault}
          onChange={(e) => setIsDefault(e.currentTarget.checked)}
        />
        {t('admin.isDefault')}
      </label>
      <label class="inline-field">
        <input
          type="checkbox"
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        {t('admin.active')}
      </label>
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

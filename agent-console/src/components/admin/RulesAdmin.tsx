import {
  createRule,
  deleteRule,
  ENTRY_KINDS,
  listRules,
  RULE_KINDS,
  updateRule,
  type RoutingRule,
} from '../../api/admin';
import { useAdminForm, useAdminList } from './adminHooks';
import { AdminLoadError, AdminTable, Field, FormFooter, RowActions } from './AdminParts';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import { useSession } from '../../session';

interface Form {
  kind: RoutingRule['kind'];
  entryKind: string;
  value: string;
  group: string;
  order: string;
}

const empty = (): Form => ({
  kind: 'ticket-type',
  entryKind: ENTRY_KINDS[0],
  value: '',
  group: '',
  order: '100',
});

/** Routing rules: entry point, product model or ticket type to a group, in order. */
export function RulesAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { groups, groupName } = useDirectory();
  const { items: rules, loadError, reload, change } = useAdminList(listRules);
  // Rules are added, not edited: the form keeps its choices for the next rule but the value.
  const { form, setForm, set, error, setError, busy, save } = useAdminForm<RoutingRule, Form>(
    empty,
    empty,
  );

  function add(event: SubmitEvent) {
    event.preventDefault();
    if (!form.value.trim()) return setError(t('admin.error.value'));
    if (!form.group) return setError(t('admin.error.group'));
    if (!/^\d{1,5}$/.test(form.order)) return setError(t('admin.error.numbers'));
    const kept = { ...form, value: '' };
    void save(
      () =>
        createRule(csrf, {
          kind: form.kind,
          entryKind:
            form.kind === 'entry-point' ? (form.entryKind as RoutingRule['entryKind']) : null,
          value: form.value.trim(),
          group: form.group,
          order: Number(form.order),
        }),
      () => {
        setForm(kept);
        return reload();
      },
    );
  }

  return (
    <section class="admin-section" aria-labelledby="admin-rules-title">
      <h2 id="admin-rules-title">{t('admin.rulesTitle')}</h2>
      <form class="admin-form" onSubmit={add} noValidate aria-label={t('admin.newRule')}>
        <h3>{t('admin.newRule')}</h3>
        <label for="rule-kind">{t('admin.ruleKind')}</label>
        <select
          id="rule-kind"
          value={form.kind}
          onChange={(e) => set('kind', e.currentTarget.value as RoutingRule['kind'])}
        >
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.ruleKind.${k}`)}
            </option>
          ))}
        </select>
        {form.kind === 'entry-point' && (
          <>
            <label for="rule-entry-kind">{t('admin.entryKind')}</label>
            <select
              id="rule-entry-kind"
              value={form.entryKind}
              onChange={(e) => set('entryKind', e.currentTarget.value)}
            >
              {ENTRY_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </>
        )}
        <Field
          id="rule-value"
          label={t('admin.ruleValue')}
          dir="auto"
          value={form.value}
          onValue={(v) => set('value', v)}
        />
        <label for="rule-group">{t('admin.ruleGroup')}</label>
        <select
          id="rule-group"
          value={form.group}
          onChange={(e) => set('group', e.currentTarget.value)}
        >
          <option value="">—</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name[locale]}
            </option>
          ))}
        </select>
        <Field
          id="rule-order"
          label={t('admin.ruleOrder')}
          inputMode="numeric"
          dir="ltr"
          value={form.order}
          onValue={(v) => set('order', v)}
        />
        <FormFooter error={error} busy={busy} submitLabel={t('admin.addRule')} />
      </form>
      <AdminLoadError error={loadError} />
      {rules && (
        <AdminTable
          columns={[
            'admin.ruleKind',
            'admin.ruleValue',
            'admin.ruleGroup',
            'admin.ruleOrder',
            'admin.state',
          ]}
        >
          {rules.map((r) => (
            <tr key={r.id}>
              <td>
                {t(`admin.ruleKind.${r.kind}`)}
                {r.entryKind ? ` (${r.entryKind})` : ''}
              </td>
              <td>
                <bdi>{r.value}</bdi>
              </td>
              <td>{groupName(r.group) ?? r.group}</td>
              <td>{r.order}</td>
              <td>{r.active ? t('admin.active') : t('admin.inactive')}</td>
              <td>
                <RowActions
                  active={r.active}
                  onToggle={() => void change(() => updateRule(csrf, r.id, { active: !r.active }))}
                  onDelete={() => void change(() => deleteRule(csrf, r.id))}
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
    </section>
  );
}

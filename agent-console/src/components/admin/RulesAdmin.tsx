import { useEffect, useState } from 'preact/hooks';
import {
  createRule,
  deleteRule,
  ENTRY_KINDS,
  listRules,
  RULE_KINDS,
  updateRule,
  type RoutingRule,
} from '../../api/admin';
import { describeError } from '../../api/error-message';
import { AdminLoadError, AdminTable, Field, RowActions } from './AdminParts';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import { useNotices } from '../../notices';
import { useSession } from '../../session';

/** Routing rules: entry point, product model or ticket type to a group, in order. */
export function RulesAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const { groups, groupName } = useDirectory();
  const notices = useNotices();
  const [rules, setRules] = useState<RoutingRule[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [kind, setKind] = useState<RoutingRule['kind']>('ticket-type');
  const [entryKind, setEntryKind] = useState<string>(ENTRY_KINDS[0]);
  const [value, setValue] = useState('');
  const [group, setGroup] = useState('');
  const [order, setOrder] = useState('100');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = () => listRules().then(setRules, (failure: unknown) => setLoadError(failure));
  useEffect(() => void load(), []);

  async function add(event: SubmitEvent) {
    event.preventDefault();
    if (!value.trim()) return setError(t('admin.error.value'));
    if (!group) return setError(t('admin.error.group'));
    if (!/^\d{1,5}$/.test(order)) return setError(t('admin.error.numbers'));
    setBusy(true);
    setError(undefined);
    try {
      await createRule(csrf, {
        kind,
        entryKind: kind === 'entry-point' ? (entryKind as RoutingRule['entryKind']) : null,
        value: value.trim(),
        group,
        order: Number(order),
      });
      setValue('');
      notices.info('admin.saved');
      await load();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  async function change(action: () => Promise<unknown>) {
    try {
      await action();
      await load();
    } catch (failure) {
      notices.error(failure);
    }
  }

  return (
    <section class="admin-section" aria-labelledby="admin-rules-title">
      <h2 id="admin-rules-title">{t('admin.rulesTitle')}</h2>
      <form class="admin-form" onSubmit={add} noValidate aria-label={t('admin.newRule')}>
        <h3>{t('admin.newRule')}</h3>
        <label for="rule-kind">{t('admin.ruleKind')}</label>
        <select
          id="rule-kind"
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as RoutingRule['kind'])}
        >
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`admin.ruleKind.${k}`)}
            </option>
          ))}
        </select>
        {kind === 'entry-point' && (
          <>
            <label for="rule-entry-kind">{t('admin.entryKind')}</label>
            <select
              id="rule-entry-kind"
              value={entryKind}
              onChange={(e) => setEntryKind(e.currentTarget.value)}
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
          value={value}
          onValue={setValue}
        />
        <label for="rule-group">{t('admin.ruleGroup')}</label>
        <select id="rule-group" value={group} onChange={(e) => setGroup(e.currentTarget.value)}>
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
          value={order}
          onValue={setOrder}
        />
        <p class="form-error" role="alert">
          {error ?? ''}
        </p>
        <div class="dialog-actions">
          <button type="submit" disabled={busy}>
            {t('admin.addRule')}
          </button>
        </div>
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

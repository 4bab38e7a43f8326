import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import { useI18n } from '../../i18n/context';
import { useNotices } from '../../notices';

/**
 * An admin page's list: loaded on opening, again when `deps` change (a filter) and every
 * `refreshMs` when given, a failed load kept
 * to show above the table, and `change` for a row's action (switch off, delete), after which the
 * list is loaded again; a failed action is a notice.
 */
export function useAdminList<Item>(
  load: () => Promise<Item[]>,
  { refreshMs, deps = [] }: { refreshMs?: number; deps?: unknown[] } = {},
) {
  const notices = useNotices();
  const [items, setItems] = useState<Item[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  // Only the latest load's answer is shown (a slow one for an earlier filter arrives late).
  const latest = useRef(0);

  const reload = () => {
    const asked = ++latest.current;
    return load().then(
      (loaded) => {
        if (asked !== latest.current) return;
        setItems(loaded);
        setLoadError(undefined);
      },
      (failure: unknown) => asked === latest.current && setLoadError(failure),
    );
  };
  useEffect(() => {
    void reload();
    if (!refreshMs) return;
    const timer = setInterval(() => void reload(), refreshMs);
    return () => clearInterval(timer);
  }, deps);

  async function change(action: () => Promise<unknown>): Promise<void> {
    try {
      await action();
      await reload();
    } catch (failure) {
      notices.error(failure);
    }
  }

  return { items, setItems, loadError, reload, change };
}

/**
 * The form beside an admin list that adds a row or edits one (`editing`). `save` sends it, says
 * so, empties the form and runs `after` (the list's reload); a refusal stays in the form, in the
 * user's language. Checks made before sending go through `setError`.
 */
export function useAdminForm<Item, Form>(empty: () => Form, toForm: (item: Item) => Form) {
  const { t } = useI18n();
  const notices = useNotices();
  const [editing, setEditing] = useState<Item | null>(null);
  const [form, setForm] = useState<Form>(empty);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  function edit(item: Item | null) {
    setEditing(item);
    setForm(item ? toForm(item) : empty());
    setError(undefined);
  }

  const set = <K extends keyof Form>(key: K, value: Form[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function save(
    send: (editing: Item | null) => Promise<unknown>,
    after: () => Promise<unknown>,
  ): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await send(editing);
      notices.info('admin.saved');
      edit(null);
      await after();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return { editing, edit, form, setForm, set, error, setError, busy, save };
}

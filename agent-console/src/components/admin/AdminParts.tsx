import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionaries';

/** A failed load shown above an admin table, in the user's language. */
export function AdminLoadError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error === undefined) return null;
  return (
    <p class="form-error" role="alert">
      {describeError(error, t)}
    </p>
  );
}

/** The admin pages' table: column headings by message key, then a last, unlabelled actions column. */
export function AdminTable({
  columns,
  children,
}: {
  columns: MessageKey[];
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <table class="board-table admin-table">
      <thead>
        <tr>
          {columns.map((key) => (
            <th key={key} scope="col">
              {t(key)}
            </th>
          ))}
          <th scope="col">
            <span class="sr-only">{t('admin.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}

interface InputProps {
  dir?: 'ltr' | 'rtl' | 'auto';
  inputMode?: 'numeric' | 'text';
  placeholder?: string;
  autoComplete?: string;
}

/** A labelled text input of the admin forms; `onValue` gets the typed text. */
export function Field({
  id,
  label,
  value,
  onValue,
  dir,
  inputMode,
  placeholder,
  autoComplete,
}: InputProps & { id: string; label: string; value: string; onValue(value: string): void }) {
  return (
    <>
      <label for={id}>{label}</label>
      <input
        id={id}
        dir={dir}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete={autoComplete}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </>
  );
}

/** A configuration row's buttons: edit (when editable), activate/deactivate, delete. */
export function RowActions({
  active,
  onEdit,
  editLabel,
  onToggle,
  onDelete,
}: {
  active: boolean;
  onEdit?: () => void;
  editLabel?: string;
  onToggle: () => void;
  onDelete: () => void;
}) {
  const { t } = useI18n();
  return (
    <div class="row-actions">
      {onEdit && (
        <button type="button" class="secondary" onClick={onEdit}>
          {editLabel ?? t('admin.edit')}
        </button>
      )}
      <button type="button" class="secondary" onClick={onToggle}>
        {active ? t('admin.deactivate') : t('admin.activate')}
      </button>
      <DeleteButton onDelete={onDelete} />
    </div>
  );
}

/** Delete, asked twice: the first click only offers "Yes, delete" beside "Keep". */
export function DeleteButton({ onDelete }: { onDelete: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" class="secondary" onClick={() => setAsking(true)}>
        {t('admin.delete')}
      </button>
    );
  return (
    <span class="confirm-delete" role="group" aria-label={t('admin.delete')}>
      <button
        type="button"
        class="danger"
        onClick={() => {
          setAsking(false);
          onDelete();
        }}
      >
        {t('admin.confirmDelete')}
      </button>
      <button type="button" class="secondary" onClick={() => setAsking(false)}>
        {t('admin.keep')}
      </button>
    </span>
  );
}

/** A labelled multi-line text field of the admin forms. */
export function TextAreaField({
  id,
  label,
  value,
  onValue,
  rows = 2,
  dir = 'auto',
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
  rows?: number;
  dir?: 'ltr' | 'rtl' | 'auto';
  placeholder?: string;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        dir={dir}
        placeholder={placeholder}
        value={value}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </>
  );
}

/** A labelled date (YYYY-MM-DD) of the admin forms; empty when none is chosen. */
export function DateField({
  id,
  label,
  value,
  onValue,
}: {
  id: string;
  label: string;
  value: string;
  onValue(value: string): void;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => onValue(e.currentTarget.value)} />
    </>
  );
}

/** A labelled choice among fixed values, each shown by its label; `any` adds an empty first option. */
export function ChoiceField<V extends string>({
  id,
  label,
  value,
  onValue,
  options,
  any,
  disabled,
}: {
  id: string;
  label: string;
  value: V;
  onValue(value: V): void;
  options: ReadonlyArray<{ value: V; label: string }>;
  any?: string;
  disabled?: boolean;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onValue(e.currentTarget.value as V)}
      >
        {any !== undefined && <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** The end of an admin form: its error, "Cancel" while a row is being edited, and the submit button. */
export function FormFooter({
  error,
  busy,
  submitLabel,
  onCancel,
}: {
  error: string | undefined;
  busy: boolean;
  submitLabel: string;
  /** Given while a row is being edited. */
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>
      <div class="dialog-actions">
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('canned.cancel')}
          </button>
        )}
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}

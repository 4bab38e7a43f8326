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

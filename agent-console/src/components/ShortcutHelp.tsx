import { useEffect, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/context';
import { SHORTCUTS } from '../state/shortcuts';

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <dl class="shortcut-list">
        {SHORTCUTS.map(({ key, action }) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(`shortcuts.${action}`)}</dd>
          </div>
        ))}
      </dl>
      <div class="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('action.close')}
        </button>
      </div>
    </dialog>
  );
}

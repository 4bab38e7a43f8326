import { useRef } from 'preact/hooks';
import { describeError } from '../api/error-message';
import { uploadAttachment, type UploadedAttachment } from '../api/attachments';
import { useI18n } from '../i18n/context';
import { formatNumber } from '../i18n/format';
import { useSession } from '../session';

/** A file picked in the composer: uploading, stored (ready to send) or refused. */
export interface PendingFile {
  key: number;
  name: string;
  uploaded: UploadedAttachment | null;
  error: unknown;
}

let nextKey = 1;

interface AttachmentPickerProps {
  ticketId: string;
  files: PendingFile[];
  onChange: (update: (files: PendingFile[]) => PendingFile[]) => void;
}

/** Uploads each picked file at once, so "send" only references stored files. */
export function AttachmentPicker({ ticketId, files, onChange }: AttachmentPickerProps) {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const input = useRef<HTMLInputElement>(null);

  function pick(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      const key = nextKey++;
      onChange((current) => [
        ...current,
        { key, name: file.name, uploaded: null, error: undefined },
      ]);
      uploadAttachment(csrf, ticketId, file).then(
        (uploaded) =>
          onChange((current) => current.map((f) => (f.key === key ? { ...f, uploaded } : f))),
        (error: unknown) =>
          onChange((current) => current.map((f) => (f.key === key ? { ...f, error } : f))),
      );
    }
    if (input.current) input.current.value = '';
  }

  return (
    <div class="attachment-picker">
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        aria-hidden="true"
        multiple
        class="sr-only"
        onChange={(event) => pick(event.currentTarget.files)}
      />
      <button type="button" class="secondary" onClick={() => input.current?.click()}>
        {t('composer.attach')}
      </button>
      {files.length > 0 && (
        <ul class="pending-files" aria-label={t('message.attachments')}>
          {files.map((file) => (
            <li
              key={file.key}
              class={`pending-file ${file.error !== undefined ? 'pending-file-failed' : ''}`}
              data-state={
                file.error !== undefined ? 'failed' : file.uploaded ? 'ready' : 'uploading'
              }
            >
              <bdi>{file.name}</bdi>{' '}
              <span class="hint">
                {file.error !== undefined
                  ? describeError(file.error, t)
                  : file.uploaded
                    ? t('message.size', {
                        kb: formatNumber(Math.ceil(file.uploaded.size / 1024), locale),
                      })
                    : t('composer.uploading')}
              </span>
              <button
                type="button"
                class="link-button"
                aria-label={t('composer.removeFile', { name: file.name })}
                onClick={() => onChange((current) => current.filter((f) => f.key !== file.key))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

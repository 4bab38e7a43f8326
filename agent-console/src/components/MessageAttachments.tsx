import type { MessageView } from '@cc/shared';
import { attachmentUrl } from '../api/attachments';
import { useI18n } from '../i18n/context';
import { formatNumber } from '../i18n/format';

type Attachment = MessageView['attachments'][number];

/** Images the browser shows inline as a thumbnail (the server serves these types inline). */
const THUMBNAIL_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A message's files: image thumbnails, links to PDFs and other files, dropped ones with why. */
export function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  const { locale, t } = useI18n();
  if (!attachments.length) return null;
  const size = (a: Attachment) =>
    t('message.size', { kb: formatNumber(Math.max(1, Math.ceil(a.size / 1024)), locale) });
  return (
    <ul class="attachments" aria-label={t('message.attachments')}>
      {attachments.map((a, index) => {
        const name = a.name || t('message.attachment');
        if (a.dropped || !a.fileId)
          return (
            <li key={index} class="attachment attachment-dropped">
              <bdi>{name}</bdi> — {t('message.attachmentDropped')}
              {a.reason && (
                <>
                  {': '}
                  <bdi dir="ltr">{a.reason}</bdi>
                </>
              )}
            </li>
          );
        const url = attachmentUrl(a.fileId);
        return (
          <li key={index} class="attachment">
            {THUMBNAIL_TYPES.has(a.contentType) ? (
              <a href={url} target="_blank" rel="noopener" class="attachment-image">
                <img src={url} alt={name} loading="lazy" />
              </a>
            ) : (
              <a
                href={url}
                target="_blank"
                rel="noopener"
                class="attachment-file"
                data-type={a.contentType}
              >
                <bdi>{name}</bdi>
              </a>
            )}{' '}
            <span class="hint">{size(a)}</span>
          </li>
        );
      })}
    </ul>
  );
}

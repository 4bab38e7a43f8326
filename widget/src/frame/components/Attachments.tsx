import type { VisitorAttachment } from '@cc/shared';
import type { WidgetLocale } from '../../protocol';
import { FRAME_TEXT, formatNumber } from '../i18n';

const sizeText = (bytes: number, locale: WidgetLocale) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, locale)} MB`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;

/** Photos as thumbnails that open full size, PDFs as named links, refused files with why. */
export function Attachments({
  files,
  locale,
}: {
  files: VisitorAttachment[];
  locale: WidgetLocale;
}) {
  const t = FRAME_TEXT[locale];
  if (!files.length) return null;
  return (
    <ul class="attachments">
      {files.map((f, i) => (
        <li key={`${f.name}-${i}`}>
          {f.dropped || !f.url ? (
            <span class="attachment-dropped">
              {t.attachmentDropped}: {f.name}
            </span>
          ) : f.contentType.startsWith('image/') ? (
            <a href={f.url} target="_blank" rel="noopener" aria-label={`${t.download} ${f.name}`}>
              <img class="thumb" src={f.url} alt={f.name} loading="lazy" />
            </a>
          ) : (
            <a class="file-link" href={f.url} target="_blank" rel="noopener" download={f.name}>
              <span aria-hidden="true">📄</span> <span dir="auto">{f.name}</span>{' '}
              <span class="size">({sizeText(f.size, locale)})</span>
            </a>
          )}
        </li>
      ))}
    </ul>
  );
}

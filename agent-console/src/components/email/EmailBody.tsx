import type { MessageView } from '@cc/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { emailDetails, type EmailDetails } from '../../api/email';
import { useI18n } from '../../i18n/context';
import { MessageAttachments } from '../MessageAttachments';

const FRAME_STYLE = `body{margin:0;font:14px/1.5 Vazirmatn,Tahoma,sans-serif;overflow-wrap:anywhere}
img{max-width:100%;height:auto}blockquote{margin:0 0 0 .5em;padding-inline-start:.5em;border-inline-start:2px solid #ccc}`;

/** Remote images come parked in data-remote-src by the server; only http(s) ones are restored. */
export function withRemoteImages(html: string): string {
  return html.replace(/data-remote-src="(https?:\/\/[^"]*)"/g, 'src="$1"');
}

/**
 * An email in the timeline: sanitised HTML in a sandboxed frame (no scripts, no same-origin
 * forms), quoted parts folded behind a toggle, remote images only after the expert's click.
 */
export function EmailBody({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const [showQuoted, setShowQuoted] = useState(false);
  const [images, setImages] = useState(false);
  const [details, setDetails] = useState<EmailDetails | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (message.direction !== 'in') return;
    let live = true;
    emailDetails(message.id).then(
      (d) => live && setDetails(d),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [message.id, message.direction]);

  const html = message.html;
  const hasQuoted = html ? html.includes('data-cc-quoted') : Boolean(details?.quotedText);
  const remote = html ? html.includes('data-remote-src') : false;
  const srcDoc = useMemo(() => {
    if (!html) return '';
    const fold = showQuoted ? '' : '[data-cc-quoted]{display:none}';
    return `<!doctype html><meta charset="utf-8"><base target="_blank"><style>${FRAME_STYLE}${fold}</style>${
      images ? withRemoteImages(html) : html
    }`;
  }, [html, showQuoted, images]);

  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (doc && frame.current)
      frame.current.style.height = `${doc.documentElement.scrollHeight + 4}px`;
  };

  const text = details && !html ? details.visibleText : message.text;
  return (
    <div class="email-body" data-email={message.id}>
      {html ? (
        <iframe
          ref={frame}
          class="email-frame"
          title={t('email.frameTitle')}
          sandbox="allow-same-origin allow-popups"
          srcDoc={srcDoc}
          onLoad={fit}
        />
      ) : (
        <p class="message-text" dir="auto">
          {text}
        </p>
      )}
      {!html && details?.signature && (
        <p class="email-signature" dir="auto">
          {details.signature}
        </p>
      )}
      <div class="email-actions">
        {hasQuoted && (
          <button
            type="button"
            class="secondary"
            aria-expanded={showQuoted}
            onClick={() => setShowQuoted(!showQuoted)}
          >
            {showQuoted ? t('email.hideQuoted') : t('email.showQuoted')}
          </button>
        )}
        {remote && !images && (
          <button type="button" class="secondary" onClick={() => setImages(true)}>
            {t('email.loadImages')}
          </button>
        )}
      </div>
      {!html && showQuoted && details?.quotedText && (
        <pre class="email-quoted" dir="auto">
          {details.quotedText}
        </pre>
      )}
      <MessageAttachments attachments={message.attachments} />
    </div>
  );
}

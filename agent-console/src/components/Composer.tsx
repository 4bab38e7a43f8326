import type { MessageView } from '@cc/shared';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { listCannedResponses } from '../api/canned';
import { describeError } from '../api/error-message';
import { addNote, reply } from '../api/tickets';
import { REPLY_CHANNELS, type ReplyChannel, type TicketDetail } from '../api/types';
import { useTypingSignal } from '../hooks/useTypingSignal';
import { useI18n } from '../i18n/context';
import { label } from '../i18n/labels';
import { useSession } from '../session';
import {
  activeMention,
  insertMention,
  mentionCandidates,
  mentionedIds,
  type Mentionable,
} from '../state/mentions';
import {
  activeSlash,
  cannedCandidates,
  fillPlaceholders,
  insertAt,
  type CannedResponse,
} from '../state/canned';
import { countSms } from '../state/sms';
import { ArticleLinkDialog } from './ArticleLinkDialog';
import { AttachmentPicker, type PendingFile } from './AttachmentPicker';
import { CannedList } from './CannedList';
import { MentionList } from './MentionList';

export type ComposerMode = 'reply' | 'note';

interface ComposerProps {
  ticket: TicketDetail;
  mode: ComposerMode;
  onModeChange: (mode: ComposerMode) => void;
  /** Changes when a shortcut asks for the text box. */
  focusRequest: number;
  mentionable: Mentionable[];
  onSent: (message: MessageView) => void;
}

function defaultChannel(ticket: TicketDetail): ReplyChannel {
  return (REPLY_CHANNELS as readonly string[]).includes(ticket.channel)
    ? (ticket.channel as ReplyChannel)
    : 'sms';
}

function SmsCounter({ text }: { text: string }) {
  const { t } = useI18n();
  const count = countSms(text);
  return (
    <p class="sms-counter" aria-live="polite" data-segments={count.segments}>
      {t(count.encoding === 'gsm7' ? 'sms.gsm7' : 'sms.unicode')} ·{' '}
      {t('sms.count', {
        characters: count.units,
        segments: count.segments,
        remaining: count.remaining,
      })}
    </p>
  );
}

/** Keyed by ticket in the parent, so a draft never leaks into another ticket. */
export function Composer({
  ticket,
  mode,
  onModeChange,
  focusRequest,
  mentionable,
  onSent,
}: ComposerProps) {
  const { locale, t } = useI18n();
  const { csrf, user } = useSession();
  const [text, setText] = useState('');
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  const [articleDialog, setArticleDialog] = useState(false);
  const [channel, setChannel] = useState<ReplyChannel>(() => defaultChannel(ticket));
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState<Mentionable[]>([]);
  const [highlight, setHighlight] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [error, setError] = useState<unknown>();
  const box = useRef<HTMLTextAreaElement>(null);
  const typingSignal = useTypingSignal(
    ticket.id,
    mode === 'reply' && channel === 'webchat' && ticket.channel === 'webchat',
  );

  useEffect(() => {
    if (focusRequest > 0) box.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    listCannedResponses().then(setCanned, () => setCanned([]));
  }, []);

  const mention = mode === 'note' ? activeMention(text, caret) : null;
  const query = mention && mention.start !== dismissed ? mention.query : null;
  const candidates = useMemo(
    () => (query === null ? [] : mentionCandidates(mentionable, query)),
    [query, mentionable],
  );
  const slash = mention ? null : activeSlash(text, caret);
  const slashQuery = slash && slash.start !== dismissed ? slash.query : null;
  const cannedMatches = useMemo(
    () => (slashQuery === null ? [] : cannedCandidates(canned, slashQuery, locale)),
    [slashQuery, canned, locale],
  );
  const mentionOpen = candidates.length > 0;
  const cannedOpen = !mentionOpen && cannedMatches.length > 0;
  const pickerOpen = mentionOpen || cannedOpen;
  const optionCount = mentionOpen ? candidates.length : cannedMatches.length;

  /** Writes the box at once so the next key lands after the insertion, not where a later render puts the caret. */
  function applyEdit(next: { text: string; caret: number }) {
    const element = box.current;
    if (element) {
      element.value = next.text;
      element.focus();
      element.setSelectionRange(next.caret, next.caret);
    }
    setText(next.text);
    setCaret(next.caret);
    setHighlight(0);
  }

  function pick(picked: Mentionable) {
    if (!mention) return;
    applyEdit(insertMention(text, mention.start, caret, picked));
    setPicked((list) => (list.some((u) => u.id === picked.id) ? list : [...list, picked]));
  }

  function pickCanned(response: CannedResponse) {
    if (!slash) return;
    const filled = fillPlaceholders(response.body, {
      'contact.name': ticket.contact.name,
      'ticket.number': ticket.label,
      'expert.name': user.displayName,
    });
    applyEdit(insertAt(text, slash.start, caret, filled));
  }

  function insertArticle(link: string) {
    setArticleDialog(false);
    const before = text.slice(0, caret);
    const spacer = before === '' || /\s$/.test(before) ? '' : ' ';
    // After the dialog has returned focus to the box.
    setTimeout(() => applyEdit(insertAt(text, caret, caret, `${spacer}${link} `)), 0);
  }

  const uploading = files.some((f) => !f.uploaded && f.error === undefined);
  const ready = files.flatMap((f) => (f.uploaded ? [f.uploaded.id] : []));
  const canSend = !sending && !uploading && (text.trim() !== '' || ready.length > 0);

  async function send() {
    const body = text.trim();
    if (!canSend) return;
    setSending(true);
    setError(undefined);
    typingSignal.stop();
    try {
      const message =
        mode === 'note'
          ? await addNote(csrf, ticket.id, body, mentionedIds(body, picked), ready)
          : await reply(csrf, ticket.id, body, channel, ready);
      onSent(message);
      // Keep anything typed while the message was on its way.
      setText((current) => (current.trim() === body ? '' : current));
      setPicked([]);
      setFiles((current) => current.filter((f) => !f.uploaded || !ready.includes(f.uploaded.id)));
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (pickerOpen) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlight((h) => (h + step + optionCount) % optionCount);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const index = Math.min(highlight, optionCount - 1);
        if (mentionOpen) pick(candidates[index]!);
        else pickCanned(cannedMatches[index]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed((mentionOpen ? mention?.start : slash?.start) ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  }

  const tabs: ComposerMode[] = ['reply', 'note'];
  return (
    <>
      <form
        class={`composer composer-${mode}`}
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <div class="composer-tabs" role="tablist" aria-label={t('composer.mode')}>
          {tabs.map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              id={`composer-tab-${tab}`}
              aria-selected={mode === tab}
              aria-controls="composer-panel"
              class="tab"
              onClick={() => onModeChange(tab)}
            >
              {t(`composer.${tab}`)}
            </button>
          ))}
          {mode === 'reply' && (
            <label class="composer-channel">
              <span>{t('composer.channel')}</span>
              <select
                value={channel}
                onChange={(e) => setChannel(e.currentTarget.value as ReplyChannel)}
              >
                {REPLY_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {label(t, 'channel', c)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <div
          id="composer-panel"
          role="tabpanel"
          aria-labelledby={`composer-tab-${mode}`}
          class="composer-panel"
        >
          <label for="composer-text" class="sr-only">
            {mode === 'note' ? t('composer.noteLabel') : t('composer.replyLabel')}
          </label>
          <textarea
            id="composer-text"
            ref={box}
            rows={3}
            value={text}
            placeholder={
              mode === 'note' ? t('composer.notePlaceholder') : t('composer.replyPlaceholder')
            }
            aria-describedby="composer-hint composer-error"
            aria-autocomplete="list"
            aria-expanded={pickerOpen}
            aria-controls={mentionOpen ? 'mention-list' : cannedOpen ? 'canned-list' : undefined}
            aria-activedescendant={
              mentionOpen
                ? `mention-${candidates[highlight]?.id ?? ''}`
                : cannedOpen
                  ? `canned-${cannedMatches[highlight]?.id ?? ''}`
                  : undefined
            }
            onInput={(event) => {
              setText(event.currentTarget.value);
              setCaret(event.currentTarget.selectionStart);
              setHighlight(0);
              setDismissed(null);
              typingSignal.input();
            }}
            onBlur={typingSignal.stop}
            onClick={(event) => setCaret(event.currentTarget.selectionStart)}
            onKeyUp={(event) => {
              if (event.key.startsWith('Arrow') && !pickerOpen)
                setCaret(event.currentTarget.selectionStart);
            }}
            onKeyDown={onKeyDown}
          />
          {mentionOpen && <MentionList users={candidates} highlight={highlight} onPick={pick} />}
          {cannedOpen && (
            <CannedList responses={cannedMatches} highlight={highlight} onPick={pickCanned} />
          )}
          {mode === 'reply' && channel === 'sms' && <SmsCounter text={text} />}
          <p id="composer-hint" class="hint">
            {mode === 'note'
              ? mentionable.length
                ? t('composer.mentionHint')
                : t('composer.mentionUnavailable')
              : t('composer.sendHint')}
            {' · '}
            {t('canned.hint')}
          </p>
          <p id="composer-error" class="form-error" role="alert">
            {error === undefined ? '' : describeError(error, t)}
          </p>
          <div class="composer-actions">
            <AttachmentPicker ticketId={ticket.id} files={files} onChange={setFiles} />
            <button type="button" class="secondary" onClick={() => setArticleDialog(true)}>
              {t('kb.insert')}
            </button>
            <button type="submit" disabled={!canSend}>
              {mode === 'note' ? t('composer.addNote') : t('composer.send')}
            </button>
          </div>
        </div>
      </form>
      {articleDialog && (
        <ArticleLinkDialog onClose={() => setArticleDialog(false)} onPick={insertArticle} />
      )}
    </>
  );
}

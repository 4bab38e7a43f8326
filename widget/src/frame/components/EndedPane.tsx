import { useState } from 'preact/hooks';
import type { WidgetLocale, WidgetUser } from '../../protocol';
import { request, type VisitorSocket } from '../connection';
import { FRAME_TEXT, formatNumber } from '../i18n';
import { errorText } from './errors';
import { looksLikeEmail } from './PreChatForm';

interface Props {
  locale: WidgetLocale;
  socket: VisitorSocket;
  ticketId: string;
  user: WidgetUser;
  onNewChat: () => void;
}

/** After the chat: a 1-5 rating with a comment, the transcript by email, a new chat. */
export function EndedPane({ locale, socket, ticketId, user, onNewChat }: Props) {
  const t = FRAME_TEXT[locale];
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [rated, setRated] = useState(false);
  const [email, setEmail] = useState(user.email ?? '');
  const [sentTo, setSentTo] = useState('');
  const [error, setError] = useState('');

  async function rate(event: Event) {
    event.preventDefault();
    if (!score) return;
    try {
      await request(socket, 'chat:rate', {
        ticketId,
        score,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setRated(true);
      setError('');
    } catch (err) {
      setError(errorText(err, locale));
    }
  }

  async function transcript(event: Event) {
    event.preventDefault();
    if (email.trim() && !looksLikeEmail(email)) return setError(t.badEmail);
    try {
      const r = await request(socket, 'transcript:request', {
        ticketId,
        ...(email.trim() ? { email: email.trim() } : {}),
      });
      setSentTo(r.to);
      setError('');
    } catch (err) {
      setError(errorText(err, locale));
    }
  }

  return (
    <section class="ended">
      <p class="ended-title" role="status">
        {t.ended}
      </p>
      {rated ? (
        <p class="confirmation">{t.thanksRating}</p>
      ) : (
        <form class="form rating" onSubmit={rate}>
          <fieldset>
            <legend>{t.rateTitle}</legend>
            <div class="stars">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class={n <= score ? 'star on' : 'star'}>
                  <input
                    type="radio"
                    name="score"
                    value={n}
                    checked={score === n}
                    onChange={() => setScore(n)}
                    aria-label={t.stars(formatNumber(n, locale))}
                  />
                  <span aria-hidden="true">★</span>
                </label>
              ))}
            </div>
          </fieldset>
          <label for="rating-comment">{t.comment}</label>
          <textarea
            id="rating-comment"
            rows={2}
            dir="auto"
            value={comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <button class="primary" type="submit" disabled={!score}>
            {t.submitRating}
          </button>
        </form>
      )}
      {sentTo ? (
        <p class="confirmation" role="status">
          {t.transcriptSent(sentTo)}
        </p>
      ) : (
        <form class="form transcript" onSubmit={transcript}>
          <label for="transcript-email">{t.transcriptTitle}</label>
          <div class="inline">
            <input
              id="transcript-email"
              type="email"
              dir="ltr"
              autocomplete="email"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
            <button class="secondary" type="submit">
              {t.sendTranscript}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" class="secondary" onClick={onNewChat}>
        {t.newChat}
      </button>
    </section>
  );
}

import { useState } from 'preact/hooks';
import type { WidgetLocale, WidgetUser } from '../../protocol';
import { request, type VisitorSocket } from '../connection';
import { FRAME_TEXT, formatNumber } from '../i18n';
import { errorText } from './errors';
import { cleanPhone, FieldError, looksLikeEmail, looksLikePhone } from './PreChatForm';

interface Props {
  locale: WidgetLocale;
  socket: VisitorSocket;
  user: WidgetUser;
  reason: 'no_expert_online' | 'closed';
  topic?: string | undefined;
  onBack: () => void;
}

type Tab = 'message' | 'callback';

/** The hours a callback window can start or end at (08:00 to 20:00). */
const HOURS = Array.from({ length: 13 }, (_, i) => i + 8);

function HourSelect(props: {
  id: string;
  label: string;
  locale: WidgetLocale;
  value: number;
  onValue: (hour: number) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onValue(Number(e.currentTarget.value))}
      >
        {HOURS.map((h) => (
          <option key={h} value={h}>
            {formatNumber(h, props.locale)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Local wall-clock hour on a day (0 today, 1 tomorrow), as an ISO date-time. */
function hourOn(dayOffset: number, hour: number): string {
  const d = new Date();
  d.setDate(d.getDate() + dayOffset);
  d.setHours(hour, 0, 0, 0);
  return d.toISOString();
}

/** Nobody can chat now: leave a message (a ticket answered later) or ask for a callback. */
export function OfflinePane({ locale, socket, user, reason, topic, onBack }: Props) {
  const t = FRAME_TEXT[locale];
  const [tab, setTab] = useState<Tab>('message');
  const [name, setName] = useState(user.name ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [email, setEmail] = useState(user.email ?? '');
  const [text, setText] = useState('');
  const [day, setDay] = useState(reason === 'closed' ? 1 : 0);
  const [from, setFrom] = useState(10);
  const [to, setTo] = useState(12);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (tab === 'message') {
      if (!name.trim()) found.name = t.required;
      if (!phone.trim() && !email.trim()) found.phone = t.phoneOrEmail;
      if (!text.trim()) found.text = t.required;
    } else if (!phone.trim()) found.phone = t.required;
    if (phone.trim() && !looksLikePhone(phone)) found.phone = t.badPhone;
    if (tab === 'message' && email.trim() && !looksLikeEmail(email)) found.email = t.badEmail;
    setErrors(found);
    setError('');
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      if (tab === 'message') {
        const r = await request(socket, 'offline:message', {
          name: name.trim(),
          ...(phone.trim() ? { phone: cleanPhone(phone) } : {}),
          ...(email.trim() ? { email: email.trim() } : {}),
          text: text.trim(),
          ...(topic ? { topic } : {}),
        });
        setDone(t.offlineDone(r.label));
      } else {
        const r = await request(socket, 'callback:request', {
          ...(name.trim() ? { name: name.trim() } : {}),
          phone: cleanPhone(phone),
          ...(topic ? { topic } : {}),
          windowStart: hourOn(day, from),
          windowEnd: hourOn(day, Math.max(to, from + 1)),
        });
        setDone(t.callbackDone(r.label));
      }
    } catch (err) {
      setError(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <section class="offline done">
        <p class="confirmation" role="status">
          {done}
        </p>
        <button type="button" class="secondary" onClick={onBack}>
          {t.backToStart}
        </button>
      </section>
    );

  return (
    <section class="offline">
      <p class="offline-reason" role="status">
        {reason === 'closed' ? t.offlineClosed : t.offlineNoExpert}
      </p>
      <p class="lead">{t.offlineLead}</p>
      <div class="segmented" role="tablist">
        {(['message', 'callback'] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`offline-tab-${value}`}
            aria-selected={tab === value}
            aria-controls="offline-form"
            onClick={() => setTab(value)}
          >
            {value === 'message' ? t.offlineMessageTab : t.callbackTab}
          </button>
        ))}
      </div>
      <div id="offline-form" role="tabpanel" aria-labelledby={`offline-tab-${tab}`}>
        <form class="form" onSubmit={submit} noValidate>
          <label for="offline-name">{t.name}</label>
          <input
            id="offline-name"
            autocomplete="name"
            value={name}
            aria-invalid={errors.name ? 'true' : 'false'}
            onInput={(e) => setName(e.currentTarget.value)}
          />
          <FieldError id="offline-name-error" text={errors.name} />
          <label for="offline-phone">{t.phone}</label>
          <input
            id="offline-phone"
            type="tel"
            dir="ltr"
            autocomplete="tel"
            value={phone}
            aria-invalid={errors.phone ? 'true' : 'false'}
            aria-describedby="offline-phone-error"
            onInput={(e) => setPhone(e.currentTarget.value)}
          />
          <FieldError id="offline-phone-error" text={errors.phone} />
          {tab === 'message' ? (
            <>
              <label for="offline-email">{t.email}</label>
              <input
                id="offline-email"
                type="email"
                dir="ltr"
                autocomplete="email"
                value={email}
                aria-invalid={errors.email ? 'true' : 'false'}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              <FieldError id="offline-email-error" text={errors.email} />
              <label for="offline-text">{t.yourMessage}</label>
              <textarea
                id="offline-text"
                rows={4}
                dir="auto"
                value={text}
                aria-invalid={errors.text ? 'true' : 'false'}
                onInput={(e) => setText(e.currentTarget.value)}
              />
              <FieldError id="offline-text-error" text={errors.text} />
            </>
          ) : (
            <div class="callback-window">
              <label>
                {t.callbackDay}
                <select
                  id="callback-day"
                  value={day}
                  onChange={(e) => setDay(Number(e.currentTarget.value))}
                >
                  <option value={0}>{t.today}</option>
                  <option value={1}>{t.tomorrow}</option>
                </select>
              </label>
              <HourSelect
                id="callback-from"
                label={t.callbackFrom}
                locale={locale}
                value={from}
                onValue={setFrom}
              />
              <HourSelect
                id="callback-to"
                label={t.callbackTo}
                locale={locale}
                value={to}
                onValue={setTo}
              />
            </div>
          )}
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button class="primary" type="submit" disabled={busy}>
            {tab === 'message' ? t.sendOffline : t.requestCallback}
          </button>
        </form>
      </div>
    </section>
  );
}

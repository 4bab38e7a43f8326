import type { ChatStartPayload, SerialCheckResult } from '@cc/shared';
import { useEffect, useState } from 'preact/hooks';
import type { WidgetLocale, WidgetUser } from '../../protocol';
import { ChatError, request, type VisitorSocket } from '../connection';
import { FRAME_TEXT, toLatinDigits } from '../i18n';
import { errorText } from './errors';
import { SerialStatus } from './SerialStatus';

interface Props {
  locale: WidgetLocale;
  socket: VisitorSocket;
  user: WidgetUser;
  verified: WidgetUser | null;
  onStart: (form: ChatStartPayload) => Promise<void>;
}

/** "0912 123-4567" / "۰۹۱۲۱۲۳۴۵۶۷" -> "09121234567"; the server normalises to E.164. */
export const cleanPhone = (value: string) => toLatinDigits(value).replace(/[\s\-().]/g, '');
export const looksLikePhone = (value: string) => /^(\+|00)?\d{8,15}$/.test(cleanPhone(value));
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

type Field = 'name' | 'contact' | 'phone' | 'email';

export function PreChatForm({ locale, socket, user, verified, onStart }: Props) {
  const t = FRAME_TEXT[locale];
  const known = verified ?? user;
  const [name, setName] = useState(known.name ?? '');
  const [phone, setPhone] = useState(known.phone ?? '');
  const [email, setEmail] = useState(known.email ?? '');
  const [topic, setTopic] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const [serial, setSerial] = useState('');
  const [serialResult, setSerialResult] = useState<SerialCheckResult | 'checking' | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    request(socket, 'topics:list', {})
      .then((r) => setTopics(r.topics))
      .catch(() => setTopics([]));
  }, [socket]);

  useEffect(() => {
    const value = toLatinDigits(serial).trim();
    if (value.length < 4) return setSerialResult(null);
    setSerialResult('checking');
    const timer = setTimeout(() => {
      request(socket, 'serial:check', { serial: value })
        .then(setSerialResult)
        .catch(() => setSerialResult(null));
    }, 400);
    return () => clearTimeout(timer);
  }, [serial, socket]);

  function validate(): Partial<Record<Field, string>> {
    const found: Partial<Record<Field, string>> = {};
    if (!name.trim()) found.name = t.required;
    if (!phone.trim() && !email.trim()) found.contact = t.phoneOrEmail;
    if (phone.trim() && !looksLikePhone(phone)) found.phone = t.badPhone;
    if (email.trim() && !looksLikeEmail(email)) found.email = t.badEmail;
    return found;
  }

  async function submit(event: Event) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError('');
    if (Object.keys(found).length) {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      return;
    }
    setBusy(true);
    try {
      await onStart({
        name: name.trim(),
        ...(phone.trim() ? { phone: cleanPhone(phone) } : {}),
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(topic ? { topic } : {}),
        ...(serial.trim() ? { serial: toLatinDigits(serial).trim() } : {}),
      });
    } catch (err) {
      if (err instanceof ChatError && err.code === 'validation_failed' && /phone/.test(err.message))
        setErrors({ phone: t.badPhone });
      else setFormError(errorText(err, locale));
    } finally {
      setBusy(false);
    }
  }

  const invalid = (field: Field) => (errors[field] ? 'true' : 'false');
  const locked = Boolean(verified);
  return (
    <form class="form prechat" onSubmit={submit} noValidate aria-labelledby="prechat-title">
      <p id="prechat-title" class="lead">
        {known.name ? t.welcomeByName(known.name) : t.welcome}
      </p>
      {locked && <p class="hint">{t.verified}</p>}
      <label for="prechat-name">{t.name}</label>
      <input
        id="prechat-name"
        name="name"
        autocomplete="name"
        value={name}
        readOnly={locked && Boolean(verified?.name)}
        aria-invalid={invalid('name')}
        aria-describedby="prechat-name-error"
        onInput={(e) => setName(e.currentTarget.value)}
      />
      <FieldError id="prechat-name-error" text={errors.name} />
      <label for="prechat-phone">{t.phone}</label>
      <input
        id="prechat-phone"
        name="phone"
        type="tel"
        dir="ltr"
        inputMode="tel"
        autocomplete="tel"
        value={phone}
        readOnly={locked && Boolean(verified?.phone)}
        aria-invalid={errors.phone || errors.contact ? 'true' : 'false'}
        aria-describedby="prechat-phone-error prechat-contact-error"
        onInput={(e) => setPhone(e.currentTarget.value)}
      />
      <FieldError id="prechat-phone-error" text={errors.phone} />
      <label for="prechat-email">{t.email}</label>
      <input
        id="prechat-email"
        name="email"
        type="email"
        dir="ltr"
        autocomplete="email"
        value={email}
        readOnly={locked && Boolean(verified?.email)}
        aria-invalid={invalid('email')}
        aria-describedby="prechat-email-error prechat-contact-error"
        onInput={(e) => setEmail(e.currentTarget.value)}
      />
      <FieldError id="prechat-email-error" text={errors.email} />
      <FieldError id="prechat-contact-error" text={errors.contact} />
      {topics.length > 0 && (
        <>
          <label for="prechat-topic">{t.topic}</label>
          <select
            id="prechat-topic"
            name="topic"
            value={topic}
            onChange={(e) => setTopic(e.currentTarget.value)}
          >
            <option value="">{t.topicNone}</option>
            {topics.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </>
      )}
      <label for="prechat-serial">{t.serial}</label>
      <input
        id="prechat-serial"
        name="serial"
        dir="ltr"
        autocomplete="off"
        value={serial}
        aria-describedby="prechat-serial-status"
        onInput={(e) => setSerial(e.currentTarget.value)}
      />
      <div id="prechat-serial-status" class="serial-status" aria-live="polite">
        {serialResult === 'checking' ? (
          <span class="hint">{t.serialChecking}</span>
        ) : (
          serialResult && <SerialStatus result={serialResult} locale={locale} />
        )}
      </div>
      {formError && (
        <p class="form-error" role="alert">
          {formError}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy}>
        {t.startChat}
      </button>
    </form>
  );
}

export function FieldError({ id, text }: { id: string; text?: string | undefined }) {
  return (
    <span id={id} class="field-error" role={text ? 'alert' : undefined}>
      {text ?? ''}
    </span>
  );
}

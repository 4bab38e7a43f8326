import { useState } from 'preact/hooks';
import { ApiError, lookup, type OwnerView, type UnitStatus } from './api';
import type { T } from './app';
import { errorText, formatDay, type Locale } from './i18n';
import { OwnerPanel } from './OwnerPanel';

const toLatinDigits = (s: string) =>
  s
    .replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)))
    .replace(/[٠-٩]/g, (d) => String('٠١٢٣٤٥٦٧٨٩'.indexOf(d)));

export function LookupPage({ locale, t }: { locale: Locale; t: T }) {
  const [serial, setSerial] = useState('');
  const [digits, setDigits] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<UnitStatus | OwnerView | null>(null);

  async function check(e?: Event) {
    e?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      setResult(
        await lookup(toLatinDigits(serial).trim(), toLatinDigits(digits).trim() || undefined),
      );
    } catch (err) {
      setError(err instanceof ApiError ? errorText(locale, err.code, err.message) : t('error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p class="lead">{t('lead')}</p>
      <form class="card" onSubmit={check} aria-label={t('serial')}>
        <label>
          {t('serial')}
          <input
            name="serial"
            value={serial}
            onInput={(e) => setSerial(e.currentTarget.value)}
            autocomplete="off"
            autocapitalize="characters"
            dir="ltr"
            required
            maxLength={40}
          />
          <small>{t('serialHint')}</small>
        </label>
        <label>
          {t('phoneLast4')}
          <input
            name="phoneLast4"
            value={digits}
            onInput={(e) => setDigits(e.currentTarget.value)}
            inputMode="numeric"
            autocomplete="off"
            dir="ltr"
            maxLength={4}
            pattern="[0-9۰-۹٠-٩]{4}"
          />
          <small>{t('phoneHint')}</small>
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('checking') : t('check')}
        </button>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </form>
      {result && <UnitCard status={result} locale={locale} t={t} />}
      {result?.verified && (
        <OwnerPanel view={result as OwnerView} locale={locale} t={t} onFiled={() => void check()} />
      )}
    </>
  );
}

function UnitCard({ status, locale, t }: { status: UnitStatus; locale: Locale; t: T }) {
  const { coverage } = status;
  return (
    <section class="card" aria-live="polite" data-testid="unit-status">
      <h2>{status.product.name[locale]}</h2>
      <dl>
        <dt>{t('serial')}</dt>
        <dd dir="ltr">{status.serial}</dd>
        <dt>{t('coverage')}</dt>
        <dd>
          <span class={`badge ${coverage.state}`}>{t(`state.${coverage.state}`)}</span>
        </dd>
        {coverage.guaranteeEndsOn && (
          <>
            <dt>{t('guaranteeEnds')}</dt>
            <dd>{formatDay(locale, coverage.guaranteeEndsOn)}</dd>
          </>
        )}
        <dt>{t('warrantyEnds')}</dt>
        <dd>{formatDay(locale, coverage.warrantyEndsOn)}</dd>
      </dl>
      {!status.verified && <p class="hint">{t('needDigits')}</p>}
    </section>
  );
}

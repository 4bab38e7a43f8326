import { useEffect, useState } from 'preact/hooks';
import { initialLocale, translate, type Key, type Locale } from './i18n';
import { LookupPage } from './LookupPage';
import { SurveyPage } from './SurveyPage';

export type T = (key: Key, vars?: Record<string, string>) => string;

const surveyToken = (): string | null => {
  const match = /^\/support\/survey\/([^/]+)\/?$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]!) : null;
};

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const t: T = (key, vars) => translate(locale, key, vars);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = locale === 'fa' ? 'rtl' : 'ltr';
    document.title = t('title');
  }, [locale]);
  const token = surveyToken();
  return (
    <main class="portal">
      <header class="portal-header">
        <h1>{token ? t('survey') : t('title')}</h1>
        <button
          type="button"
          class="link"
          lang={locale === 'fa' ? 'en' : 'fa'}
          onClick={() => setLocale(locale === 'fa' ? 'en' : 'fa')}
        >
          {t('other')}
        </button>
      </header>
      {token ? (
        <SurveyPage token={token} locale={locale} t={t} />
      ) : (
        <LookupPage locale={locale} t={t} />
      )}
    </main>
  );
}

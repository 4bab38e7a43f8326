import type { SerialCheckResult } from '@cc/shared';
import { useState } from 'preact/hooks';
import type { WidgetLocale } from '../../protocol';
import { request, type VisitorSocket } from '../connection';
import { FRAME_TEXT, toLatinDigits } from '../i18n';
import { errorText } from './errors';
import { SerialStatus } from './SerialStatus';

interface Article {
  slug: string;
  title: string;
  snippet: string;
}

/** Serial number status and the public help articles, without waiting for an expert. */
export function SelfService({ locale, socket }: { locale: WidgetLocale; socket: VisitorSocket }) {
  const t = FRAME_TEXT[locale];
  const [serial, setSerial] = useState('');
  const [result, setResult] = useState<SerialCheckResult | null>(null);
  const [query, setQuery] = useState('');
  const [articles, setArticles] = useState<Article[] | null>(null);
  const [error, setError] = useState('');

  async function lookUp(event: Event) {
    event.preventDefault();
    const value = toLatinDigits(serial).trim();
    if (!value) return;
    try {
      setResult(await request(socket, 'serial:check', { serial: value }));
      setError('');
    } catch (err) {
      setError(errorText(err, locale));
    }
  }

  async function search(event: Event) {
    event.preventDefault();
    const q = query.trim();
    if (!q) return;
    try {
      const params = new URLSearchParams({ q, locale, limit: '10' });
      const res = await fetch(`/api/public/knowledge/search?${params}`);
      if (!res.ok) throw new Error(String(res.status));
      setArticles(((await res.json()) as { items: Article[] }).items);
      setError('');
    } catch (err) {
      setError(errorText(err, locale));
    }
  }

  return (
    <section class="self-service">
      <form class="form" onSubmit={lookUp}>
        <label for="lookup-serial">{t.serialLookup}</label>
        <div class="inline">
          <input
            id="lookup-serial"
            dir="ltr"
            autocomplete="off"
            value={serial}
            onInput={(e) => setSerial(e.currentTarget.value)}
          />
          <button class="secondary" type="submit">
            {t.serialLookupButton}
          </button>
        </div>
        <div aria-live="polite">{result && <SerialStatus result={result} locale={locale} />}</div>
      </form>
      <form class="form" role="search" onSubmit={search}>
        <label for="knowledge-query">{t.knowledge}</label>
        <div class="inline">
          <input
            id="knowledge-query"
            type="search"
            dir="auto"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          <button class="secondary" type="submit">
            {t.knowledgeButton}
          </button>
        </div>
      </form>
      {articles && (
        <ul class="articles" aria-live="polite">
          {articles.length === 0 && <li class="hint">{t.knowledgeNone}</li>}
          {articles.map((a) => (
            <li key={a.slug}>
              <strong dir="auto">{a.title}</strong>
              <p dir="auto">{a.snippet}</p>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

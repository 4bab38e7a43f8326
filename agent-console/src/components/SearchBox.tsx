import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/context';

/** Contact name, phone, email, ticket number or serial; Enter searches. */
export function SearchBox({ onSearch }: { onSearch: (query: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  return (
    <form
      class="search-box"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) onSearch(text.trim());
      }}
    >
      <label for="console-search" class="sr-only">
        {t('search.label')}
      </label>
      <input
        id="console-search"
        type="search"
        value={text}
        maxLength={100}
        placeholder={t('search.placeholder')}
        onInput={(e) => setText(e.currentTarget.value)}
      />
    </form>
  );
}

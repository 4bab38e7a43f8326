import { useI18n } from '../i18n/context';
import type { CannedResponse } from '../state/canned';

interface CannedListProps {
  responses: CannedResponse[];
  highlight: number;
  onPick: (response: CannedResponse) => void;
}

/** The "/shortcut" suggestions over the text box; the box keeps focus (aria-activedescendant). */
export function CannedList({ responses, highlight, onPick }: CannedListProps) {
  const { t } = useI18n();
  return (
    <ul
      id="canned-list"
      class="mention-list canned-list"
      role="listbox"
      aria-label={t('canned.list')}
    >
      {responses.map((response, index) => (
        <li
          key={response.id}
          id={`canned-${response.id}`}
          role="option"
          aria-selected={index === highlight}
          data-shortcut={response.shortcut}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(response);
          }}
        >
          <span class="canned-shortcut">/{response.shortcut}</span>{' '}
          <bdi class="canned-title">{response.title}</bdi>
          {response.scope === 'personal' && (
            <span class="canned-scope"> · {t('canned.personal')}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

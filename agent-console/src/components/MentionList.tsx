import { useI18n } from '../i18n/context';
import type { Mentionable } from '../state/mentions';

interface MentionListProps {
  users: Mentionable[];
  highlight: number;
  onPick: (user: Mentionable) => void;
}

/** The @mention suggestions under the note box; the text box keeps focus (aria-activedescendant). */
export function MentionList({ users, highlight, onPick }: MentionListProps) {
  const { t } = useI18n();
  return (
    <ul
      id="mention-list"
      class="mention-list"
      role="listbox"
      aria-label={t('composer.mentionList')}
    >
      {users.map((user, index) => (
        <li
          key={user.id}
          id={`mention-${user.id}`}
          role="option"
          aria-selected={index === highlight}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(user);
          }}
        >
          @{user.displayName}
        </li>
      ))}
    </ul>
  );
}

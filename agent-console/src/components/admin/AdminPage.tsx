import { useI18n } from '../../i18n/context';
import { ADMIN_SECTIONS, formatRoute, type AdminSection } from '../../state/route';
import { ExpertsAdmin } from './ExpertsAdmin';
import { GroupsAdmin } from './GroupsAdmin';
import { MailboxesAdmin } from './MailboxesAdmin';
import { RulesAdmin } from './RulesAdmin';

/** Admins only: the nav link is shown to admins, and the server refuses the writes to others. */
export function AdminPage({ section }: { section: AdminSection }) {
  const { t } = useI18n();
  return (
    <div class="board admin">
      <nav class="admin-tabs" aria-label={t('admin.title')}>
        {ADMIN_SECTIONS.map((s) => (
          <a
            key={s}
            href={formatRoute({ screen: 'admin', section: s })}
            aria-current={s === section ? 'page' : undefined}
            class="tab"
          >
            {t(`admin.section.${s}`)}
          </a>
        ))}
      </nav>
      {section === 'experts' && <ExpertsAdmin />}
      {section === 'groups' && <GroupsAdmin />}
      {section === 'rules' && <RulesAdmin />}
      {section === 'mailboxes' && <MailboxesAdmin />}
    </div>
  );
}

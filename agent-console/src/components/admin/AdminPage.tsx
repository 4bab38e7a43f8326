import { useI18n } from '../../i18n/context';
import { useSession } from '../../session';
import { adminSectionsFor, formatRoute, type AdminSection } from '../../state/route';
import { CannedAdmin } from './CannedAdmin';
import { ChannelsAdmin } from './ChannelsAdmin';
import { CompetitorsAdmin } from './CompetitorsAdmin';
import { DealersAdmin } from './DealersAdmin';
import { ExpertsAdmin } from './ExpertsAdmin';
import { FeedbackAdmin } from './FeedbackAdmin';
import { GroupsAdmin } from './GroupsAdmin';
import { KnowledgeAdmin } from './KnowledgeAdmin';
import { MailboxesAdmin } from './MailboxesAdmin';
import { RulesAdmin } from './RulesAdmin';
import { ShipmentsAdmin } from './ShipmentsAdmin';
import { SurveysAdmin } from './SurveysAdmin';
import { UnitImportAdmin } from './UnitImportAdmin';
import { WidgetKeysAdmin } from './WidgetKeysAdmin';

/** Admins see every section, supervisors also the dealers, the unit import, the surveys, the competitors, the shipments, the knowledge archive and the feedback list, experts their canned responses; the server checks every call. */
export function AdminPage({ section }: { section: AdminSection }) {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <div class="board admin">
      <nav class="admin-tabs" aria-label={t('admin.title')}>
        {adminSectionsFor(user.roles).map((s) => (
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
      {section === 'canned' && <CannedAdmin />}
      {section === 'widget-keys' && <WidgetKeysAdmin />}
      {section === 'channels' && <ChannelsAdmin />}
      {section === 'mailboxes' && <MailboxesAdmin />}
      {section === 'dealers' && <DealersAdmin />}
      {section === 'import' && <UnitImportAdmin />}
      {section === 'surveys' && <SurveysAdmin />}
      {section === 'competitors' && <CompetitorsAdmin />}
      {section === 'shipments' && <ShipmentsAdmin />}
      {section === 'knowledge' && <KnowledgeAdmin />}
      {section === 'feedback' && <FeedbackAdmin />}
    </div>
  );
}

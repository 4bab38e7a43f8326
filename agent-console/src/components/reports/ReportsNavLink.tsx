import { useI18n } from '../../i18n/context';
import { formatRoute } from '../../state/route';

/** The navigation entry of the reports page (shown to supervisors and admins). */
export function ReportsNavLink({ current }: { current: boolean }) {
  const { t } = useI18n();
  return (
    <li>
      <a href={formatRoute({ screen: 'reports' })} aria-current={current ? 'page' : undefined}>
        {t('reports.title')}
      </a>
    </li>
  );
}

import type { UnitImportReport } from '@cc/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from '../../api/error-message';
import { IMPORT_EXAMPLE, getUnitImport, startUnitImport } from '../../api/unit-import';
import { useI18n } from '../../i18n/context';
import { formatNumber } from '../../i18n/format';
import { label } from '../../i18n/labels';
import { useSession } from '../../session';
import { AdminTable, FormFooter } from './AdminParts';

const POLL_MS = 1000;

/**
 * Units by the thousand from a CSV file: good rows are imported, bad ones listed with their line
 * and reason; the same file again changes nothing. A large file runs on, with its progress.
 */
export function UnitImportAdmin() {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<UnitImportReport | null>(null);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const poll = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(poll.current), []);

  function follow(current: UnitImportReport) {
    setReport(current);
    if (current.status !== 'running') return setBusy(false);
    poll.current = setTimeout(() => {
      getUnitImport(current.id).then(follow, (failure: unknown) => {
        setBusy(false);
        setError(describeError(failure, t));
      });
    }, POLL_MS);
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!file) return setError(t('import.error.file'));
    setBusy(true);
    setError(undefined);
    setReport(null);
    try {
      follow(await startUnitImport(csrf, file));
    } catch (failure) {
      setBusy(false);
      setError(describeError(failure, t));
    }
  }

  return (
    <section class="admin-section" aria-labelledby="admin-import-title">
      <h2 id="admin-import-title">{t('import.title')}</h2>
      <form class="admin-form" onSubmit={submit} noValidate aria-labelledby="admin-import-title">
        <p class="hint">{t('import.hint')}</p>
        <pre dir="ltr" class="import-columns">
          {IMPORT_EXAMPLE}
        </pre>
        <label for="import-file">{t('import.file')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
        <FormFooter error={error} busy={busy} submitLabel={t('import.start')} />
      </form>
      {report && (
        <div class="import-report" data-status={report.status} aria-live="polite">
          <label for="import-progress">
            {t(`import.status.${report.status}`, {
              processed: report.processed,
              total: report.total,
            })}
          </label>
          <progress id="import-progress" max={report.total || 1} value={report.processed} />
          <p class="import-counts">
            {t('import.counts', {
              created: report.created,
              unchanged: report.unchanged,
              conflicts: report.conflicts,
              invalid: report.invalid,
            })}
          </p>
          {report.problems.length > 0 && (
            <AdminTable columns={['import.line', 'import.serial', 'import.reason']}>
              {report.problems.map((p) => (
                <tr key={`${p.line}-${p.code}`} data-line={p.line}>
                  <td>{formatNumber(p.line, locale)}</td>
                  <td dir="ltr">{p.serial ?? '—'}</td>
                  <td>{label(t, 'import.problem', p.code, p.reason)}</td>
                  <td />
                </tr>
              ))}
            </AdminTable>
          )}
          {report.problemsTruncated > 0 && (
            <p class="hint">{t('import.truncated', { count: report.problemsTruncated })}</p>
          )}
        </div>
      )}
    </section>
  );
}

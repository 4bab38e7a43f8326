import type { ComponentChildren } from 'preact';
import { useI18n } from '../../i18n/context';

/** A titled table with its CSV download (the server builds the file from the same numbers). */
export function ReportTable({
  title,
  href,
  head,
  rows,
}: {
  title: string;
  href: string;
  head: string[];
  rows: ComponentChildren[][];
}) {
  const { t } = useI18n();
  return (
    <section class="report-table">
      <header>
        <h3>{title}</h3>
        <a class="button secondary" href={href} download>
          {t('reports.csv')}
        </a>
      </header>
      {rows.length === 0 ? (
        <p class="empty">{t('reports.none')}</p>
      ) : (
        <div class="report-table-scroll">
          <table>
            <thead>
              <tr>
                {head.map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((cells, i) => (
                <tr key={i}>
                  {cells.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

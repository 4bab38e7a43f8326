import { useEffect, useMemo, useState } from 'preact/hooks';
import { TICKET_TYPES } from '@cc/shared';
import { useDirectory } from '../../directory';
import { useI18n } from '../../i18n/context';
import type { MessageKey } from '../../i18n/dictionaries';
import {
  formatDateTime,
  formatDay,
  formatDuration,
  formatNumber,
  intlLocale,
} from '../../i18n/format';
import { csvHref, fetchReport, PERIODS, type Report, type ReportFilters } from './api';
import { ReportChart } from './ReportChart';
import { ReportTable } from './ReportTable';
import './reports.css';

const CHANNELS = ['webchat', 'sms', 'email', 'voice', 'portal', 'console'] as const;
/** The Iranian week starts on Saturday (0 = Sunday in the report's heat map). */
const WEEK_ORDER = [6, 0, 1, 2, 3, 4, 5];

type State = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; report: Report };

/** Supervisors and admins: every section of GET /api/reports, charts and CSV per table. */
export function ReportsPage() {
  const { t, locale } = useI18n();
  const directory = useDirectory();
  const [draft, setDraft] = useState<ReportFilters>({ period: '7d' });
  const [filters, setFilters] = useState<ReportFilters>({ period: '7d' });
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    fetchReport(filters).then(
      (report) => current && setState({ status: 'ready', report }),
      () => current && setState({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [filters]);

  const set = (key: keyof ReportFilters) => (event: Event) => {
    const value = (event.currentTarget as HTMLInputElement | HTMLSelectElement).value;
    setDraft((d) => ({ ...d, [key]: value || undefined }));
  };
  const num = (n: number) => formatNumber(n, locale);
  const dur = (s: number | null) => (s === null ? '–' : formatDuration(s, locale));
  const key = (k: string) => t(k as MessageKey);

  return (
    <div class="board reports" dir={locale === 'fa' ? 'rtl' : 'ltr'}>
      <h2>{t('reports.title')}</h2>
      <form
        class="report-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <label>
          {t('reports.period')}
          <select value={draft.period} onChange={set('period')} name="period">
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {key(`reports.period.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {draft.period === 'custom' && (
          <>
            <label>
              {t('reports.from')}
              <input
                type="date"
                name="from"
                value={draft.from ?? ''}
                onChange={set('from')}
                required
              />
            </label>
            <label>
              {t('reports.to')}
              <input type="date" name="to" value={draft.to ?? ''} onChange={set('to')} required />
            </label>
          </>
        )}
        <label>
          {t('reports.channel')}
          <select value={draft.channel ?? ''} onChange={set('channel')} name="channel">
            <option value="">{t('reports.all')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {key(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.group')}
          <select value={draft.group ?? ''} onChange={set('group')} name="group">
            <option value="">{t('reports.all')}</option>
            {directory.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name[locale]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.expert')}
          <select value={draft.expert ?? ''} onChange={set('expert')} name="expert">
            <option value="">{t('reports.all')}</option>
            {(directory.users ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.type')}
          <select value={draft.type ?? ''} onChange={set('type')} name="type">
            <option value="">{t('reports.all')}</option>
            {TICKET_TYPES.map((ty) => (
              <option key={ty} value={ty}>
                {key(`type.${ty}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.productModel')}
          <input
            name="productModel"
            value={draft.productModel ?? ''}
            onInput={set('productModel')}
          />
        </label>
        <label>
          {t('reports.province')}
          <input name="province" value={draft.province ?? ''} onInput={set('province')} />
        </label>
        <button type="submit">{t('reports.apply')}</button>
      </form>

      {state.status === 'loading' && <p class="empty">{t('reports.loading')}</p>}
      {state.status === 'failed' && <p class="empty">{t('reports.loadFailed')}</p>}
      {state.status === 'ready' && (
        <ReportBody report={state.report} filters={filters} num={num} dur={dur} label={key} />
      )}
    </div>
  );
}

function ReportBody({
  report: r,
  filters,
  num,
  dur,
  label,
}: {
  report: Report;
  filters: ReportFilters;
  num: (n: number) => string;
  dur: (s: number | null) => string;
  label: (k: string) => string;
}) {
  const { t, locale } = useI18n();
  const directory = useDirectory();
  const csv = (table: string) => csvHref(filters, table);
  const dayLabels = useMemo(() => r.volume.byDay.map((d) => formatDay(d.day, locale)), [r, locale]);
  const volumeSeries = useMemo(
    () => [
      { label: t('reports.contacts'), data: r.volume.byDay.map((d) => d.contacts) },
      { label: t('reports.tickets'), data: r.volume.byDay.map((d) => d.tickets) },
    ],
    [r, t],
  );
  const channelLabels = useMemo(
    () => r.volume.byChannel.map((c) => label(`channel.${c.channel}`)),
    [r, label],
  );
  const channelSeries = useMemo(
    () => [
      { label: t('reports.direction.in'), data: r.volume.byChannel.map((c) => c.inbound) },
      { label: t('reports.direction.out'), data: r.volume.byChannel.map((c) => c.outbound) },
      { label: t('reports.tickets'), data: r.volume.byChannel.map((c) => c.tickets) },
    ],
    [r, t],
  );
  const scoreLabels = useMemo(() => r.satisfaction.distribution.map((d) => num(d.score)), [r, num]);
  const scoreSeries = useMemo(
    () => [{ label: t('reports.count'), data: r.satisfaction.distribution.map((d) => d.count) }],
    [r, t],
  );
  const trendSeries = useMemo(
    () => [{ label: t('reports.average'), data: r.satisfaction.trend.map((d) => d.average ?? 0) }],
    [r, t],
  );
  const paretoLabels = useMemo(
    () => r.afterSales.pareto.map((p) => `${p.productModel || '–'} ${p.faultCode}`),
    [r],
  );
  const paretoSeries = useMemo(
    () => [
      { label: t('reports.count'), data: r.afterSales.pareto.map((p) => p.count) },
      {
        label: t('reports.cumulative'),
        data: r.afterSales.pareto.map((p) => p.cumulativePercent),
        type: 'line' as const,
        axis: 'y2' as const,
      },
    ],
    [r, t],
  );
  const weekday = (i: number) =>
    new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', timeZone: 'UTC' }).format(
      Date.UTC(2023, 0, 1 + i),
    );
  const maxCell = Math.max(1, ...r.volume.heatmap.flat());
  const s = r.speed;
  const slaText = (x: { met: number; breached: number; percent: number | null }) =>
    x.percent === null
      ? '–'
      : t('reports.slaMet', { percent: x.percent, met: x.met, total: x.met + x.breached });
  const speedRow = (name: string, clock: string, x: Report['speed']['firstResponse']['wall']) => [
    name,
    clock,
    num(x.count),
    dur(x.average),
    dur(x.median),
    dur(x.p90),
  ];
  const q = r.queue;
  const pct = (n: number) => `${num(n)}${locale === 'fa' ? '٪' : '%'}`;

  return (
    <>
      <section class="report-section">
        <h3>{t('reports.volume')}</h3>
        <dl class="report-kpis">
          <div>
            <dt>{t('reports.contacts')}</dt>
            <dd>{num(r.volume.contacts)}</dd>
          </div>
          <div>
            <dt>{t('reports.direction.in')}</dt>
            <dd>{num(r.volume.inbound)}</dd>
          </div>
          <div>
            <dt>{t('reports.direction.out')}</dt>
            <dd>{num(r.volume.outbound)}</dd>
          </div>
          <div>
            <dt>{t('reports.tickets')}</dt>
            <dd>{num(r.volume.tickets)}</dd>
          </div>
        </dl>
        <div class="report-charts">
          <ReportChart
            name="volume-by-day"
            title={t('reports.byDay')}
            kind="line"
            labels={dayLabels}
            series={volumeSeries}
          />
          <ReportChart
            name="volume-by-channel"
            title={t('reports.byChannel')}
            kind="bar"
            labels={channelLabels}
            series={channelSeries}
          />
        </div>
        <ReportTable
          title={t('reports.byDay')}
          href={csv('volume-by-day')}
          head={[t('reports.weekday'), t('reports.contacts'), t('reports.tickets')]}
          rows={r.volume.byDay.map((d, i) => [dayLabels[i], num(d.contacts), num(d.tickets)])}
        />
        <ReportTable
          title={t('reports.byChannel')}
          href={csv('volume-by-channel')}
          head={[
            t('reports.channel'),
            t('reports.contacts'),
            t('reports.direction.in'),
            t('reports.direction.out'),
            t('reports.tickets'),
          ]}
          rows={r.volume.byChannel.map((c) => [
            label(`channel.${c.channel}`),
            num(c.contacts),
            num(c.inbound),
            num(c.outbound),
            num(c.tickets),
          ])}
        />
        <section class="report-table">
          <header>
            <h3>{t('reports.heatmap')}</h3>
            <a class="button secondary" href={csv('heatmap')} download>
              {t('reports.csv')}
            </a>
          </header>
          <div class="report-table-scroll">
            <table class="report-heatmap">
              <thead>
                <tr>
                  <th>{t('reports.weekday')}</th>
                  {Array.from({ length: 24 }, (_, h) => (
                    <th key={h}>{num(h)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {WEEK_ORDER.map((d) => (
                  <tr key={d}>
                    <th>{weekday(d)}</th>
                    {r.volume.heatmap[d]!.map((n, h) => (
                      <td key={h} style={{ '--heat': String(n / maxCell) }} title={num(n)}>
                        {n ? num(n) : ''}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </section>

      <section class="report-section">
        <h3>{t('reports.speed')}</h3>
        <dl class="report-kpis">
          <div>
            <dt>
              {t('reports.sla')} – {t('reports.firstResponse')}
            </dt>
            <dd>{slaText(s.sla.firstResponse)}</dd>
          </div>
          <div>
            <dt>
              {t('reports.sla')} – {t('reports.resolution')}
            </dt>
            <dd>{slaText(s.sla.resolution)}</dd>
          </div>
        </dl>
        <ReportTable
          title={t('reports.speed')}
          href={csv('speed')}
          head={[
            t('reports.measure'),
            '',
            t('reports.count'),
            t('reports.average'),
            t('reports.median'),
            t('reports.p90'),
          ]}
          rows={[
            speedRow(t('reports.firstResponse'), t('reports.wallClock'), s.firstResponse.wall),
            speedRow(
              t('reports.firstResponse'),
              t('reports.businessHours'),
              s.firstResponse.business,
            ),
            speedRow(t('reports.resolution'), t('reports.wallClock'), s.resolution.wall),
            speedRow(t('reports.resolution'), t('reports.businessHours'), s.resolution.business),
          ]}
        />
        <ReportTable
          title={t('reports.breaches')}
          href={csv('breaches')}
          head={[
            t('reports.ticket'),
            t('reports.measure'),
            t('reports.due'),
            t('reports.done'),
            t('reports.expert'),
          ]}
          rows={s.breaches.map((b) => [
            <a href={`#/inbox/all/${b.ticket}`}>{`T-${b.number}`}</a>,
            label(`reports.breach.${b.kind}`),
            formatDateTime(new Date(b.dueAt), locale),
            b.doneAt ? formatDateTime(new Date(b.doneAt), locale) : '–',
            directory.userName(b.expert || null) ?? '–',
          ])}
        />
      </section>

      <section class="report-section">
        <ReportTable
          title={t('reports.queue')}
          href={csv('queue')}
          head={[t('reports.measure'), t('reports.value')]}
          rows={[
            [t('reports.averageWait'), dur(q.averageWaitSec)],
            [t('reports.longestWait'), dur(q.longestWaitSec)],
            [t('reports.abandonedChats'), num(q.abandonedChats)],
            [t('reports.missedCalls'), num(q.missedCalls)],
            [t('reports.callbacksFirst'), num(q.callbacks.firstAttempt)],
            [t('reports.callbacksLater'), num(q.callbacks.later)],
            [t('reports.callbacksNever'), num(q.callbacks.never)],
            [t('reports.callbacksPending'), num(q.callbacks.pending)],
          ]}
        />
        <ReportTable
          title={t('reports.experts')}
          href={csv('experts')}
          head={[
            t('reports.expert'),
            t('reports.handled'),
            t('reports.contacts'),
            t('reports.aht'),
            t('reports.frt'),
            t('reports.csat'),
            t('reports.online'),
          ]}
          rows={r.experts.map((e) => [
            e.name,
            num(e.handled),
            num(e.contacts),
            dur(e.averageHandlingSec),
            dur(e.firstResponseAverageSec),
            e.csatAverage === null ? '–' : num(e.csatAverage),
            dur(e.onlineSec),
          ])}
        />
      </section>

      <section class="report-section">
        <h3>{t('reports.satisfaction')}</h3>
        <p>
          {r.satisfaction.average === null
            ? t('reports.none')
            : t('reports.csatAverage', {
                average: r.satisfaction.average,
                count: r.satisfaction.count,
              })}
        </p>
        <div class="report-charts">
          <ReportChart
            name="satisfaction-distribution"
            title={t('reports.distribution')}
            kind="bar"
            labels={scoreLabels}
            series={scoreSeries}
          />
          <ReportChart
            name="satisfaction-trend"
            title={t('reports.trend')}
            kind="line"
            labels={dayLabels}
            series={trendSeries}
          />
        </div>
        <ReportTable
          title={t('reports.distribution')}
          href={csv('satisfaction-distribution')}
          head={[t('reports.score'), t('reports.count')]}
          rows={r.satisfaction.distribution.map((d) => [num(d.score), num(d.count)])}
        />
        <ReportTable
          title={t('reports.comments')}
          href={csv('comments')}
          head={[t('reports.ticket'), t('reports.score'), t('reports.comment')]}
          rows={r.satisfaction.comments.map((c) => [`T-${c.number}`, num(c.score), c.comment])}
        />
        <ComplaintChecks report={r} csv={csv} num={num} pct={pct} />
        <ReportTable
          title={t('reports.campaigns')}
          href={csv('campaigns')}
          head={[
            t('reports.campaign'),
            t('reports.sent'),
            t('reports.answered'),
            t('reports.responseRate'),
            t('reports.ratingAverage'),
            t('reports.nps'),
          ]}
          rows={r.satisfaction.campaigns.map((c) => [
            c.name,
            num(c.sent),
            num(c.answered),
            maybe(c.responseRate, pct),
            maybe(c.ratingAverage, num),
            maybe(c.nps, num),
          ])}
        />
      </section>

      <section class="report-section">
        <h3>{t('reports.afterSales')}</h3>
        <ReportTable
          title={t('reports.claims')}
          href={csv('claims')}
          head={[t('reports.status'), t('reports.count')]}
          rows={r.afterSales.claimsByStatus.map((c) => [label(`status.${c.status}`), num(c.count)])}
        />
        <ClaimSections report={r} csv={csv} num={num} dur={dur} label={label} />
        {r.afterSales.pareto.length > 0 && (
          <ReportChart
            name="pareto"
            title={t('reports.pareto')}
            kind="bar"
            labels={paretoLabels}
            series={paretoSeries}
          />
        )}
        <ReportTable
          title={t('reports.pareto')}
          href={csv('pareto')}
          head={[
            t('reports.productModel'),
            t('reports.faultCode'),
            t('reports.count'),
            t('reports.share'),
            t('reports.cumulative'),
          ]}
          rows={r.afterSales.pareto.map((p) => [
            directory.productName(p.productModel) ?? (p.productModel || '–'),
            p.description ? `${p.faultCode} – ${p.description[locale]}` : p.faultCode,
            num(p.count),
            pct(p.percent),
            pct(p.cumulativePercent),
          ])}
        />
      </section>
    </>
  );
}

const maybe = (n: number | null, format: (n: number) => string) => (n === null ? '–' : format(n));

type Format = (n: number) => string;

function ComplaintChecks({
  report: r,
  csv,
  num,
  pct,
}: {
  report: Report;
  csv: (table: string) => string;
  num: Format;
  pct: Format;
}) {
  const { t } = useI18n();
  const c = r.satisfaction.complaintChecks;
  return (
    <>
      <h3>{t('reports.complaintChecks')}</h3>
      <p>
        {t('reports.complaintSummary', {
          sent: num(c.sent),
          answered: num(c.answered),
          rate: maybe(c.responseRate, pct),
          resolved: maybe(c.resolvedPercent, pct),
          average: maybe(c.average, num),
        })}
      </p>
      <ReportTable
        title={t('reports.complaintChecks')}
        href={csv('complaint-checks')}
        head={[t('reports.answer'), t('reports.count')]}
        rows={(['yes', 'partly', 'no'] as const).map((k) => [
          t(`reports.resolved.${k}`),
          num(c.resolved[k]),
        ])}
      />
      <ReportTable
        title={t('reports.complaintComments')}
        href={csv('complaint-comments')}
        head={[t('reports.score'), t('reports.comment')]}
        rows={c.comments.map((x) => [maybe(x.score, num), x.comment])}
      />
    </>
  );
}

function ClaimSections({
  report: r,
  csv,
  num,
  dur,
  label,
}: {
  report: Report;
  csv: (table: string) => string;
  num: Format;
  dur: (s: number | null) => string;
  label: (k: string) => string;
}) {
  const { t } = useI18n();
  const { claims, factory, serviceRequests, inspections } = r.afterSales;
  const outcome = (o: string) =>
    o === 'pending' ? t('reports.outcome.pending') : label(`claim.step.${o}`);
  return (
    <>
      <p>
        {t('reports.timeToClose', {
          average: dur(claims.timeToClose.average),
          median: dur(claims.timeToClose.median),
          p90: dur(claims.timeToClose.p90),
          count: num(claims.timeToClose.count),
          opened: num(claims.opened),
        })}
      </p>
      <ReportTable
        title={t('reports.claimSteps')}
        href={csv('claim-steps')}
        head={[t('reports.step'), t('reports.count')]}
        rows={claims.byStep.map((c) => [label(`claim.step.${c.step}`), num(c.count)])}
      />
      <ReportTable
        title={t('reports.claimOutcomes')}
        href={csv('claim-outcomes')}
        head={[t('reports.outcome'), t('reports.count')]}
        rows={claims.byOutcome.map((c) => [outcome(c.outcome), num(c.count)])}
      />
      <p>{t('reports.turnaround', { average: dur(factory.turnaround.average) })}</p>
      <ReportTable
        title={t('reports.factory')}
        href={csv('factory')}
        head={[
          t('reports.productModel'),
          t('reports.sent'),
          t('reports.returned'),
          t('reports.repaired'),
          t('reports.replaced'),
          t('reports.atFactory'),
        ]}
        rows={factory.byModel.map((m) => [
          m.productModel || '–',
          num(m.sent),
          num(m.returned),
          num(m.repaired),
          num(m.replaced),
          num(m.atFactory),
        ])}
      />
      <ReportTable
        title={t('reports.serviceRequests')}
        href={csv('service-requests')}
        head={[t('reports.status'), t('reports.count')]}
        rows={serviceRequests.byStatus.map((c) => [label(`status.${c.status}`), num(c.count)])}
      />
      <p>
        {inspections.averageScore === null
          ? t('reports.none')
          : t('reports.inspectionAverage', {
              average: num(inspections.averageScore),
              count: num(inspections.count),
            })}
      </p>
      <ReportTable
        title={t('reports.inspections')}
        href={csv('inspections')}
        head={[
          t('reports.dealer'),
          t('reports.province'),
          t('reports.inspectionCount'),
          t('reports.average'),
          t('reports.lastScore'),
        ]}
        rows={inspections.byDealer.map((d) => [
          `${d.code} – ${d.name}`,
          d.province,
          num(d.inspections),
          maybe(d.averageScore, num),
          maybe(d.lastScore, num),
        ])}
      />
    </>
  );
}

import { useEffect, useState } from 'preact/hooks';
import {
  addTechnician,
  getDealerRecord,
  planInspection,
  recordInspection,
  updateTechnician,
  type DealerRecord,
  type Inspection,
} from '../../api/dealers';
import { describeError } from '../../api/error-message';
import { useI18n } from '../../i18n/context';
import { formatDate } from '../../i18n/format';
import { useNotices } from '../../notices';
import { useSession } from '../../session';
import { DateField, Field } from './AdminParts';

const today = () => new Date().toISOString().slice(0, 10);

/** One dealer's record: score trend, technicians (add, switch off), inspections (plan, record). */
export function DealerRecordPanel({ dealerId }: { dealerId: string }) {
  const { locale, t } = useI18n();
  const { csrf } = useSession();
  const notices = useNotices();
  const [record, setRecord] = useState<DealerRecord | null>(null);
  const [loadError, setLoadError] = useState<unknown>();
  const [technician, setTechnician] = useState({ name: '', phone: '' });
  const [plannedAt, setPlannedAt] = useState('');
  const [error, setError] = useState<string>();

  const load = () =>
    getDealerRecord(dealerId).then(setRecord, (failure: unknown) => setLoadError(failure));
  useEffect(() => void load(), [dealerId]);

  /** A change to the record, then the record again; a refusal is shown in this panel. */
  async function change(action: () => Promise<unknown>, done?: () => void) {
    setError(undefined);
    try {
      await action();
      done?.();
      notices.info('admin.saved');
      await load();
    } catch (failure) {
      setError(describeError(failure, t));
    }
  }

  const day = (iso: string | null) => (iso ? formatDate(new Date(iso), locale) : '—');

  if (loadError !== undefined)
    return (
      <p class="form-error" role="alert">
        {describeError(loadError, t)}
      </p>
    );
  if (!record) return <p class="empty">{t('app.loading')}</p>;
  const trend = record.scoreTrend;

  return (
    <section class="dealer-record" aria-labelledby="dealer-record-title" data-record={record.code}>
      <h3 id="dealer-record-title">
        <bdi>{record.name}</bdi> <span dir="ltr">({record.code})</span>
      </h3>
      <p class="dealer-trend">
        {trend.last === null
          ? t('dealers.noScore')
          : t('dealers.trend', {
              last: trend.last,
              average: trend.average ?? trend.last,
              change: trend.change === null ? '—' : `${trend.change > 0 ? '+' : ''}${trend.change}`,
            })}
      </p>
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>

      <h4>{t('dealers.technicians')}</h4>
      {record.technicians.length === 0 && <p class="empty">{t('dealers.noTechnicians')}</p>}
      <ul class="compact-list">
        {record.technicians.map((tech) => (
          <li key={tech.id} data-technician={tech.name} class={tech.active ? '' : 'inactive'}>
            <bdi>{tech.name}</bdi>
            {tech.phone && (
              <span dir="ltr" class="hint">
                {' '}
                {tech.phone}
              </span>
            )}{' '}
            <span class="hint">
              {t('dealers.certificates', {
                valid: tech.certifications.filter((c) => c.valid).length,
              })}
            </span>{' '}
            <button
              type="button"
              class="secondary"
              onClick={() =>
                void change(() =>
                  updateTechnician(csrf, record.id, tech.id, { active: !tech.active }),
                )
              }
            >
              {tech.active ? t('admin.deactivate') : t('admin.activate')}
            </button>
          </li>
        ))}
      </ul>
      <form
        class="inline-form"
        noValidate
        aria-label={t('dealers.addTechnician')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!technician.name.trim()) return setError(t('dealers.error.technician'));
          void change(
            () =>
              addTechnician(csrf, record.id, {
                name: technician.name.trim(),
                phone: technician.phone.trim() || null,
              }),
            () => setTechnician({ name: '', phone: '' }),
          );
        }}
      >
        <Field
          id="technician-name"
          label={t('dealers.technicianName')}
          dir="auto"
          value={technician.name}
          onValue={(name) => setTechnician({ ...technician, name })}
        />
        <Field
          id="technician-phone"
          label={t('admin.phone')}
          dir="ltr"
          inputMode="numeric"
          value={technician.phone}
          onValue={(phone) => setTechnician({ ...technician, phone })}
        />
        <button type="submit">{t('dealers.addTechnician')}</button>
      </form>

      <h4>{t('dealers.inspections')}</h4>
      {record.inspections.length === 0 && <p class="empty">{t('dealers.noInspections')}</p>}
      <ul class="compact-list">
        {record.inspections.map((v) => (
          <InspectionItem
            key={v.id}
            inspection={v}
            day={day}
            onRecord={(result) => change(() => recordInspection(csrf, record.id, v.id, result))}
          />
        ))}
      </ul>
      <form
        class="inline-form"
        noValidate
        aria-label={t('dealers.plan')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!plannedAt) return setError(t('dealers.error.plannedAt'));
          void change(
            () => planInspection(csrf, record.id, plannedAt),
            () => setPlannedAt(''),
          );
        }}
      >
        <DateField
          id="inspection-planned"
          label={t('dealers.plannedAt')}
          value={plannedAt}
          onValue={(v) => setPlannedAt(v)}
        />
        <button type="submit">{t('dealers.plan')}</button>
      </form>
    </section>
  );
}

function InspectionItem({
  inspection: v,
  day,
  onRecord,
}: {
  inspection: Inspection;
  day: (iso: string | null) => string;
  onRecord: (result: { doneAt: string; score: number; findings: string; actions: string }) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [score, setScore] = useState('');
  const [findings, setFindings] = useState('');
  const [actions, setActions] = useState('');
  const [error, setError] = useState<string>();

  return (
    <li data-inspection={v.plannedAt} data-status={v.status}>
      {t('dealers.inspectionLine', {
        planned: day(v.plannedAt),
        status: t(`dealers.inspection.${v.status}`),
      })}
      {v.score !== null && ` · ${t('dealers.score', { score: v.score })}`}
      {v.findings && (
        <span class="fact-line">
          <bdi>{v.findings}</bdi>
        </span>
      )}
      {v.status === 'planned' && !open && (
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          {t('dealers.recordResult')}
        </button>
      )}
      {open && v.status === 'planned' && (
        <form
          class="inline-form"
          noValidate
          aria-label={t('dealers.recordResult')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^\d{1,3}$/.test(score.trim()) || Number(score) > 100)
              return setError(t('dealers.error.score'));
            onRecord({ doneAt: today(), score: Number(score), findings, actions });
          }}
        >
          <Field
            id={`inspection-score-${v.id}`}
            label={t('dealers.scoreLabel')}
            dir="ltr"
            inputMode="numeric"
            value={score}
            onValue={setScore}
          />
          <label for={`inspection-findings-${v.id}`}>{t('dealers.findings')}</label>
          <textarea
            id={`inspection-findings-${v.id}`}
            rows={2}
            dir="auto"
            value={findings}
            onInput={(e) => setFindings(e.currentTarget.value)}
          />
          <label for={`inspection-actions-${v.id}`}>{t('dealers.actions')}</label>
          <textarea
            id={`inspection-actions-${v.id}`}
            rows={2}
            dir="auto"
            value={actions}
            onInput={(e) => setActions(e.currentTarget.value)}
          />
          <p class="form-error" role="alert">
            {error ?? ''}
          </p>
          <button type="submit">{t('canned.save')}</button>
        </form>
      )}
    </li>
  );
}

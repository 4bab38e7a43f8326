import { useEffect, useState } from 'preact/hooks';
import {
  dealerTechnicians,
  listDealers,
  nearestServiceDealers,
  type NearbyDealer,
  type Technician,
} from '../api/dealers';
import { describeError } from '../api/error-message';
import type { Unit } from '../api/types';
import {
  VISIT_OUTCOMES,
  listUnitVisits,
  planUnitVisits,
  reportVisit,
  type Visit,
  type VisitOutcome,
} from '../api/visits';
import { useI18n } from '../i18n/context';
import { formatDate } from '../i18n/format';
import { useNotices } from '../notices';
import { useSession } from '../session';
import { ChoiceField, TextAreaField } from './admin/AdminParts';

const words = (text: string) =>
  text
    .split(/[,،]+/)
    .map((w) => w.trim())
    .filter(Boolean);

/**
 * A unit's on-site service visits (seed 32, 37): the plan with its technicians, the report of a
 * visit (anyone on staff, from the technician's call), a new periodic plan (supervisors).
 */
export function UnitVisits({
  unit,
  place,
  onReported,
}: {
  unit: Unit;
  place: { province: string; city: string };
  /** A report is also a contact-log entry: the panel reloads it. */
  onReported: () => void;
}) {
  const { locale, t } = useI18n();
  const { isManager } = useSession();
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [planning, setPlanning] = useState(false);

  const load = () =>
    listUnitVisits(unit.id).then(
      (found) => {
        setVisits(found);
        setError(undefined);
      },
      (failure: unknown) => setError(failure),
    );
  useEffect(() => void load(), [unit.id]);

  return (
    <div class="unit-visits" data-unit-visits={unit.serial}>
      <p class="unit-visits-title">{t('visits.title')}</p>
      {error !== undefined && (
        <p class="form-error" role="alert">
          {describeError(error, t)}
        </p>
      )}
      {visits?.length === 0 && <p class="empty">{t('visits.none')}</p>}
      {visits && visits.length > 0 && (
        <ul class="compact-list">
          {visits.map((v) => (
            <VisitItem
              key={v.id}
              visit={v}
              when={formatDate(new Date(v.plannedAt), locale)}
              onReported={() => {
                void load();
                onReported();
              }}
            />
          ))}
        </ul>
      )}
      {isManager && unit.deliveryDate && !planning && (
        <button type="button" class="secondary" onClick={() => setPlanning(true)}>
          {t('visits.plan')}
        </button>
      )}
      {planning && (
        <VisitPlanForm
          unit={unit}
          place={place}
          onDone={() => {
            setPlanning(false);
            void load();
          }}
        />
      )}
    </div>
  );
}

function VisitItem({
  visit: v,
  when,
  onReported,
}: {
  visit: Visit;
  when: string;
  onReported: () => void;
}) {
  const { t } = useI18n();
  const { csrf } = useSession();
  const notices = useNotices();
  const [open, setOpen] = useState(false);
  const [workDone, setWorkDone] = useState('');
  const [parts, setParts] = useState('');
  const [faults, setFaults] = useState('');
  const [outcome, setOutcome] = useState<VisitOutcome>('fixed');
  const [signature, setSignature] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (workDone.trim().length < 3) return setError(t('visits.error.workDone'));
    if (signature.trim().length < 2) return setError(t('visits.error.signature'));
    setBusy(true);
    setError(undefined);
    try {
      await reportVisit(csrf, v.id, {
        workDone: workDone.trim(),
        partsUsed: words(parts),
        faultCodes: words(faults).map((f) => f.toUpperCase()),
        outcome,
        customerSignatureName: signature.trim(),
      });
      notices.info('admin.saved');
      setOpen(false);
      onReported();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  const id = (field: string) => `visit-${field}-${v.id}`;
  return (
    <li data-visit={v.id} data-status={v.status}>
      {when} · {t(`visits.status.${v.status}`)}
      {v.technicianName && (
        <>
          {' · '}
          <bdi>{v.technicianName}</bdi>
        </>
      )}
      {v.report && (
        <span class="fact-line">
          {t(`visits.outcome.${v.report.outcome}`)} · <bdi>{v.report.workDone}</bdi>
        </span>
      )}
      {v.status === 'planned' && !open && (
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          {t('visits.report')}
        </button>
      )}
      {open && v.status === 'planned' && (
        <form class="dialog-form" noValidate onSubmit={submit} aria-label={t('visits.report')}>
          <TextAreaField
            id={id('work')}
            label={t('visits.workDone')}
            value={workDone}
            onValue={(v) => setWorkDone(v)}
          />
          <label for={id('parts')}>{t('visits.parts')}</label>
          <input
            id={id('parts')}
            dir="auto"
            value={parts}
            onInput={(e) => setParts(e.currentTarget.value)}
          />
          <label for={id('faults')}>{t('visits.faultCodes')}</label>
          <input
            id={id('faults')}
            dir="ltr"
            value={faults}
            onInput={(e) => setFaults(e.currentTarget.value)}
          />
          <ChoiceField
            id={id('outcome')}
            label={t('visits.outcome')}
            value={outcome}
            onValue={(v) => setOutcome(v)}
            options={VISIT_OUTCOMES.map((o) => ({ value: o, label: t(`visits.outcome.${o}`) }))}
          />
          <label for={id('signature')}>{t('visits.signature')}</label>
          <input
            id={id('signature')}
            dir="auto"
            value={signature}
            onInput={(e) => setSignature(e.currentTarget.value)}
          />
          <p class="form-error" role="alert">
            {error ?? ''}
          </p>
          <div class="dialog-actions">
            <button type="button" class="secondary" onClick={() => setOpen(false)}>
              {t('canned.cancel')}
            </button>
            <button type="submit" disabled={busy}>
              {t('canned.save')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}

/** A periodic plan: a technician of one of the service dealers nearest the customer. */
function VisitPlanForm({
  unit,
  place,
  onDone,
}: {
  unit: Unit;
  place: { province: string; city: string };
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { csrf } = useSession();
  const notices = useNotices();
  const [dealers, setDealers] = useState<Array<Pick<NearbyDealer, 'id' | 'name' | 'city'>>>([]);
  const [dealer, setDealer] = useState('');
  const [technicians, setTechnicians] = useState<Technician[]>([]);
  const [technician, setTechnician] = useState('');
  const [everyMonths, setEveryMonths] = useState('6');
  const [count, setCount] = useState('4');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // The customer's own area first; without a recorded place, every active service dealer.
    const found =
      place.province.trim() || place.city.trim()
        ? nearestServiceDealers(place, 10)
        : listDealers({ q: '', status: 'active' }).then((all) =>
            all.filter((d) => d.kinds.includes('service')),
          );
    found.then(
      (found) => {
        setDealers(found);
        if (found[0]) setDealer(found[0].id);
      },
      (failure: unknown) => setError(describeError(failure, t)),
    );
  }, []);
  useEffect(() => {
    setTechnicians([]);
    setTechnician('');
    if (!dealer) return;
    dealerTechnicians(dealer).then(
      (found) => {
        const active = found.filter((x) => x.active);
        setTechnicians(active);
        if (active[0]) setTechnician(active[0].id);
      },
      (failure: unknown) => setError(describeError(failure, t)),
    );
  }, [dealer]);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!technician) return setError(t('visits.error.technician'));
    const every = Number(everyMonths);
    const times = Number(count);
    if (!Number.isInteger(every) || every < 1 || every > 24)
      return setError(t('visits.error.every'));
    if (!Number.isInteger(times) || times < 1 || times > 20)
      return setError(t('visits.error.count'));
    setBusy(true);
    setError(undefined);
    try {
      await planUnitVisits(csrf, unit.serial, { everyMonths: every, count: times, technician });
      notices.info('admin.saved');
      onDone();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  }

  const id = (field: string) => `plan-${field}-${unit.id}`;
  return (
    <form class="dialog-form" noValidate onSubmit={submit} aria-label={t('visits.plan')}>
      <label for={id('dealer')}>{t('visits.dealer')}</label>
      <select id={id('dealer')} value={dealer} onChange={(e) => setDealer(e.currentTarget.value)}>
        {dealers.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} ({d.city})
          </option>
        ))}
      </select>
      <label for={id('technician')}>{t('visits.technician')}</label>
      <select
        id={id('technician')}
        value={technician}
        onChange={(e) => setTechnician(e.currentTarget.value)}
      >
        {technicians.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
      <label for={id('every')}>{t('visits.everyMonths')}</label>
      <input
        id={id('every')}
        inputMode="numeric"
        dir="ltr"
        value={everyMonths}
        onInput={(e) => setEveryMonths(e.currentTarget.value)}
      />
      <label for={id('count')}>{t('visits.count')}</label>
      <input
        id={id('count')}
        inputMode="numeric"
        dir="ltr"
        value={count}
        onInput={(e) => setCount(e.currentTarget.value)}
      />
      <p class="form-error" role="alert">
        {error ?? ''}
      </p>
      <div class="dialog-actions">
        <button type="button" class="secondary" onClick={onDone}>
          {t('canned.cancel')}
        </button>
        <button type="submit" disabled={busy}>
          {t('visits.plan')}
        </button>
      </div>
    </form>
  );
}

import type { Unit } from '../api/types';
import { useDirectory } from '../directory';
import { useI18n } from '../i18n/context';
import { formatDay } from '../i18n/format';
import { label } from '../i18n/labels';

/** A serial with its model and guarantee/warranty state and end dates. */
export function UnitSummary({ unit }: { unit: Unit }) {
  const { locale, t } = useI18n();
  const { productName } = useDirectory();
  const { coverage } = unit;
  const endsOn =
    coverage.state === 'gold-guarantee' ? coverage.guaranteeEndsOn : coverage.warrantyEndsOn;
  return (
    <div class="unit">
      <p class="unit-title">
        <span dir="ltr">{unit.serial}</span> ·{' '}
        {unit.productName?.[locale] ?? productName(unit.productCode) ?? unit.productCode}
      </p>
      <p>
        <span class={`badge badge-coverage-${coverage.state}`}>
          {label(t, 'coverage', coverage.state)}
        </span>
        {endsOn && coverage.state !== 'out-of-warranty' && (
          <span class="hint"> {t('unit.until', { date: formatDay(endsOn, locale) })}</span>
        )}
      </p>
      <p class="hint">
        {t('unit.warrantyEnds', { date: formatDay(coverage.warrantyEndsOn, locale) })}
        {coverage.guaranteeEndsOn &&
          ` · ${t('unit.guaranteeEnds', { date: formatDay(coverage.guaranteeEndsOn, locale) })}`}
      </p>
    </div>
  );
}

import type { SerialCheckResult } from '@cc/shared';
import type { WidgetLocale } from '../../protocol';
import { FRAME_TEXT, formatDay } from '../i18n';

/** A serial number's model and guarantee/warranty status, or "not found". */
export function SerialStatus({
  result,
  locale,
}: {
  result: SerialCheckResult;
  locale: WidgetLocale;
}) {
  const t = FRAME_TEXT[locale];
  if (!result.found)
    return (
      <p class="serial-result not-found" data-found="false">
        {t.serialNotFound}
      </p>
    );
  const { coverage } = result;
  return (
    <div class={`serial-result coverage-${coverage.state}`} data-found="true">
      <strong>{result.model.name?.[locale] ?? result.model.code}</strong>{' '}
      <span dir="ltr">{result.serial}</span>
      <div class="coverage-state">{t.coverage[coverage.state]}</div>
      {coverage.guaranteeEndsOn && coverage.state === 'gold-guarantee' && (
        <div>{t.guaranteeUntil(formatDay(coverage.guaranteeEndsOn, locale))}</div>
      )}
      {coverage.state !== 'out-of-warranty' && (
        <div>{t.warrantyUntil(formatDay(coverage.warrantyEndsOn, locale))}</div>
      )}
    </div>
  );
}

import { useI18n } from '../i18n/context';
import { LOCALES } from '../i18n/dictionaries';
import { isLocale } from '../i18n/locale-preference';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <label class="language-switch">
      <span>{t('language.label')}</span>
      <select
        value={locale}
        onChange={(event) => {
          const { value } = event.currentTarget;
          if (isLocale(value)) setLocale(value);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`locale.${option}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE, isAppLocale, type AppLocale } from '../i18n';

/** The current UI locale; re-renders on a language switch. */
export function useLocale(): AppLocale {
  const { i18n } = useTranslation();
  return isAppLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

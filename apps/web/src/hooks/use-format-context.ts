import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormatContext } from '../lib/format-value';
import { useLocale } from './use-locale';
import { useDepartments, useUsers } from './use-lookups';

/** The formatting context for cells: language, yes/no words, user and department names. */
export function useFormatContext(): FormatContext {
  const { t } = useTranslation();
  const locale = useLocale();
  const { userName } = useUsers();
  const { departmentName } = useDepartments();
  return useMemo(
    () => ({
      locale,
      yes: t('value.yes'),
      no: t('value.no'),
      countLabel: (count: number) => t('value.count', { count }),
      rowCountLabel: (count: number) => t('value.rows', { count }),
      userName,
      departmentName,
    }),
    [locale, t, userName, departmentName],
  );
}

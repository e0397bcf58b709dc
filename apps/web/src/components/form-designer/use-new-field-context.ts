import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldType } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import type { NewFieldContext } from '../../lib/form-designer/new-field';
import type { FieldTypeInfo } from '../../lib/form-designer/types';

/** What new fields start with, in the designer's language. */
export function useNewFieldContext(typeInfo: (type: FieldType) => FieldTypeInfo | undefined, otherForms: NewFieldContext['otherForms']): NewFieldContext {
  const { t } = useTranslation();
  const locale = useLocale();
  return useMemo(() => ({
    typeLabel: (type: FieldType) => typeInfo(type)?.label[locale] ?? type,
    optionLabel: (n: number) => t('formDesigner.choices.defaultLabel', { n }),
    tabLabel: (n: number) => t('formDesigner.tabs.defaultLabel', { n }),
    otherForms,
  }), [locale, otherForms, t, typeInfo]);
}

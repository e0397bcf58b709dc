import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { displayText, formatFieldValue } from '../../lib/format-value';

/**
 * A value the server computes (serial number, lookup, rollup, formula, amount in words): shown, never
 * edited. Without one yet, a serial number says it is assigned on save; the others show a dash.
 */
export function DerivedValue({ id, value, field, locale }: { id?: string; value?: unknown; field: FieldDefinition; locale: string }) {
  const { t } = useTranslation();
  const text = displayText(formatFieldValue(field, value, { locale, yes: t('value.yes'), no: t('value.no') }));
  return (
    <div id={id} className="record-form__readonly derived-value" data-testid={`derived-value-${field.key}`}>
      {text || <span className="cell-empty">{field.type === 'serialNumber' ? t('form.serialPending') : '-'}</span>}
    </div>
  );
}

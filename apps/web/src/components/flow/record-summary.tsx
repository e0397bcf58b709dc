import type { FormMeta, RecordItem } from '../../api/types';
import { useFormatContext } from '../../hooks/use-format-context';
import { labelText } from '../../lib/label-text';
import { formatFieldValue } from '../../lib/format-value';
import { CellValue } from '../cell-value';
import './flow.css';

/** The record's fields read-only, label above value: what an approver reads before deciding. */
export function RecordSummary({ form, record }: { form: FormMeta; record: RecordItem }) {
  const formatContext = useFormatContext();
  const locale = formatContext.locale;
  return (
    <dl className={`record-summary record-summary--cols-${form.settings?.columns ?? 1}`} data-testid="record-summary">
      {form.fields.map((field) => {
        if (field.type === 'divider') {
          const title = labelText((field.options?.title as string | Record<string, string> | undefined) ?? field.label, locale);
          return title ? <div key={field.key} className="record-summary__divider">{title}</div> : null;
        }
        if (field.type === 'description' || field.type === 'tabs') return null;
        // Fields hidden from this user are left out of the record by the API.
        if (!(field.key in record.data)) return null;
        return (
          <div key={field.key} className="record-summary__field" data-testid={`summary-${field.key}`}>
            <dt>{labelText(field.label, locale)}</dt>
            <dd><CellValue display={formatFieldValue(field, record.data[field.key], formatContext)} /></dd>
          </div>
        );
      })}
    </dl>
  );
}

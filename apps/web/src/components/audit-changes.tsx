import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { AuditEntry } from '../api/admin-types';
import { formsQueryOptions } from '../hooks/use-app-meta';
import { useFormatContext } from '../hooks/use-format-context';
import { useLocale } from '../hooks/use-locale';
import { auditChanges, plainAuditValue } from '../lib/audit-diff';
import { displayText, formatFieldValue } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import './audit-changes.css';

/** The fields of a form, for labelling the changes of a record's audit entries (cached with the app's forms). */
export function useFormFields(appKey: string | null | undefined, formKey: string | null | undefined): FieldDefinition[] | undefined {
  const query = useQuery({ ...formsQueryOptions(appKey ?? ''), enabled: !!appKey && !!formKey, retry: false });
  return useMemo(() => query.data?.items.find((form) => form.key === formKey)?.fields, [query.data, formKey]);
}

/** Before -> after of each field an audit entry changed, with field labels when the form is known. */
export function AuditChanges({ entry, fields }: { entry: Pick<AuditEntry, 'before' | 'after'>; fields?: readonly FieldDefinition[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatContext = useFormatContext();
  const byKey = useMemo(() => new Map((fields ?? []).map((field) => [field.key, field])), [fields]);
  const changes = useMemo(() => auditChanges(entry, fields?.map((field) => field.key)), [entry, fields]);
  if (changes.length === 0) return <div className="audit-changes__none">{t('audit.noChanges')}</div>;

  const show = (key: string, value: unknown) => {
    const field = byKey.get(key);
    const text = field ? displayText(formatFieldValue(field, value, formatContext)) : plainAuditValue(value);
    return text === '' ? <span className="cell-empty">-</span> : text;
  };
  return (
    <table className="audit-changes" data-testid="audit-changes">
      <thead>
        <tr>
          <th>{t('audit.field')}</th>
          <th>{t('audit.before')}</th>
          <th aria-hidden />
          <th>{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => {
          const field = byKey.get(change.key);
          return (
            <tr key={change.key} data-testid="audit-change">
              <th scope="row" title={change.key}>{field ? labelText(field.label, locale) || change.key : change.key}</th>
              <td className="audit-changes__before">{show(change.key, change.before)}</td>
              <td className="audit-changes__arrow" aria-hidden>→</td>
              <td className="audit-changes__after">{show(change.key, change.after)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

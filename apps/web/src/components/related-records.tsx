import { useMemo, type KeyboardEvent } from 'react';
import { Alert, Button, Empty } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { queryRecords } from '../api/endpoints';
import { isApiError } from '../api/client';
import type { FormMeta, RecordItem, RecordPage } from '../api/types';
import { useFormatContext } from '../hooks/use-format-context';
import { displayText, formatFieldValue, type FormatContext } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { findReferencingFields, prefillSearch, referenceKey, relatedRecordsFilter, relatedRowFields, type ReferencingField } from '../lib/related-records';
import { CellValue } from './cell-value';
import { PageLoading } from './page-state';
import './related-records.css';

const LIMIT = 20;

const recordPath = (appKey: string, formKey: string, id: string) =>
  `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}/records/${encodeURIComponent(id)}`;
/** A new record of the referencing form, its relation field already pointing at the open record. */
const newRecordPath = (appKey: string, formKey: string, fieldKey: string, recordId: string) =>
  `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}/records/new${prefillSearch(fieldKey, recordId)}`;

/** A form the user may not read answers 403 or 404: it is left out, not shown as an error. */
const isUnreadable = (error: unknown) => isApiError(error) && (error.status === 403 || error.status === 404);

type Props = { appKey: string; formKey: string; recordId: string; forms: readonly FormMeta[] };

/** The records of other forms that point at this one through a relation field, grouped by (form, field). */
export function RelatedRecords({ appKey, formKey, recordId, forms }: Props) {
  const { t } = useTranslation();
  const references = useMemo(() => findReferencingFields(forms, formKey), [forms, formKey]);
  const results = useQueries({
    queries: references.map((reference) => ({
      queryKey: ['related-records', appKey, referenceKey(reference), recordId],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        queryRecords(appKey, reference.form.key, { filter: relatedRecordsFilter(reference, recordId), limit: LIMIT }, signal),
      retry: false,
      staleTime: 0,
    })),
  });

  if (results.some((result) => result.isLoading)) return <PageLoading />;
  const groups = references
    .map((reference, index) => ({ reference, result: results[index] }))
    .filter(({ result }) => !isUnreadable(result.error));
  if (groups.length === 0) return <Empty description={t('related.empty')} data-testid="related-empty" />;
  const nothingLinks = groups.every(({ result }) => result.data?.total === 0);

  return (
    <div className="related-records" data-testid="related-records">
      {nothingLinks && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('related.empty')} data-testid="related-empty" />}
      {groups.map(({ reference, result }) => (
        <RelatedGroup
          key={referenceKey(reference)}
          appKey={appKey}
          recordId={recordId}
          reference={reference}
          showField={references.filter((other) => other.form.key === reference.form.key).length > 1}
          page={result.data}
          error={result.error}
          onRetry={() => void result.refetch()}
        />
      ))}
    </div>
  );
}

type GroupProps = {
  appKey: string;
  /** The open record: a new record made here links to it. */
  recordId: string;
  reference: ReferencingField<FormMeta>;
  /** The form points here through more than one field: the field names the group too. */
  showField: boolean;
  page: RecordPage | undefined;
  error: unknown;
  onRetry: () => void;
};

function RelatedGroup({ appKey, recordId, reference, showField, page, error, onRetry }: GroupProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatContext = useFormatContext();
  const { form, field } = reference;
  const locale = formatContext.locale;
  const canCreate = !form.access || form.access.actions.includes('create');
  const fields = useMemo(() => relatedRowFields(form, field.key), [form, field.key]);
  const formName = labelText(form.name, locale);
  const name = showField ? t('related.groupName', { form: formName, field: labelText(field.label, locale) }) : formName;
  const total = page ? t(page.totalIsEstimate ? 'related.countEstimate' : 'related.count', { count: page.total }) : '';
  const items = page?.items ?? [];

  return (
    <section className="related-records__group" data-testid="related-group" data-form={form.key} data-field={field.key}>
      <div className="related-records__head">
        <div className="related-records__name">
          {name}
          {page && <span className="related-records__count" data-testid="related-count">{total}</span>}
        </div>
        {canCreate && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => navigate(newRecordPath(appKey, form.key, field.key, recordId))} data-testid="related-new">
            {t('related.new')}
          </Button>
        )}
      </div>
      {error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} action={<Button size="small" onClick={onRetry}>{t('common.retry')}</Button>} />
      ) : items.length === 0 ? (
        <div className="related-records__none">{t('related.none')}</div>
      ) : (
        <ul className="related-records__list">
          {items.map((record) => (
            <RelatedRow key={record.id} record={record} fields={fields} formatContext={formatContext} onOpen={() => navigate(recordPath(appKey, form.key, record.id))} />
          ))}
        </ul>
      )}
      {page && page.total > items.length && <div className="related-records__more">{t('related.showing', { count: items.length })}</div>}
    </section>
  );
}

type RowProps = {
  record: RecordItem;
  fields: ReturnType<typeof relatedRowFields>;
  formatContext: FormatContext;
  onOpen: () => void;
};

function RelatedRow({ record, fields, formatContext, onOpen }: RowProps) {
  const { t } = useTranslation();
  const title = fields.title ? displayText(formatFieldValue(fields.title, record.data[fields.title.key], formatContext)) : '';
  const keyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen();
    }
  };
  return (
    <li role="link" tabIndex={0} className="related-records__item" onClick={onOpen} onKeyDown={keyDown} data-testid="related-row" data-record-id={record.id}>
      <div className="related-records__title">{title || t('record.untitled')}</div>
      {fields.details.length > 0 && (
        <dl className="related-records__fields">
          {fields.details.map((detail) => (
            <div key={detail.key} className="related-records__field">
              <dt>{labelText(detail.label, formatContext.locale)}</dt>
              <dd><CellValue display={formatFieldValue(detail, record.data[detail.key], formatContext)} /></dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}

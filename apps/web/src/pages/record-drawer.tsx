import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Popconfirm, Space, Tabs, Typography } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { createRecord, deleteRecord, fetchRecord, updateRecord } from '../api/endpoints';
import { isApiError } from '../api/client';
import type { FormMeta, RecordItem } from '../api/types';
import { useAppMeta } from '../hooks/use-app-meta';
import { useIsMobile } from '../hooks/use-is-mobile';
import { useLocale } from '../hooks/use-locale';
import { useDepartments, useUsers } from '../hooks/use-lookups';
import { useFormatContext } from '../hooks/use-format-context';
import { errorMessage, fieldErrorsFromApiError } from '../lib/api-errors';
import { changedData, createData, defaultFormValues, formValuesToData, recordToFormValues, type FormValues } from '../lib/form-values';
import { evaluateRecordRules, ruleContext, unsentFields, type RuleUser } from '../lib/form-rules';
import { defaultContext } from '../lib/field-defaults';
import { useLiveDefaults } from '../hooks/use-live-defaults';
import type { RecordData } from '../api/types';
import { useCurrentUser } from '../auth/use-current-user';
import { displayText, formatFieldValue } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { titleFieldKey, valueFields } from '../lib/field-kinds';
import { RecordForm } from '../components/record-form';
import { RecordHistory, useRecordHistory } from '../components/record-history';
import { RelatedRecords } from '../components/related-records';
import { RecordComments } from '../components/record-comments';
import { findReferencingFields, prefilledValues } from '../lib/related-records';
import { PageError, PageLoading } from '../components/page-state';
import { FlowPanel } from '../components/flow/flow-panel';
import { StartFlowButton } from '../components/flow/start-flow-button';
import { useFlows } from '../hooks/use-flows';
import { flowsForForm } from '../lib/flow-definition';

const DRAWER_WIDTHS = { 1: 560, 2: 820, 3: 1080 } as const;

/** /records/new and /records/:id: the record form in a drawer over the list. */
export default function RecordDrawer() {
  const { appKey = '', formKey = '', id } = useParams();
  const isNew = id === undefined;
  const navigate = useNavigate();
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const locale = useLocale();
  const { forms, formByKey } = useAppMeta(appKey);
  const form = formByKey(formKey);
  const listPath = `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}`;
  const close = () => navigate(listPath);

  const record = useQuery({
    queryKey: ['record', appKey, formKey, id],
    queryFn: () => fetchRecord(appKey, formKey, id ?? ''),
    enabled: !isNew && !!form,
    staleTime: 0,
  });

  // The record's audit trail; a 403 (the user may not read it) hides the History tab.
  const history = useRecordHistory(appKey, formKey, !isNew && form ? id : undefined);
  // Forms with approval flows get a 提交审批 button and an approval tab.
  const { flows } = useFlows(appKey, !isNew);
  const { message } = App.useApp();
  // The open tab, remembered per record: another record opens on its fields.
  // A mention's notification opens the record on its comments (records/:id?tab=comments).
  const [searchParams] = useSearchParams();
  const linkedTab = searchParams.get('tab') === 'comments' ? 'comments' : 'fields';
  const [tabOf, setTabOf] = useState<{ id: string | undefined; tab: string }>({ id, tab: linkedTab });
  const tab = tabOf.id === id ? tabOf.tab : linkedTab;
  const setTab = (next: string) => setTabOf({ id, tab: next });
  const hasFlows = flowsForForm(flows, formKey).length > 0;
  const showFlowTab = !isNew && (hasFlows || !!record.data?.flowStatus);
  // Forms with a relation field to this form: their records pointing here list under 关联记录.
  const hasRelated = useMemo(() => findReferencingFields(forms, formKey).length > 0, [forms, formKey]);

  const width = isMobile ? '100%' : DRAWER_WIDTHS[form?.settings?.columns ?? 1] ?? DRAWER_WIDTHS[1];
  let content;
  if (!form) content = <PageLoading />;
  else if (!isNew && record.isLoading) content = <PageLoading />;
  else if (!isNew && (record.error || !record.data)) content = <PageError error={record.error} onRetry={() => void record.refetch()} />;
  else if (isNew) content = <RecordEditor key="new" form={form} record={undefined} onDone={close} />;
  else {
    const editor = (
      <>
        {record.data?.flowStatus === 'running' && (
          <Alert type="info" showIcon className="record-editor__alert" title={t('flow.lockedNotice')} data-testid="record-locked-notice" />
        )}
        <RecordEditor key={`${id}`} form={form} record={record.data} onDone={close} />
      </>
    );
    content = (
      <Tabs
        className="record-tabs"
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'fields', label: <span data-testid="record-tab-fields">{t('record.tabFields')}</span>, children: editor },
          ...(showFlowTab && id
            ? [{ key: 'flow', label: <span data-testid="record-tab-flow">{t('flow.tab')}</span>, children: <FlowPanel appKey={appKey} formKey={formKey} recordId={id} /> }]
            : []),
          ...(hasRelated && id
            ? [{ key: 'related', label: <span data-testid="record-tab-related">{t('related.tab')}</span>, children: <RelatedRecords appKey={appKey} formKey={formKey} recordId={id} forms={forms} /> }]
            : []),
          ...(id
            ? [{ key: 'comments', label: <span data-testid="record-tab-comments">{t('comments.tab')}</span>, children: <RecordComments appKey={appKey} formKey={formKey} recordId={id} /> }]
            : []),
          ...(history.forbidden
            ? []
            : [{ key: 'history', label: <span data-testid="record-tab-history">{t('record.tabHistory')}</span>, children: <RecordHistory history={history} fields={form.fields} /> }]),
        ]}
      />
    );
  }

  return (
    <Drawer
      open
      onClose={close}
      size={width}
      placement="right"
      destroyOnHidden
      title={isNew ? t('record.newTitle', { form: form ? labelText(form.name, locale) : '' }) : t('record.editTitle')}
      extra={!isNew && id && record.data ? (
        <StartFlowButton
          appKey={appKey}
          formKey={formKey}
          recordId={id}
          flowStatus={record.data.flowStatus}
          onStarted={() => {
            message.success(t('flow.started'));
            setTab('flow');
          }}
        />
      ) : undefined}
      className="record-drawer"
      data-testid="record-drawer"
    >
      {content}
    </Drawer>
  );
}

type EditorProps = { form: FormMeta; record: RecordItem | undefined; onDone: () => void };

function RecordEditor({ form, record, onDone }: EditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const formatContext = useFormatContext();
  const locale = useLocale();
  const { user } = useCurrentUser();
  // `$user` in rule conditions: the signed-in user and their departments.
  const ruleUser = useMemo<RuleUser | null>(() => {
    if (!user) return null;
    const departmentIds = (user.departments ?? [])
      .map((department) => (department && typeof department === 'object' ? (department as { id?: unknown }).id : undefined))
      .filter((id): id is string => typeof id === 'string');
    return { id: user.id, departmentIds };
  }, [user]);
  const [formInstance] = Form.useForm<FormValues>();
  const [reveal, setReveal] = useState<{ key: string } | null>(null);
  const [formMessages, setFormMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [current, setCurrent] = useState<RecordItem | undefined>(record);
  const { appKey = '', formKey = '' } = useParams();
  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => t(key, { defaultValue: fallback, ...values });

  // antd reads initial values once, on mount; a reload after a conflict sets the fields explicitly.
  // A new record starts from its defaults (the record form keeps them current while it is edited).
  // One made from a related record's tab (records/new?relation=...&record=...) starts linked to that record.
  const [searchParams] = useSearchParams();
  const [prefilled] = useState(() => (record ? {} : prefilledValues(form.fields, searchParams)));
  const [initialValues] = useState(() => (record ? recordToFormValues(form.fields, record.data) : { ...defaultFormValues(form.fields, defaultContext(ruleUser)), ...prefilled }));
  const fieldKeys = useMemo(() => new Set(valueFields(form.fields).map((field) => field.key)), [form.fields]);
  // A new record's defaults stay current until the user edits the field (docs/defaults.md).
  const watched = Form.useWatch([], { form: formInstance, preserve: true }) as FormValues | undefined;
  const { markEdited } = useLiveDefaults({ form, formInstance, values: watched ?? initialValues, enabled: !record, user: ruleUser, appKey });
  // The prefilled relation counts as chosen: no default of that field replaces it.
  const prefillMarked = useRef(false);
  if (!prefillMarked.current) {
    prefillMarked.current = true;
    if (Object.keys(prefilled).length > 0) markEdited(Object.keys(prefilled));
  }
  /** The form's rules over everything the form holds now (hidden fields included). */
  const currentRules = () =>
    evaluateRecordRules(form, formInstance.getFieldsValue(true) as FormValues, { locale, stored: current?.data, context: ruleContext(ruleUser) });
  // What the user's roles allow here (the server decides again on every write): a record they may not
  // update opens read-only, fields their roles may not edit are read-only, and delete shows only if allowed.
  const access = form.access;
  const canUpdate = !access || access.actions.includes('update');
  const canDelete = !access || access.actions.includes('delete');
  const readOnly = useMemo<ReadonlySet<string> | 'all' | undefined>(() => {
    if (!record || !access) return undefined;
    if (!canUpdate) return 'all';
    if (access.editable === '*') return undefined;
    const editable = new Set(access.editable);
    return new Set(form.fields.map((field) => field.key).filter((key) => !editable.has(key)));
  }, [record, access, canUpdate, form.fields]);
  const titleKey = titleFieldKey(form.fields, form.settings?.titleField);
  const titleField = form.fields.find((field) => field.key === titleKey);
  const title = current && titleField ? displayText(formatFieldValue(titleField, current.data[titleField.key], formatContext)) : '';

  const invalidateLists = () => queryClient.invalidateQueries({ queryKey: ['records', appKey, formKey] });

  const showError = (error: unknown) => {
    if (isApiError(error) && error.code === 'RECORD_VERSION_CONFLICT') {
      setConflict(true);
      return;
    }
    if (isApiError(error)) {
      // Issues on fields the rules hide now cannot show on them: they go to the form's messages.
      const { hidden } = currentRules();
      const shownKeys = new Set([...fieldKeys].filter((key) => !hidden.has(key)));
      const { fieldErrors, formMessages: messages } = fieldErrorsFromApiError(error, shownKeys, translate, { fields: form.fields, locale });
      if (fieldErrors.length > 0) formInstance.setFields(fieldErrors);
      setFormMessages(messages);
      // The first field with an error comes into view (its tab opens).
      if (fieldErrors.length > 0) setReveal({ key: fieldErrors[0].name });
      return;
    }
    setFormMessages([t('errors.UNKNOWN', { defaultValue: error instanceof Error ? error.message : String(error) })]);
  };

  const save = useMutation({
    mutationFn: async (data: RecordData) => {
      if (!current) return { saved: await createRecord(appKey, formKey, createData(data)), created: true };
      const changes = changedData(current.data, data);
      if (Object.keys(changes).length === 0) return { saved: current, created: false, unchanged: true };
      return { saved: await updateRecord(appKey, formKey, current.id, changes, current.version), created: false };
    },
    onSuccess: (result) => {
      if ('unchanged' in result) {
        message.info(t('record.noChanges'));
        onDone();
        return;
      }
      queryClient.setQueryData(['record', appKey, formKey, result.saved.id], result.saved);
      // Refetch in the background: the drawer closes at once and the list catches up.
      void invalidateLists();
      message.success(result.created ? t('record.created') : t('record.saved'));
      onDone();
    },
    onError: showError,
  });

  const remove = useMutation({
    mutationFn: () => deleteRecord(appKey, formKey, current?.id ?? ''),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['record', appKey, formKey, current?.id] });
      void invalidateLists();
      message.success(t('record.deleted'));
      onDone();
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 404) {
        void invalidateLists();
        message.warning(t('record.alreadyGone'));
        onDone();
        return;
      }
      setFormMessages([isApiError(error) ? errorMessage(error, translate) : String(error)]);
    },
  });

  const reload = async () => {
    if (!current) return;
    try {
      const fresh = await fetchRecord(appKey, formKey, current.id);
      queryClient.setQueryData(['record', appKey, formKey, fresh.id], fresh);
      setCurrent(fresh);
      formInstance.setFieldsValue(recordToFormValues(form.fields, fresh.data));
      formInstance.setFields(Object.keys(formInstance.getFieldsValue(true)).map((name) => ({ name, errors: [] })));
      setConflict(false);
      setFormMessages([]);
      void invalidateLists();
    } catch (error) {
      showError(error);
    }
  };

  const submit = async () => {
    setFormMessages([]);
    try {
      await formInstance.validateFields();
    } catch (failure) {
      // antd marks the invalid fields; the first comes into view (its tab opens).
      const first = (failure as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0]?.name?.[0];
      if (typeof first === 'string') setReveal({ key: first });
      return;
    }
    const rules = currentRules();
    if (rules.errors.length > 0) {
      // A rule error blocks saving; its message shows above the save button.
      document.querySelector('[data-testid="rule-errors"]')?.scrollIntoView({ block: 'nearest' });
      return;
    }
    // Hidden fields are not sent, nor read-only ones (the server applies the rules' own values).
    save.mutate(formValuesToData(form.fields, rules.values, unsentFields(rules)));
  };

  const busy = save.isPending || remove.isPending;
  return (
    <div className="record-editor">
      {title && <div className="record-editor__title">{title}</div>}
      {conflict && (
        <Alert
          type="warning"
          showIcon
          className="record-editor__alert"
          title={t('record.conflictTitle')}
          description={t('record.conflictDescription')}
          action={<Button size="small" onClick={() => void reload()} data-testid="record-reload">{t('record.reload')}</Button>}
          data-testid="record-conflict"
        />
      )}
      {formMessages.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="record-editor__alert"
          title={formMessages.length === 1 ? formMessages[0] : t('record.saveFailed')}
          description={formMessages.length > 1 ? <ul className="record-editor__messages">{formMessages.map((text) => <li key={text}>{text}</li>)}</ul> : undefined}
          data-testid="record-errors"
        />
      )}
      <RecordForm
        form={form}
        formInstance={formInstance}
        initialValues={initialValues}
        recordData={current?.data}
        users={users}
        departments={departments}
        formatContext={formatContext}
        isMobile={isMobile}
        disabled={busy}
        ruleUser={ruleUser}
        reveal={reveal}
        onEdit={markEdited}
        readOnly={readOnly}
      />
      <div className="record-editor__footer">
        <Space wrap>
          {readOnly === 'all' ? (
            <Typography.Text type="secondary" data-testid="record-read-only">{t('record.readOnly')}</Typography.Text>
          ) : (
            <Button type="primary" onClick={() => void submit()} loading={save.isPending} disabled={remove.isPending} data-testid="record-save">
              {t('record.save')}
            </Button>
          )}
          <Button onClick={onDone} disabled={busy}>{readOnly === 'all' ? t('record.close') : t('common.cancel')}</Button>
        </Space>
        {current && canDelete && (
          <Popconfirm
            title={t('record.deleteTitle')}
            description={t('record.deleteDescription')}
            okText={t('record.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true, loading: remove.isPending }}
            onConfirm={() => remove.mutateAsync().catch(() => undefined)}
          >
            <Button danger icon={<DeleteOutlined />} disabled={busy} data-testid="record-delete">
              {t('record.delete')}
            </Button>
          </Popconfirm>
        )}
      </div>
    </div>
  );
}

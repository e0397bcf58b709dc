import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Modal, Progress, Radio, Select, Space, Statistic, Steps, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { isApiError } from '../../api/client';
import type { FormAccess } from '../../api/types';
import { useLocale } from '../../hooks/use-locale';
import { errorMessage } from '../../lib/api-errors';
import { labelText } from '../../lib/label-text';
import {
  RECORD_ID, importableFields, type ImportTarget, jobFinished, jobPhase, mappingOf, matchFieldChoices, pollDelay, progressPercent, setColumnField, startBlocker,
} from './import-logic';
import { fetchImportJob, previewImport, startImport } from './import-requests';
import type { ImportColumn, ImportJob, ImportOptions, ImportPreview } from './import-types';
import './import-wizard.css';

type ImportWizardProps = {
  open: boolean;
  onClose: () => void;
  appKey: string;
  formKey: string;
  formName: string;
  fields: FieldDefinition[];
  access: FormAccess | undefined;
};

type Step = 'choose' | 'map' | 'run' | 'done';
const STEPS: Step[] = ['choose', 'map', 'run', 'done'];
/** Codes the import answers with that have their own message (import.errors.<code>). */
const IMPORT_ERROR_CODES = ['EMPTY_FILE', 'UNSUPPORTED_FILE_TYPE', 'INVALID_FILE', 'NO_HEADER', 'TOO_MANY_ROWS', 'NO_MAPPED_COLUMNS', 'FILE_REQUIRED', 'MATCH_FIELD_NOT_MAPPED'];
const ERRORS_SHOWN = 100;
/** Share of the progress bar given to reading a workbook (a CSV is read in a moment). */
const XLSX_READING_SHARE = 20;

/**
 * The import wizard of the records page: choose a CSV or XLSX file, check how its columns map to the
 * form's fields on its first rows, start, follow the job's progress, and read the summary with a link
 * to the report of the rows that failed.
 */
export function ImportWizard({ open, onClose, appKey, formKey, formName, fields, access }: ImportWizardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [columns, setColumns] = useState<ImportColumn[]>([]);
  const [options, setOptions] = useState<ImportOptions>({ mode: 'create', matchField: null, dryRun: false });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<ImportJob | undefined>(undefined);

  const targets = useMemo(() => importableFields(fields, access), [fields, access]);
  const matchChoices = useMemo(() => matchFieldChoices(fields, columns), [fields, columns]);
  const targetLabel = (target: ImportTarget) =>
    target.subForm ? `${labelText(target.subForm.label, locale)}.${labelText(target.field.label, locale)}` : labelText(target.field.label, locale);
  const fieldLabel = (key: string) => {
    if (key === RECORD_ID) return t('import.recordId');
    const target = targets.find((candidate) => candidate.key === key);
    return target ? targetLabel(target) : labelText(fields.find((field) => field.key === key)?.label ?? key, locale);
  };

  const describe = (caught: unknown) => {
    if (!isApiError(caught)) return t('common.loadFailed');
    if (IMPORT_ERROR_CODES.includes(caught.code)) return t(`import.errors.${caught.code}`, { defaultValue: caught.message, max: caught.details?.max ?? '' });
    return errorMessage(caught, (key, fallback) => t(key, { defaultValue: fallback }));
  };

  const reset = () => {
    setStep('choose');
    setFile(null);
    setPreview(null);
    setColumns([]);
    setError(null);
    setJobId(null);
    setJob(undefined);
    setOptions({ mode: 'create', matchField: null, dryRun: false });
  };
  const close = () => {
    reset();
    onClose();
  };

  const choose = async (picked: File) => {
    setError(null);
    setBusy(true);
    try {
      const answer = await previewImport(appKey, formKey, picked, locale, options.mode);
      setFile(picked);
      setPreview(answer);
      setColumns(answer.columns);
      setStep('map');
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const started = await startImport(appKey, formKey, file, mappingOf(columns), options, locale);
      setJobId(started.jobId);
      setStep('run');
    } catch (caught) {
      setError(describe(caught));
    } finally {
      setBusy(false);
    }
  };

  // Follows the job until it ends; the list behind the wizard reloads when records were written.
  useEffect(() => {
    if (!jobId) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    const poll = async () => {
      try {
        const answer = await fetchImportJob(jobId, controller.signal);
        setJob(answer);
        if (jobFinished(answer)) {
          setStep('done');
          if (!answer.result?.dryRun && (answer.result?.created || answer.result?.updated)) {
            void queryClient.invalidateQueries({ queryKey: ['records', appKey, formKey] });
          }
          return;
        }
      } catch (caught) {
        if (controller.signal.aborted) return;
        if (isApiError(caught) && caught.status !== 0) {
          setError(describe(caught));
          return;
        }
      }
      timer = setTimeout(poll, pollDelay(attempt++));
    };
    void poll();
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
    // `describe` only reads translations: following the job again when the language changes is not wanted.
  }, [jobId, appKey, formKey, queryClient]);

  const blocker = startBlocker(columns, options);
  const result = job?.result ?? null;

  let body;
  if (step === 'choose') {
    body = (
      <Space orientation="vertical" size="middle" className="import-wizard__choose">
        <Upload.Dragger
          accept=".csv,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(picked) => {
            void choose(picked);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p className="ant-upload-text">{t('import.dropHint')}</p>
          <p className="ant-upload-hint">{t('import.formats')}</p>
        </Upload.Dragger>
        <Radio.Group value={options.mode} onChange={(event) => setOptions({ ...options, mode: event.target.value as ImportOptions['mode'] })}>
          <Radio value="create">{t('import.modeCreate')}</Radio>
          <Radio value="upsert" disabled={!!access && !access.actions.includes('update')}>{t('import.modeUpsert')}</Radio>
        </Radio.Group>
        <Checkbox checked={options.dryRun} onChange={(event) => setOptions({ ...options, dryRun: event.target.checked })}>
          {t('import.dryRun')}
        </Checkbox>
      </Space>
    );
  } else if (step === 'map' && preview) {
    const selectOptions = [
      { value: '', label: t('import.skipColumn') },
      { value: RECORD_ID, label: t('import.recordId') },
      ...targets.map((target) => ({ value: target.key, label: targetLabel(target) })),
    ];
    body = (
      <Space orientation="vertical" size="middle" className="import-wizard__map">
        <Typography.Text>{t(preview.totalRowsExact === false ? 'import.fileSummaryAbout' : 'import.fileSummary', { name: preview.fileName, n: preview.totalRows })}</Typography.Text>
        <Table
          size="small"
          pagination={false}
          rowKey="index"
          dataSource={columns}
          scroll={{ y: 320 }}
          columns={[
            { title: t('import.column'), dataIndex: 'header', width: '28%', render: (header: string) => header || <Typography.Text type="secondary">—</Typography.Text> },
            {
              title: t('import.sample'),
              key: 'sample',
              width: '32%',
              render: (_value: unknown, column: ImportColumn) => (
                <Typography.Text type="secondary" ellipsis>{preview.rows.map((row) => row.cells[column.index]).filter(Boolean).slice(0, 3).join(' · ')}</Typography.Text>
              ),
            },
            {
              title: t('import.field'),
              key: 'field',
              render: (_value: unknown, column: ImportColumn) => (
                <Space size="small">
                  <Select
                    size="small"
                    className="import-wizard__field-select"
                    value={column.fieldKey ?? ''}
                    options={selectOptions}
                    onChange={(value: string) => setColumns((current) => setColumnField(current, column.index, value === '' ? null : value))}
                    aria-label={t('import.fieldFor', { column: column.header })}
                    data-testid={`import-map-${column.index}`}
                  />
                  {column.status !== 'field' && column.status !== 'id' && column.status !== 'skipped' && (
                    <Tag color="orange">{t(`import.status.${column.status}`)}</Tag>
                  )}
                </Space>
              ),
            },
          ]}
        />
        {options.mode === 'upsert' && (
          <Space>
            <Typography.Text>{t('import.matchField')}</Typography.Text>
            <Select
              size="small"
              className="import-wizard__field-select"
              value={options.matchField ?? undefined}
              placeholder={t('import.matchFieldPlaceholder')}
              options={matchChoices.map((key) => ({ value: key, label: fieldLabel(key) }))}
              onChange={(value: string) => setOptions({ ...options, matchField: value })}
            />
          </Space>
        )}
        {blocker && <Alert type="info" showIcon title={t(`import.blocker.${blocker}`)} />}
      </Space>
    );
  } else if (step === 'run') {
    const phase = jobPhase(job);
    body = (
      <Space orientation="vertical" size="middle" className="import-wizard__run">
        <Progress percent={progressPercent(job, preview?.format === 'xlsx' ? XLSX_READING_SHARE : 0)} status="active" data-testid="import-progress" />
        <Typography.Text type="secondary" data-testid="import-progress-text">
          {phase === 'queued' ? t('import.queued') : t(phase === 'reading' ? 'import.reading' : 'import.progress', { done: job?.progress.done ?? 0, total: job?.progress.total ?? 0 })}
        </Typography.Text>
      </Space>
    );
  } else if (step === 'done' && job) {
    body = (
      <Space orientation="vertical" size="middle" className="import-wizard__done">
        {job.status === 'failed' && <Alert type="error" showIcon title={t('import.jobFailed')} description={job.error ?? undefined} />}
        {result?.dryRun && <Alert type="info" showIcon title={t('import.dryRunDone')} />}
        {result && (
          <Space size="large">
            <Statistic title={result.dryRun ? t('import.wouldCreate') : t('import.created')} value={result.created} />
            <Statistic title={result.dryRun ? t('import.wouldUpdate') : t('import.updated')} value={result.updated} />
            <Statistic title={t('import.failed')} value={result.failed} styles={result.failed ? { content: { color: '#cf1322' } } : undefined} />
          </Space>
        )}
        {result && result.errors.length > 0 && (
          <Table
            size="small"
            rowKey={(error) => `${error.row}:${error.column ?? ''}:${error.code}`}
            pagination={false}
            scroll={{ y: 240 }}
            dataSource={result.errors.slice(0, ERRORS_SHOWN)}
            columns={[
              { title: t('import.row'), dataIndex: 'row', width: 70 },
              { title: t('import.column'), dataIndex: 'column', width: '30%' },
              { title: t('import.reason'), dataIndex: 'message' },
            ]}
          />
        )}
        {result && (result.errors.length > ERRORS_SHOWN || result.errorsTruncated) && (
          <Typography.Text type="secondary">{t('import.moreErrors')}</Typography.Text>
        )}
        {job.errorReportUrl && (
          <Button icon={<DownloadOutlined />} href={job.errorReportUrl} download data-testid="import-error-report">{t('import.downloadErrors')}</Button>
        )}
      </Space>
    );
  }

  const footer = [
    <Button key="close" onClick={close}>{step === 'done' ? t('import.close') : t('common.cancel')}</Button>,
    ...(step === 'map' ? [
      <Button key="back" onClick={reset}>{t('import.back')}</Button>,
      <Button key="start" type="primary" loading={busy} disabled={!!blocker} onClick={() => void start()} data-testid="import-start">
        {options.dryRun ? t('import.startDryRun') : t('import.start')}
      </Button>,
    ] : []),
    ...(step === 'done' ? [<Button key="again" type="primary" onClick={reset}>{t('import.again')}</Button>] : []),
  ];

  return (
    <Modal open={open} title={t('import.title', { form: formName })} onCancel={close} footer={footer} width={760} destroyOnHidden mask={{ closable: false }}>
      <Steps
        size="small"
        current={STEPS.indexOf(step)}
        className="import-wizard__steps"
        items={STEPS.map((key) => ({ title: t(`import.steps.${key}`) }))}
      />
      {error && <Alert type="error" showIcon title={error} className="import-wizard__error" />}
      {body}
    </Modal>
  );
}

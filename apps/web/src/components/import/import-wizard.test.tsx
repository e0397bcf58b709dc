import { describe, expect, it, vi, beforeEach } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FieldDefinition } from '@platform/schema';
import { ImportWizard } from './import-wizard';
import type { ImportJob, ImportPreview } from './import-types';

const requests = vi.hoisted(() => ({ previewImport: vi.fn(), startImport: vi.fn(), fetchImportJob: vi.fn() }));
vi.mock('./import-requests', () => requests);

const fields: FieldDefinition[] = [
  { key: 'code', type: 'text', label: { 'zh-CN': '编号', 'en-US': 'Code' } },
  { key: 'title', type: 'text', label: { 'zh-CN': '标题', 'en-US': 'Title' } },
];
const preview: ImportPreview = {
  fileName: 'deals.csv', format: 'csv', encoding: 'utf-8', totalRows: 3, maxRows: 50000, warnings: [],
  columns: [{ index: 0, header: '编号', fieldKey: 'code', status: 'field' }, { index: 1, header: 'Titel', fieldKey: null, status: 'unknown' }],
  rows: [{ row: 2, cells: ['D-1', 'first'] }],
};
const running: ImportJob = { id: 'job-1', status: 'running', progress: { done: 1, total: 3 }, result: null, error: null, errorReportUrl: null };
const done: ImportJob = {
  id: 'job-1', status: 'done', progress: { done: 3, total: 3 }, error: null, errorReportUrl: '/api/apps/a/forms/f/records/import/job-1/errors.csv',
  result: {
    done: 3, total: 3, created: 2, updated: 0, failed: 1, dryRun: false, errorsTruncated: false, failedRows: [3], warnings: [], rowsPerSecond: 100, durationMs: 30,
    errorReportUrl: '/api/apps/a/forms/f/records/import/job-1/errors.csv', errors: [{ row: 3, column: '编号', field: 'code', code: 'required', message: '必填' }],
  },
};

describe('ImportWizard', () => {
  beforeEach(() => {
    requests.previewImport.mockReset().mockResolvedValue(preview);
    requests.startImport.mockReset().mockResolvedValue({ jobId: 'job-1' });
    requests.fetchImportJob.mockReset().mockResolvedValueOnce(running).mockResolvedValue(done);
  });

  it('previews, sends the mapping the user chose, follows the job and shows the summary with the error report', async () => {
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ImportWizard open onClose={() => undefined} appKey="a" formKey="f" formName="交易" fields={fields} access={undefined} />
      </QueryClientProvider>,
    );
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['编号,Titel\nD-1,first\n'], 'deals.csv', { type: 'text/csv' });
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(requests.previewImport).toHaveBeenCalledWith('a', 'f', file, 'zh-CN', 'create'));
    expect(await screen.findByText('deals.csv：共 3 行')).toBeTruthy();
    expect(screen.getByText('没有匹配的字段')).toBeTruthy();

    // Map the unknown column to the title field through its select.
    const select = screen.getByTestId('import-map-1');
    fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
    fireEvent.click(await screen.findByTitle('标题'));
    fireEvent.click(screen.getByTestId('import-start'));
    await waitFor(() => expect(requests.startImport).toHaveBeenCalled());
    expect(requests.startImport.mock.calls[0].slice(3)).toEqual([['code', 'title'], { mode: 'create', matchField: null, dryRun: false }, 'zh-CN']);

    expect(await screen.findByText('失败', {}, { timeout: 3000 })).toBeTruthy();
    expect(requests.fetchImportJob).toHaveBeenCalledTimes(2);
    expect(screen.getByText('必填')).toBeTruthy();
    expect(screen.getByTestId('import-error-report').getAttribute('href')).toBe(done.errorReportUrl);
  });

  it('says a large workbook\'s row count is approximate, and shows the job reading the file before it saves', async () => {
    requests.previewImport.mockResolvedValue({ ...preview, fileName: 'deals.xlsx', format: 'xlsx', totalRows: 30000, totalRowsExact: false });
    const reading: ImportJob = { ...running, progress: { done: 5000, total: 30000 }, result: { ...done.result!, phase: 'reading', done: 5000, total: 30000 } };
    requests.fetchImportJob.mockReset().mockResolvedValue(reading);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ImportWizard open onClose={() => undefined} appKey="a" formKey="f" formName="交易" fields={fields} access={undefined} />
      </QueryClientProvider>,
    );
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'deals.xlsx')] } });
    expect(await screen.findByText('deals.xlsx：约 30000 行')).toBeTruthy();
    fireEvent.click(screen.getByTestId('import-start'));
    expect(await screen.findByText('正在读取文件：已读 5,000 行，约 30,000 行')).toBeTruthy();
  });

  it('shows why a file is refused', async () => {
    const { ApiError } = await import('../../api/client');
    requests.previewImport.mockRejectedValue(new ApiError(400, 'TOO_MANY_ROWS', 'too many', { max: 50000 }));
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ImportWizard open onClose={() => undefined} appKey="a" formKey="f" formName="交易" fields={fields} access={undefined} />
      </QueryClientProvider>,
    );
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['x'], 'big.csv')] } });
    expect(await screen.findByText('文件超过 50000 行，请拆分为多个文件')).toBeTruthy();
  });
});

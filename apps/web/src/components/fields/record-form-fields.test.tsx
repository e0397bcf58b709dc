import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { Form } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FormMeta } from '../../api/types';
import { changeLocale } from '../../i18n';
import { formValuesToData, recordToFormValues, type FormValues } from '../../lib/form-values';
import { RecordForm } from '../record-form';
import { FakeXhr } from './fake-xhr';

const orderForm: FormMeta = {
  key: 'order',
  name: '订单',
  version: 1,
  fields: [
    { key: 'code', type: 'serialNumber', label: '编号' },
    { key: 'customer', type: 'relation', label: '客户', required: true, options: { targetForm: 'customer' } },
    { key: 'photos', type: 'image', label: '照片' },
    { key: 'files', type: 'attachment', label: '附件', required: true },
    { key: 'sign', type: 'signature', label: '签名' },
    {
      key: 'lines', type: 'subForm', label: '明细',
      options: { minRows: 1, fields: [{ key: 'qty', type: 'number', label: '数量', required: true }] },
    },
    { key: 'lines_total', type: 'rollup', label: '数量合计', options: { subFormField: 'lines', targetField: 'qty', aggregate: 'sum' } },
  ],
};

function Harness({ data, onForm }: { data?: Record<string, unknown>; onForm: (form: ReturnType<typeof Form.useForm<FormValues>>[0]) => void }) {
  const [form] = Form.useForm<FormValues>();
  onForm(form);
  return (
    <RecordForm
      form={orderForm}
      formInstance={form}
      initialValues={recordToFormValues(orderForm.fields, data ?? {})}
      recordData={data}
      users={[]}
      departments={[]}
      formatContext={{ locale: 'zh-CN', yes: '是', no: '否' }}
      isMobile={false}
    />
  );
}

function setup(data?: Record<string, unknown>) {
  let formInstance: ReturnType<typeof Form.useForm<FormValues>>[0] | undefined;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['forms', ''], { items: [] });
  render(
    <QueryClientProvider client={client}>
      <Harness data={data} onForm={(form) => (formInstance = form)} />
    </QueryClientProvider>,
  );
  return () => formInstance!;
}

beforeEach(async () => {
  await changeLocale('zh-CN');
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200 })));
});
afterEach(() => vi.unstubAllGlobals());

describe('RecordForm with file, relation and sub-form fields', () => {
  it('renders their controls and blocks saving while a required one is empty or a sub-form lacks rows', async () => {
    const form = setup();
    // The controls load on demand (their own chunks): the first render waits for them.
    await screen.findByTestId('relation-customer', undefined, { timeout: 5000 });
    await screen.findByTestId('file-upload-photos');
    await screen.findByTestId('signature-pad');
    await screen.findByTestId('sub-form-lines');
    expect(screen.getByTestId('field-code').textContent).toContain('保存后自动生成');

    let failed = false;
    await act(async () => {
      await form().validateFields().catch(() => (failed = true));
    });
    expect(failed).toBe(true);
    await waitFor(() => {
      expect(screen.getByTestId('field-files').textContent).toContain('请填写附件');
      expect(screen.getByTestId('field-customer').textContent).toContain('请填写客户');
      expect(screen.getByTestId('field-lines').textContent).toContain('至少需要填写 1 行');
    });
  });

  it('sends files, the relation and the sub-form rows (with their ids) as wire values', () => {
    const data = {
      code: 'SO-0001',
      customer: 'c1',
      photos: [{ id: 'i1', name: 'a.jpg', size: 1, mime: 'image/jpeg' }],
      files: [],
      sign: null,
      lines: [{ id: 'r1', qty: 2 }],
      lines_total: 2,
    };
    const form = setup(data);
    expect(formValuesToData(orderForm.fields, form().getFieldsValue(true))).toEqual({
      customer: 'c1',
      photos: [{ id: 'i1', name: 'a.jpg', size: 1, mime: 'image/jpeg' }],
      files: [],
      sign: null,
      lines: [{ id: 'r1', qty: 2 }],
    });
    expect(screen.getByTestId('field-code').textContent).toContain('SO-0001');
    expect(screen.getByTestId('field-lines_total').textContent).toContain('2');
  });

  it('does not save while a file is still uploading into a field', async () => {
    FakeXhr.reset();
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const form = setup({ customer: 'c1', files: [], lines: [{ id: 'r1', qty: 1 }] });
    const input = await screen.findByTestId('file-input-files');
    fireEvent.change(input, { target: { files: [new File(['%PDF'], '合同.pdf', { type: 'application/pdf' })] } });
    expect(FakeXhr.requests[0].url).toBe('/api/files?formKey=order&field=files');

    let failed = false;
    await act(async () => {
      await form().validateFields(['files']).catch(() => (failed = true));
    });
    expect(failed).toBe(true);
    await waitFor(() => expect(screen.getByTestId('field-files').textContent).toContain('文件还在上传，请稍候再保存'));

    act(() => FakeXhr.requests[0].respond(201, { id: 'f1', name: '合同.pdf', size: 4, mime: 'application/pdf', url: '/api/files/f1' }));
    await waitFor(() => expect(form().getFieldValue('files')).toEqual([{ id: 'f1', name: '合同.pdf', size: 4, mime: 'application/pdf' }]));
    await act(async () => {
      await form().validateFields(['files']);
    });
    // (antd animates old messages out: the field's errors tell, not the DOM.)
    expect(form().getFieldError('files')).toEqual([]);
  });
});

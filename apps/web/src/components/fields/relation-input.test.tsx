import { useState, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { FieldDefinition } from '@platform/schema';
import type { FormMeta, RecordItem } from '../../api/types';
import { changeLocale } from '../../i18n';
import { CellValue } from '../cell-value';
import { formatFieldValue } from '../../lib/format-value';
import { RelationInput } from './relation-input';

const customerForm: FormMeta = {
  key: 'customer',
  name: '客户',
  version: 1,
  settings: { titleField: 'name' },
  fields: [
    { key: 'name', type: 'text', label: '客户名称' },
    { key: 'city', type: 'text', label: '城市' },
    { key: 'level', type: 'select', label: '等级', options: { options: [{ key: 'a', label: 'A 类' }] } },
    { key: 'status', type: 'select', label: '状态', options: { options: [{ key: 'active', label: '合作中' }] } },
  ],
};

const customerField: FieldDefinition = {
  key: 'customer',
  type: 'relation',
  label: '客户',
  options: { targetForm: 'customer', displayFields: ['name', 'city', 'level'], filter: { '==': [{ var: 'status' }, 'active'] } },
};

const record = (id: string, data: Record<string, unknown>): RecordItem => ({
  id, data, version: 1, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', createdBy: null, ownerId: null,
});
const acme = record('c1', { name: 'Acme 上海', city: '上海', level: 'a', status: 'active' });
const zeta = record('c9', { name: 'Zeta 科技', city: '杭州', level: null, status: 'active' });

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** The API as these components reach it: the record query, records by id, and the lookups for names. */
function stubApi() {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url.startsWith('/api/users') || url.startsWith('/api/departments')) return json({ items: [] });
    if (url === '/api/apps/crm/forms/customer/records/query') {
      const body = JSON.parse(String(init?.body)) as { filter?: unknown };
      const text = JSON.stringify(body.filter ?? null);
      const items = [acme, zeta].filter((item) => !text.includes('"contains"') || text.includes(String(item.data.name).slice(0, 4)));
      return json({ items, nextCursor: null, total: items.length, totalIsEstimate: false });
    }
    if (url === '/api/apps/crm/forms/customer/records/c9') return json(zeta);
    if (url === '/api/apps/crm/forms/customer/records/gone') return json({ code: 'NOT_FOUND', message: 'not found' }, 404);
    return json({ code: 'NOT_FOUND', message: url }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function setup(ui: ReactNode, path?: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(['forms', 'crm'], { items: [customerForm] });
  return render(
    <QueryClientProvider client={client}>
      {path ? (
        <MemoryRouter initialEntries={[path]}>
          <Routes><Route path="/apps/:appKey/*" element={ui} /></Routes>
        </MemoryRouter>
      ) : (
        <MemoryRouter>{ui}</MemoryRouter>
      )}
    </QueryClientProvider>,
  );
}

function Harness({ field, initial, onChange }: { field: FieldDefinition; initial: string | string[] | null; onChange?: (value: unknown) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <RelationInput
      field={field}
      appKey="crm"
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
    />
  );
}

const calls = (fetchMock: ReturnType<typeof stubApi>, path: string) =>
  fetchMock.mock.calls.filter(([url]) => url === path) as unknown as [string, RequestInit][];

beforeEach(async () => {
  await changeLocale('zh-CN');
});
afterEach(() => vi.unstubAllGlobals());

describe('RelationInput', () => {
  it("shows a selected record's title although it is in no search result, fetched once by id", async () => {
    const fetchMock = stubApi();
    setup(<Harness field={customerField} initial="c9" />);
    await waitFor(() => expect(screen.getByTestId('relation-customer').textContent).toContain('Zeta 科技'));
    expect(calls(fetchMock, '/api/apps/crm/forms/customer/records/c9')).toHaveLength(1);
    // No search before the list is opened.
    expect(calls(fetchMock, '/api/apps/crm/forms/customer/records/query')).toHaveLength(0);
  });

  it('searches the related form as the user types, within the field filter, showing the display fields', async () => {
    const fetchMock = stubApi();
    const onChange = vi.fn();
    setup(<Harness field={customerField} initial={null} onChange={onChange} />);
    const input = screen.getByRole('combobox');
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: 'Acme' } });

    await waitFor(() => {
      const searches = calls(fetchMock, '/api/apps/crm/forms/customer/records/query').map(([, init]) => JSON.parse(String(init.body)));
      expect(searches).toContainEqual({
        filter: { and: [{ '==': [{ var: 'status' }, 'active'] }, { or: [{ contains: [{ var: 'name' }, 'Acme'] }, { contains: [{ var: 'city' }, 'Acme'] }] }] },
        limit: 20,
      });
    });
    // Typing is debounced: not one request per key.
    expect(calls(fetchMock, '/api/apps/crm/forms/customer/records/query').length).toBeLessThanOrEqual(2);

    const option = await screen.findByText('Acme 上海', { selector: '.relation-option__title' });
    expect(option.parentElement?.textContent).toContain('上海 · A 类');
    expect(screen.queryByText('Zeta 科技', { selector: '.relation-option__title' })).toBeNull();
    fireEvent.click(option);
    expect(onChange).toHaveBeenCalledWith('c1');
    await waitFor(() => expect(screen.getByTestId('relation-customer').textContent).toContain('Acme 上海'));
  });

  it('holds many records when multiple, and marks one that cannot be read', async () => {
    stubApi();
    const many = { ...customerField, options: { ...customerField.options, multiple: true } };
    setup(<Harness field={many} initial={['c9', 'gone']} />);
    await waitFor(() => {
      const text = screen.getByTestId('relation-customer').textContent ?? '';
      expect(text).toContain('Zeta 科技');
      expect(text).toContain('记录不可用');
    });
  });

  it('shows read-only relations as links to the records, and cells as titles', async () => {
    stubApi();
    setup(
      <>
        <RelationInput field={customerField} appKey="crm" value="c9" readOnly />
        <div data-testid="cell"><CellValue display={formatFieldValue(customerField, 'c9', { locale: 'zh-CN', yes: '是', no: '否' })} /></div>
      </>,
    );
    const link = await screen.findByRole('link', { name: 'Zeta 科技' });
    expect(link.getAttribute('href')).toBe('/apps/crm/forms/customer/records/c9');
    // The cell reads the app from the address; outside an app it shows the id it has.
    expect(screen.getByTestId('cell').textContent).toBe('c9');
  });

  it('shows the titles of related records in a cell of a records list within the app', async () => {
    stubApi();
    const many = { ...customerField, options: { ...customerField.options, multiple: true } };
    setup(<div data-testid="cell"><CellValue display={formatFieldValue(many, ['c9'], { locale: 'zh-CN', yes: '是', no: '否' })} /></div>, '/apps/crm/forms/deal');
    await waitFor(() => expect(screen.getByTestId('cell').textContent).toBe('Zeta 科技'));
    expect(screen.getByTestId('cell').querySelector('[title]')?.getAttribute('title')).toBe('Zeta 科技 · 杭州');
  });
});

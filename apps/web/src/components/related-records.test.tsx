import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import type { FieldDefinition } from '@platform/schema';
import type { FormMeta } from '../api/types';
import { changeLocale } from '../i18n';
import { RelatedRecords } from './related-records';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const field = (key: string, type: FieldDefinition['type'], zh: string, options?: FieldDefinition['options']): FieldDefinition =>
  ({ key, type, label: label(zh, key), ...(options ? { options } : {}) });
const form = (key: string, zh: string, fields: FieldDefinition[]): FormMeta => ({ key, name: label(zh, key), fields, version: 1 }) as FormMeta;

const forms: FormMeta[] = [
  form('customer', '客户', [field('name', 'text', '客户名称')]),
  form('contact', '联系人', [field('name', 'text', '姓名'), field('customer', 'relation', '关联客户', { targetForm: 'customer' }), field('mobile', 'phone', '手机')]),
  form('campaign', '市场活动', [field('title', 'text', '活动'), field('customers', 'relation', '客户', { targetForm: 'customer', multiple: true })]),
  form('contract', '合同', [field('title', 'text', '合同'), field('customer', 'relation', '关联客户', { targetForm: 'customer' })]),
];

function setup(answers: Record<string, () => Response>) {
  const bodies: Record<string, unknown> = {};
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const formKey = /\/forms\/([^/]+)\/records\/query/.exec(url)?.[1] ?? '';
    bodies[formKey] = init?.body ? JSON.parse(String(init.body)) : undefined;
    return answers[formKey]?.() ?? json({}, 404);
  }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path: '/apps/crm/forms/customer/records/c1', element: <RelatedRecords appKey="crm" formKey="customer" recordId="c1" forms={forms} /> },
      { path: '/apps/crm/forms/:formKey/records/:id', element: <div data-testid="opened" /> },
    ],
    { initialEntries: ['/apps/crm/forms/customer/records/c1'] },
  );
  render(
    <QueryClientProvider client={client}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
  return { bodies, router };
}

const page = (items: { id: string; data: Record<string, unknown> }[], total: number, totalIsEstimate = false) =>
  () => json({ items: items.map((item) => ({ ...item, version: 1 })), nextCursor: null, total, totalIsEstimate });

afterEach(() => vi.unstubAllGlobals());

describe('RelatedRecords', () => {
  it('lists the records pointing here per form, with counts, leaves out unreadable forms and opens a record', async () => {
    await changeLocale('zh-CN');
    const { bodies, router } = setup({
      contact: page([{ id: 'p1', data: { name: '张三', customer: 'c1', mobile: '13900001111' } }], 1),
      campaign: page([], 12000, true),
      contract: () => json({ code: 'FORBIDDEN', message: 'no' }, 403),
    });
    const groups = await screen.findAllByTestId('related-group');
    expect(groups.map((group) => group.getAttribute('data-form'))).toEqual(['contact', 'campaign']);
    expect(groups[0].textContent).toContain('联系人');
    expect(screen.getAllByTestId('related-count').map((count) => count.textContent)).toEqual(['1 条', '约 12000 条']);
    expect(bodies.contact).toEqual({ filter: { '==': [{ var: 'customer' }, 'c1'] }, limit: 20 });
    expect(bodies.campaign).toEqual({ filter: { containsAny: [{ var: 'customers' }, ['c1']] }, limit: 20 });
    const row = screen.getByTestId('related-row');
    expect(row.textContent).toContain('张三');
    expect(row.textContent).toContain('13900001111');
    fireEvent.click(row);
    await waitFor(() => expect(router.state.location.pathname).toBe('/apps/crm/forms/contact/records/p1'));
  });

  it('makes a new record of a referencing form already linked to this one', async () => {
    await changeLocale('zh-CN');
    const { router } = setup({ contact: page([], 0), campaign: page([], 0), contract: page([], 0) });
    const groups = await screen.findAllByTestId('related-group');
    const contract = groups.find((group) => group.getAttribute('data-form') === 'contract')!;
    fireEvent.click(contract.querySelector('[data-testid="related-new"]')!);
    await waitFor(() => expect(router.state.location.pathname).toBe('/apps/crm/forms/contract/records/new'));
    expect(router.state.location.search).toBe('?relation=customer&record=c1');
  });

  it('shows the empty state when nothing links here', async () => {
    await changeLocale('en-US');
    setup({ contact: page([], 0), campaign: page([], 0) });
    expect(await screen.findByTestId('related-empty')).toBeTruthy();
    expect(screen.getByText('No records link here yet')).toBeTruthy();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import type { FormMeta } from '../../api/types';
import { changeLocale } from '../../i18n';
import { draftFromForm } from '../../lib/form-designer/payload';
import { fieldTypeInfos, sampleDraft } from '../../test/sample-form-design';
import { FormDesigner } from './form-designer';

type Call = { url: string; method: string; body: unknown };
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const customer = {
  key: 'customer',
  name: '客户',
  version: 2,
  fields: [
    { key: 'company', type: 'text', label: '公司名称' },
    { key: 'status', type: 'select', label: '状态', options: { options: [{ key: 'on', label: '合作中' }, { key: 'off', label: '已流失' }] } },
    { key: 'owner', type: 'member', label: '负责人' },
  ],
} as FormMeta;

function renderDesigner() {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const call = { url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    if (call.method === 'PATCH') return json({ ...(call.body as object), version: 4 });
    return json({ items: [], nextCursor: null, total: 0, totalIsEstimate: false });
  }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const path = '/apps/crm/forms/deal/design';
  const designer = <FormDesigner appKey="crm" app={undefined} initial={draftFromForm(sampleDraft())} version={3} fieldTypes={fieldTypeInfos()} forms={[customer]} backTo="/apps/crm" />;
  const router = createMemoryRouter([{ path, element: designer }], { initialEntries: [path] });
  render(
    <QueryClientProvider client={client}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
  return calls;
}

const selectField = (key: string) => fireEvent.click(document.querySelector(`[data-testid="canvas-field"][data-field-key="${key}"]`)!);
/** Opens an antd Select and clicks the option showing `text` (the last one: earlier dropdowns stay mounted). */
async function pick(select: HTMLElement, text: string) {
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select.querySelector('.ant-select') ?? select);
  await waitFor(() => expect([...document.querySelectorAll('.ant-select-item-option')].some((option) => option.textContent === text)).toBe(true));
  const options = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].filter((option) => option.textContent === text);
  fireEvent.click(options[options.length - 1]);
}

async function save(calls: Call[]) {
  await act(async () => fireEvent.click(screen.getByTestId('designer-save')));
  await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
  return calls.find((call) => call.method === 'PATCH')!.body as { fields: { key: string; options?: Record<string, unknown> }[]; settings: Record<string, unknown> };
}

beforeEach(async () => {
  await changeLocale('zh-CN');
});
afterEach(() => vi.unstubAllGlobals());

describe('form designer: defaults, relation filters, stage gates', { timeout: 60_000 }, () => {
  it('sets a fixed default with the field’s own control, then a live-checked formula, then a copy', async () => {
    const calls = renderDesigner();
    selectField('stage');
    const editor = screen.getByTestId('default-editor');
    expect(within(editor).getByTestId('default-mode-none')).toBeTruthy();
    fireEvent.click(within(editor).getByTestId('default-mode-fixed'));
    // The select's own choices.
    await pick(screen.getByTestId('default-fixed'), '输单');
    await waitFor(() => expect(screen.getByTestId('default-fixed').querySelector('.ant-select-content, .ant-select-selection-item')?.textContent).toBe('输单'));
    // The canvas shows the field as a new record will start.
    expect(document.querySelector('[data-testid="canvas-field"][data-field-key="stage"]')?.textContent).toContain('输单');
    fireEvent.click(within(editor).getByTestId('default-mode-formula'));
    const formula = screen.getByTestId('default-formula');
    fireEvent.change(formula, { target: { value: 'amount +' } });
    expect(screen.getByTestId('formula-issues').textContent).not.toBe('');
    fireEvent.change(formula, { target: { value: 'IF(amount > 1000, "open", "lost")' } });
    expect(screen.getByTestId('formula-ok')).toBeTruthy();

    // A text field copies another text field of the form.
    selectField('notes');
    fireEvent.click(within(screen.getByTestId('default-editor')).getByTestId('default-mode-from'));
    await pick(screen.getByTestId('default-from'), '名称');

    const body = await save(calls);
    const options = (key: string) => body.fields.find((field) => field.key === key)?.options;
    expect(options('stage')).toEqual({ options: [{ key: 'open', label: '进行中' }, { key: 'lost', label: '输单' }], defaultFormula: 'IF(amount > 1000, "open", "lost")' });
    expect(options('notes')).toEqual({ defaultFrom: 'name' });
  });

  it('limits a relation’s records with the condition builder over the target form and a current-user test', async () => {
    const calls = renderDesigner();
    fireEvent.click(screen.getByTestId('palette-relation'));
    const filter = await screen.findByTestId('relation-filter');
    fireEvent.click(within(filter).getByTestId('condition-add'));
    const row = within(filter).getByTestId('condition-row');
    await pick(within(row).getByTestId('condition-field'), '状态');
    await pick(within(row).getByTestId('condition-value'), '合作中');
    fireEvent.click(within(filter).getByTestId('relation-filter-user-owner').querySelector('input')!);
    expect(within(filter).getByTestId('relation-filter-user-owner').textContent).toContain('“负责人”是当前用户');

    const body = await save(calls);
    expect(body.fields.find((field) => field.key === 'relation_1')?.options).toEqual({
      targetForm: 'customer',
      multiple: false,
      onDelete: 'block',
      filter: { and: [{ in: [{ var: 'status' }, ['on']] }, { '==': [{ var: 'owner' }, { var: '$user.id' }] }] },
    });
  });

  it('sets stage gates in the form settings: the stage field, then the fields each stage requires', async () => {
    const calls = renderDesigner();
    fireEvent.click(screen.getByTestId('form-designer-canvas'));
    const gates = screen.getByTestId('stage-gates');
    expect(within(gates).queryByTestId('stage-gate-lost')).toBeNull();
    await pick(within(gates).getByTestId('stage-gate-field'), '阶段');
    await pick(await screen.findByTestId('stage-gate-lost'), '备注');
    await pick(screen.getByTestId('stage-gate-lost'), '金额');

    const body = await save(calls);
    expect(body.settings).toEqual({ titleField: 'name', columns: 2, stageGates: { field: 'stage', requirements: { lost: ['notes', 'amount'] } } });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { changeLocale } from '../../i18n';
import { draftFromForm, newFormDraft } from '../../lib/form-designer/payload';
import { fieldTypeInfos, sampleDraft } from '../../test/sample-form-design';
import { FormDesigner } from './form-designer';

type Call = { url: string; method: string; body: unknown };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function stubApi(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const call = { url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined };
    calls.push(call);
    if (call.method === 'GET') return json({ items: [] });
    return answer(call);
  }));
  return calls;
}

function renderDesigner(version: number | null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const initial = version === null ? newFormDraft('visit', '客户回访') : draftFromForm(sampleDraft());
  const path = version === null ? '/apps/crm/forms/new/design' : '/apps/crm/forms/deal/design';
  const designer = <FormDesigner appKey="crm" app={undefined} initial={initial} version={version} fieldTypes={fieldTypeInfos()} forms={[]} backTo="/apps/crm" />;
  const router = createMemoryRouter([{ path, element: designer }, { path: '*', element: <div data-testid="elsewhere" /> }], { initialEntries: [path] });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
}

const canvasKeys = () => [...document.querySelectorAll('[data-testid="canvas-container"][data-container="root"] [data-testid="canvas-field"]')].map((node) => node.getAttribute('data-field-key'));

beforeEach(async () => {
  await changeLocale('zh-CN');
});
afterEach(() => vi.unstubAllGlobals());

describe('FormDesigner', () => {
  it('adds fields by clicking the palette, after the selection, and edits them in the panel; undo takes an edit back', async () => {
    stubApi(() => json({}));
    renderDesigner(null);
    // Every type is in the palette, under its group.
    expect(screen.getByTestId('form-designer-palette').textContent).toContain('基础字段');
    expect(screen.getAllByTestId(/^palette-/)).toHaveLength(fieldTypeInfos().length);
    fireEvent.click(screen.getByTestId('palette-text'));
    fireEvent.click(screen.getByTestId('palette-number'));
    // The selection is the number: a select added now goes after it; selecting the text puts the next after the text.
    fireEvent.click(screen.getByTestId('palette-select'));
    fireEvent.click(document.querySelector('[data-field-key="text_1"]')!);
    fireEvent.click(screen.getByTestId('palette-date'));
    expect(canvasKeys()).toEqual(['text_1', 'date_1', 'number_1', 'select_1']);

    const panel = screen.getByTestId('field-panel');
    expect(panel.getAttribute('data-field-key')).toBe('date_1');
    fireEvent.change(within(panel).getByTestId('prop-label-zh'), { target: { value: '回访日期' } });
    expect(document.querySelector('[data-field-key="date_1"]')?.textContent).toContain('回访日期');
    fireEvent.click(screen.getByTestId('designer-undo'));
    expect(document.querySelector('[data-field-key="date_1"]')?.textContent).toContain('日期');
    expect(document.querySelector('[data-field-key="date_1"]')?.textContent).not.toContain('回访日期');

    // Move up with the toolbar; remove with Delete.
    fireEvent.click(screen.getByTestId('field-move-down'));
    expect(canvasKeys()).toEqual(['text_1', 'number_1', 'date_1', 'select_1']);
    fireEvent.keyDown(document.body, { key: 'Delete' });
    expect(canvasKeys()).toEqual(['text_1', 'number_1', 'select_1']);
  });

  it('saves a new form with POST, and puts the server’s issues on their fields', async () => {
    const calls = stubApi(() => json({
      code: 'VALIDATION_FAILED',
      message: 'invalid',
      details: { issues: [{ path: ['fields', 0, 'options', 'maxLength'], code: 'invalid_maximum', message: 'must be <= 10000' }] },
    }, 400));
    renderDesigner(null);
    fireEvent.click(screen.getByTestId('palette-text'));
    await act(async () => fireEvent.click(screen.getByTestId('designer-save')));
    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.url).toBe('/api/apps/crm/forms');
    expect(post.body).toEqual({ key: 'visit', name: '客户回访', fields: [{ key: 'text_1', type: 'text', label: '单行文本' }] });
    await waitFor(() => expect(screen.getByTestId('canvas-field-issue').textContent).toContain('数值太大'));
  });

  it('asks before saving a removal, with the number of records holding a value', async () => {
    const calls = stubApi((call) => (call.url.endsWith('/records/query') ? json({ items: [], nextCursor: null, total: 7, totalIsEstimate: false }) : json({ ...sampleDraft(), version: 4 })));
    renderDesigner(3);
    fireEvent.click(document.querySelector('[data-field-key="notes"]')!);
    fireEvent.click(screen.getByTestId('field-remove'));
    await act(async () => fireEvent.click(screen.getByTestId('designer-save')));
    const item = await screen.findByTestId('destructive-item');
    expect(item.textContent).toContain('备注');
    await waitFor(() => expect(item.textContent).toContain('7 条记录有值'));
    const query = calls.find((call) => call.url.endsWith('/records/query'))!;
    expect(query.body).toEqual({ filter: { isNotEmpty: [{ var: 'notes' }] }, limit: 1 });
    expect(calls.some((call) => call.method === 'PATCH')).toBe(false);
    await act(async () => fireEvent.click(screen.getByTestId('destructive-ok')));
    await waitFor(() => expect(calls.some((call) => call.method === 'PATCH')).toBe(true));
    const patch = calls.find((call) => call.method === 'PATCH')!;
    expect(patch.url).toBe('/api/apps/crm/forms/deal');
    expect(patch.body).toMatchObject({ version: 3, fields: [{ key: 'name' }, { key: 'stage' }, { key: 'amount' }, { key: 'more' }] });
  });
});

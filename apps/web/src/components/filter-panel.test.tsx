import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FieldDefinition } from '@platform/schema';
import { ADDRESS_PART_KEYS } from '@platform/form-engine';
import zhCN from '../locales/zh-CN.json';
import enUS from '../locales/en-US.json';
import { changeLocale } from '../i18n';
import { FilterPanel } from './filter-panel';
import type { FilterCondition } from '../lib/filter-conditions';

vi.mock('../hooks/use-lookups', () => ({ useUsers: () => ({ users: [] }), useDepartments: () => ({ departments: [] }) }));

const fields: FieldDefinition[] = [
  { key: 'name', type: 'text', label: { 'zh-CN': '名称', 'en-US': 'Name' } },
  { key: 'home', type: 'address', label: { 'zh-CN': '地址', 'en-US': 'Address' } },
];

function renderPanel(conditions: FilterCondition[], onChange = vi.fn()) {
  const client = new QueryClient();
  render(<QueryClientProvider client={client}><FilterPanel fields={fields} conditions={conditions} onChange={onChange} /></QueryClientProvider>);
  return onChange;
}

const openSelect = (label: string, index = 0) => fireEvent.mouseDown(screen.getAllByLabelText(label)[index]);
const optionTexts = () => [...document.querySelectorAll('.ant-select-item-option')].map((element) => element.textContent);

describe('FilterPanel: address parts', () => {
  it('offers each part of an address as a field of its own, in the user\'s language', async () => {
    await changeLocale('en-US');
    renderPanel([{ id: 'c1', field: 'name', operator: 'contains' }]);
    openSelect('Field');
    await waitFor(() => expect(optionTexts()).toEqual(['Name', 'Address', 'Address · Province', 'Address · City', 'Address · District', 'Address · Street address']));
  });

  it('picks a city from the region data and filters on the part', async () => {
    await changeLocale('zh-CN');
    const onChange = renderPanel([{ id: 'c1', field: 'home.city', operator: '==' }]);
    expect(screen.getByTestId('filter-region')).toBeTruthy();
    openSelect('值');
    const search = screen.getAllByLabelText('值')[0];
    fireEvent.change(search, { target: { value: '深圳' } });
    const option = await waitFor(() => {
      const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((element) => element.textContent === '深圳市 · 广东省');
      if (!found) throw new Error(`深圳市 is not offered: ${optionTexts().slice(0, 5).join(', ')}`);
      return found;
    });
    act(() => fireEvent.click(option));
    expect(onChange).toHaveBeenLastCalledWith([{ id: 'c1', field: 'home.city', operator: '==', value: '深圳市' }]);
  });
});

describe('address part labels', () => {
  it('has every part and region level the panel looks up in both languages', () => {
    for (const locale of [zhCN, enUS]) {
      for (const part of ADDRESS_PART_KEYS) expect(locale.filter.addressParts[part]).toMatch(/\S/);
      for (const level of ['province', 'city', 'district'] as const) expect(locale.filter.pickRegion[level]).toMatch(/\S/);
    }
  });
});

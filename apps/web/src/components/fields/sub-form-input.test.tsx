import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { FieldDefinition } from '@platform/schema';
import i18n, { changeLocale } from '../../i18n';
import type { FieldInputContext } from '../field-input';
import { SubFormInput } from './sub-form-input';
import { columnTotals, subFormProblems, type SubFormRow } from './sub-form-rows';
import { displayText, formatFieldValue } from '../../lib/format-value';

const lines: FieldDefinition = {
  key: 'lines',
  type: 'subForm',
  label: '报价明细',
  options: {
    minRows: 1,
    maxRows: 2,
    fields: [
      { key: 'product', type: 'text', label: '产品', required: true },
      { key: 'qty', type: 'number', label: '数量', options: { decimals: 0 } },
      { key: 'price', type: 'money', label: '单价', options: { decimals: 2 } },
      { key: 'amount', type: 'formula', label: '小计', options: { expression: 'qty * price', resultType: 'number', decimals: 2 } },
    ],
  },
};

const context = (isMobile = false): FieldInputContext => ({
  locale: 'zh-CN',
  users: [],
  departments: [],
  isMobile,
  placeholders: { select: '请选择', input: '请输入', url: 'https://' },
});

function Harness({ initial = [], onChange, isMobile }: { initial?: SubFormRow[]; onChange?: (rows: SubFormRow[]) => void; isMobile?: boolean }) {
  const [value, setValue] = useState<SubFormRow[]>(initial);
  return (
    <SubFormInput
      field={lines}
      context={context(isMobile)}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
    />
  );
}

const rows = () => screen.getAllByTestId('sub-form-row');
const cellInput = (row: HTMLElement, key: string) => {
  const input = within(row).getByTestId(`sub-form-cell-${key}`).querySelector('input');
  if (!input) throw new Error(`no input in ${key}`);
  return input;
};

beforeEach(async () => {
  await changeLocale('zh-CN');
});

describe('SubFormInput', () => {
  it('adds rows up to maxRows, computes the row formula live and totals the numbers', () => {
    const onChange = vi.fn();
    render(<Harness onChange={onChange} />);
    const add = screen.getByTestId('sub-form-add-lines');
    expect(screen.getByTestId('sub-form-lines').textContent).toContain('至少 1 行 · 最多 2 行');

    fireEvent.click(add);
    expect(rows()).toHaveLength(1);
    fireEvent.change(cellInput(rows()[0], 'product'), { target: { value: '年度订阅' } });
    fireEvent.change(cellInput(rows()[0], 'qty'), { target: { value: '3' } });
    fireEvent.change(cellInput(rows()[0], 'price'), { target: { value: '1200.5' } });
    expect(within(rows()[0]).getByTestId('sub-form-cell-amount').textContent).toBe('3,601.50');

    fireEvent.click(add);
    fireEvent.change(cellInput(rows()[1], 'qty'), { target: { value: '2' } });
    fireEvent.change(cellInput(rows()[1], 'price'), { target: { value: '100' } });
    expect(within(rows()[1]).getByTestId('sub-form-cell-amount').textContent).toBe('200.00');

    expect(screen.getByTestId('sub-form-total-qty').textContent).toBe('5');
    expect(screen.getByTestId('sub-form-total-price').textContent).toBe('¥1,300.50');
    expect(screen.getByTestId('sub-form-total-amount').textContent).toBe('3,801.50');
    // maxRows reached: no third row.
    expect(screen.getByTestId('sub-form-add-lines').hasAttribute('disabled')).toBe(true);

    // The value sent holds the editable columns only: the formula is the server's to store.
    expect(onChange).toHaveBeenLastCalledWith([
      { product: '年度订阅', qty: 3, price: 1200.5 },
      { product: null, qty: 2, price: 100 },
    ]);
  });

  it('keeps a stored row id through edits and moves, and keeps minRows', () => {
    const onChange = vi.fn();
    render(<Harness initial={[{ id: 'r1', product: 'A', qty: 1, price: 5, amount: 5 }, { id: 'r2', product: 'B', qty: 2, price: 1, amount: 2 }]} onChange={onChange} />);
    fireEvent.change(cellInput(rows()[0], 'qty'), { target: { value: '4' } });
    expect(onChange).toHaveBeenLastCalledWith([
      { id: 'r1', product: 'A', qty: 4, price: 5 },
      { id: 'r2', product: 'B', qty: 2, price: 1 },
    ]);
    expect(within(rows()[0]).getByTestId('sub-form-cell-amount').textContent).toBe('20.00');

    fireEvent.click(within(rows()[1]).getByLabelText('上移'));
    expect(onChange).toHaveBeenLastCalledWith([
      { id: 'r2', product: 'B', qty: 2, price: 1 },
      { id: 'r1', product: 'A', qty: 4, price: 5 },
    ]);
    expect((cellInput(rows()[0], 'product') as HTMLInputElement).value).toBe('B');

    fireEvent.click(within(rows()[0]).getByTestId('sub-form-remove'));
    expect(onChange).toHaveBeenLastCalledWith([{ id: 'r1', product: 'A', qty: 4, price: 5 }]);
    // One row left and minRows is 1: it cannot be removed.
    expect(within(rows()[0]).getByTestId('sub-form-remove').hasAttribute('disabled')).toBe(true);
  });

  it('shows each row as a card on a phone, with the totals below', () => {
    render(<Harness isMobile initial={[{ id: 'r1', product: 'A', qty: 2, price: 3 }]} />);
    expect(screen.getByTestId('sub-form-lines').className).toContain('sub-form--cards');
    expect(screen.queryByRole('table')).toBeNull();
    expect(rows()[0].textContent).toContain('第 1 行');
    expect(within(rows()[0]).getByTestId('sub-form-cell-amount').textContent).toBe('6.00');
    expect(screen.getByTestId('sub-form-total-amount').textContent).toContain('6.00');
  });
});

describe('sub-form checks', () => {
  it('names the row and column of each problem, and the row limits', () => {
    const t = i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
    expect(subFormProblems(lines, [], 'zh-CN', t)).toEqual(['至少需要填写 1 行']);
    expect(subFormProblems(lines, [{ product: 'A' }, { product: null, qty: 1 }], 'zh-CN', t)).toEqual(['第 2 行“产品”：必填']);
    expect(subFormProblems(lines, [{ product: 'A' }, { product: 'B' }, { product: 'C' }], 'zh-CN', t)).toEqual(['最多只能填写 2 行']);
  });

  it('totals to the column decimals', () => {
    const columns = (lines.options?.fields as FieldDefinition[]).filter((column) => column.key === 'price');
    expect(columnTotals([{ price: 0.1 }, { price: 0.2 }, { price: null }], columns)).toEqual({ price: 0.3 });
    expect(columnTotals([{ price: null }], columns)).toEqual({ price: null });
  });

  it('count as rows in cells, in the user\'s language', async () => {
    const show = () => displayText(formatFieldValue(lines, [{ id: 'a' }, { id: 'b' }, { id: 'c' }], {
      locale: i18n.language, yes: '', no: '', countLabel: (count) => i18n.t('value.count', { count }), rowCountLabel: (count) => i18n.t('value.rows', { count }),
    }));
    expect(show()).toBe('3 行');
    await changeLocale('en-US');
    expect(show()).toBe('3 rows');
    await changeLocale('zh-CN');
  });
});

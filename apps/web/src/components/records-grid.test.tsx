import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import type { FieldDefinition } from '@platform/schema';
import type { RecordItem } from '../api/types';
import type { FormatContext } from '../lib/format-value';
import { buildColumns } from '../lib/record-columns';
import { RecordsGrid, type GridSelection } from './records-grid';

const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const fields: FieldDefinition[] = [
  { key: 'title', type: 'text', label: label('标题', 'Title') },
  { key: 'status', type: 'select', label: label('状态', 'Status'), options: { options: [{ key: 'open', label: label('处理中', 'Open'), color: '#1677ff' }, { key: 'done', label: label('已完成', 'Done') }] } },
  { key: 'owner', type: 'member', label: label('负责人', 'Owner') },
];
const columns = buildColumns(fields);
const record = (n: number): RecordItem =>
  ({ id: `r${n}`, data: { title: `Ticket ${n}`, status: n % 2 ? 'open' : 'done', owner: `u${n}` }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1 }) as unknown as RecordItem;
const rows = Array.from({ length: 200 }, (_v, i) => record(i + 1));

// happy-dom lays nothing out: the grid's scroll box says it is 900 px high, so about 20 rows are in view.
const boxSize = (name: 'clientHeight' | 'clientWidth', size: number) => {
  const real = Object.getOwnPropertyDescriptor(HTMLElement.prototype, name);
  Object.defineProperty(HTMLElement.prototype, name, {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'records-grid' ? size : (real?.get?.call(this) ?? 0);
    },
  });
  return () => {
    if (real) Object.defineProperty(HTMLElement.prototype, name, real);
  };
};
const restore: (() => void)[] = [];
beforeAll(() => {
  restore.push(boxSize('clientHeight', 900), boxSize('clientWidth', 1200));
});
afterAll(() => restore.forEach((undo) => undo()));

function Harness({ formatContext, onOpen }: { formatContext: FormatContext; onOpen: (record: RecordItem) => void }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A new selection object on every change, as the records page makes it.
  const selection: GridSelection = {
    selected,
    onToggle: (id) => setSelected((current) => { const next = new Set(current); if (!next.delete(id)) next.add(id); return next; }),
    onToggleAll: () => setSelected((current) => (current.size === rows.length ? new Set() : new Set(rows.map((row) => row.id)))),
  };
  return (
    <RecordsGrid
      columns={columns}
      rows={rows}
      sort={[]}
      onSort={() => undefined}
      onOpen={onOpen}
      formatContext={formatContext}
      hasNextPage={false}
      isFetchingNextPage={false}
      fetchNextPage={() => undefined}
      selection={selection}
    />
  );
}

function setup() {
  const userName = vi.fn((id: string) => `User ${id}`);
  const formatContext: FormatContext = { locale: 'zh-CN', yes: '是', no: '否', userName };
  const onOpen = vi.fn();
  render(<Harness formatContext={formatContext} onOpen={onOpen} />);
  return { userName, onOpen };
}

const rowOf = (id: string) => document.querySelector(`[data-testid="record-row"][data-record-id="${id}"]`) as HTMLElement;

describe('RecordsGrid', () => {
  it('renders only the rows in view, with formatted cells and coloured tags', () => {
    setup();
    const shown = screen.getAllByTestId('record-row');
    expect(shown.length).toBeGreaterThan(15);
    expect(shown.length).toBeLessThan(40);
    const first = rowOf('r1');
    expect(first.textContent).toContain('Ticket 1');
    expect(first.textContent).toContain('User u1');
    const tag = within(first).getByText('处理中');
    expect(tag.className).toContain('cell-tag');
    expect(tag.style.color).toBe('#1677ff');
    // An option without a colour keeps the neutral look.
    expect(within(rowOf('r2')).getByText('已完成').getAttribute('style')).toBeNull();
  });

  it('a row checkbox selects the row without opening it; another row does not render again', () => {
    const { userName, onOpen } = setup();
    const before = userName.mock.calls.length;
    const box = within(rowOf('r3')).getByTestId('select-row') as HTMLInputElement;
    expect(box.getAttribute('type')).toBe('checkbox');
    expect(box.getAttribute('aria-label')).toBe('选择此记录');
    fireEvent.click(box);
    expect(box.checked).toBe(true);
    expect(rowOf('r3').getAttribute('aria-selected')).toBe('true');
    expect(rowOf('r3').className).toContain('records-grid__row--checked');
    expect(onOpen).not.toHaveBeenCalled();
    // Only the toggled row formatted its cells again (one member cell: one name looked up).
    expect(userName.mock.calls.slice(before).map(([id]) => id)).toEqual(['u3']);
  });

  it('keyboard: Space toggles the focused row, Enter opens it; a click opens it', () => {
    const { onOpen } = setup();
    const row = rowOf('r5');
    fireEvent.keyDown(row, { key: ' ' });
    expect(rowOf('r5').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(rowOf('r5'), { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(rows[4]);
    fireEvent.click(within(rowOf('r6')).getByText('Ticket 6'));
    expect(onOpen).toHaveBeenLastCalledWith(rows[5]);
  });

  it('frozen cells are sticky only while the table is scrolled sideways', () => {
    setup();
    const grid = screen.getByTestId('records-grid');
    const boxCell = within(rowOf('r1')).getByTestId('select-row').closest('[role="gridcell"]') as HTMLElement;
    expect(boxCell.className).toContain('records-grid__cell--frozen');
    expect(boxCell.style.position).toBe('');
    expect(grid.className).not.toContain('records-grid--sideways');
    grid.scrollLeft = 120;
    fireEvent.scroll(grid);
    expect(grid.className).toContain('records-grid--sideways');
    grid.scrollLeft = 0;
    fireEvent.scroll(grid);
    expect(grid.className).not.toContain('records-grid--sideways');
  });

  it('select all checks every row; the header box shows some when only some are', () => {
    setup();
    fireEvent.click(within(rowOf('r1')).getByTestId('select-row'));
    const all = screen.getByTestId('select-all');
    expect(all.closest('.ant-checkbox')?.className).toContain('ant-checkbox-indeterminate');
    fireEvent.click(all);
    expect(screen.getAllByTestId('select-row').every((box) => (box as HTMLInputElement).checked)).toBe(true);
    expect(all.closest('.ant-checkbox')?.className).toContain('ant-checkbox-checked');
  });

  it('keyboard: arrows, page keys, Home and End move focus between rows; only one row is in the tab order', async () => {
    setup();
    const grid = screen.getByTestId('records-grid');
    expect(rowOf('r1').tabIndex).toBe(0);
    expect(rowOf('r2').tabIndex).toBe(-1);
    act(() => rowOf('r1').focus());
    fireEvent.keyDown(rowOf('r1'), { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(rowOf('r2')));
    expect(rowOf('r2').tabIndex).toBe(0);
    expect(rowOf('r1').tabIndex).toBe(-1);
    fireEvent.keyDown(rowOf('r2'), { key: 'ArrowUp' });
    await waitFor(() => expect(document.activeElement).toBe(rowOf('r1')));
    // A page: the rows that fit below the header (900 - 44 px of 44 px rows), less one kept in view.
    fireEvent.keyDown(rowOf('r1'), { key: 'PageDown' });
    await waitFor(() => expect(document.activeElement).toBe(rowOf('r19')));
    // End: the table scrolls to the last row, which is focused once it is rendered.
    fireEvent.keyDown(rowOf('r19'), { key: 'End' });
    expect(grid.scrollTop).toBe(44 + 199 * 44 + 44 - 900);
    fireEvent.scroll(grid);
    await waitFor(() => expect(document.activeElement).toBe(rowOf('r200')));
    // With a modifier the keys are left to the browser.
    fireEvent.keyDown(rowOf('r200'), { key: 'Home', ctrlKey: true });
    expect(grid.scrollTop).toBe(44 + 199 * 44 + 44 - 900);
  });

  it('a fast scroll builds a few rows per frame, those in view first; the others are built in the next frames', async () => {
    setup();
    const grid = screen.getByTestId('records-grid');
    const rowElements = () => screen.getAllByTestId('record-row');
    const before = new Set(rowElements());
    const place = (row: HTMLElement) => Number(row.getAttribute('aria-rowindex')) - 2;
    // A jump of 100 rows: every row in view is new.
    grid.scrollTop = 100 * 44;
    fireEvent.scroll(grid);
    // Three rows are built (in view, top down); the others wait (the row group is busy meanwhile).
    expect(screen.getByRole('rowgroup').getAttribute('aria-busy')).toBe('true');
    const inView = rowElements().filter((row) => place(row) >= 98);
    expect(inView.map((row) => row.getAttribute('data-record-id')).sort()).toEqual(['r100', 'r101', 'r102']);
    // The other row elements still show rows from before the jump (out of view), kept for the rows to come.
    expect(rowElements().every((row) => place(row) >= 98 || place(row) < 30)).toBe(true);
    await waitFor(() => expect(screen.getByRole('rowgroup').getAttribute('aria-busy')).toBeNull());
    expect(rowOf('r110').textContent).toContain('Ticket 110');
    // The rows now shown reuse the elements of the rows shown before; only the few spare slots the top of
    // the list left unused (no rows above the view there) got elements of their own.
    expect(rowElements().filter((row) => !before.has(row)).length).toBeLessThanOrEqual(5);
    expect(rowElements().filter((row) => before.has(row)).length).toBeGreaterThan(15);
    // Slots no row in view needs keep the row they showed, out of view.
    expect(rowElements().filter((row) => place(row) < 97).length).toBeLessThanOrEqual(5);
  });

  it('a focused row that scrolls away leaves focus rather than hand it to the row that takes its elements', async () => {
    setup();
    const grid = screen.getByTestId('records-grid');
    act(() => rowOf('r2').focus());
    expect(document.activeElement).toBe(rowOf('r2'));
    grid.scrollTop = 120 * 44;
    fireEvent.scroll(grid);
    await waitFor(() => expect(screen.getByRole('rowgroup').getAttribute('aria-busy')).toBeNull());
    const focused = document.activeElement as HTMLElement;
    expect(focused.dataset.testid === 'record-row' ? focused.dataset.recordId : 'none').toMatch(/^(r2|none)$/);
    // Back at the top, the row last focused is the one in the tab order.
    grid.scrollTop = 0;
    fireEvent.scroll(grid);
    await waitFor(() => expect(rowOf('r2').tabIndex).toBe(0));
  });

  it('rows keep their elements while the list scrolls; each shows its own record in its place', async () => {
    setup();
    const grid = screen.getByTestId('records-grid');
    const first = new Set(screen.getAllByTestId('record-row'));
    for (const rows of [3, 7, 40, 39, 120]) {
      grid.scrollTop = rows * 44;
      fireEvent.scroll(grid);
    }
    // Once the rows waiting are built, each element shows the row its place says.
    await waitFor(() => expect(screen.getByRole('rowgroup').getAttribute('aria-busy')).toBeNull());
    const shown = screen.getAllByTestId('record-row');
    for (const row of shown) {
      const index = Number(row.getAttribute('aria-rowindex')) - 2;
      expect(row.getAttribute('data-record-id')).toBe(`r${index + 1}`);
      expect(row.textContent).toContain(`Ticket ${index + 1}`);
      expect(row.style.transform).toBe(`translateY(${index * 44}px)`);
    }
    expect(shown.filter((row) => !first.has(row)).length).toBeLessThanOrEqual(5);
  });
});

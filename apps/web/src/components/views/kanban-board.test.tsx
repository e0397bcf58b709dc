import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FieldDefinition } from '@platform/schema';
import type { RecordItem } from '../../api/types';
import { changeLocale } from '../../i18n';
import { buildColumns } from '../../lib/record-columns';
import { KanbanBoard, type KanbanBoardProps } from './kanban-board';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
const stage: FieldDefinition = { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'new', label: '新建' }, { key: 'won', label: '赢单' }] } };
const fields: FieldDefinition[] = [{ key: 'name', type: 'text', label: '名称' }, stage];
const record = (id: string, value: string | null): RecordItem => ({ id, data: { name: id, stage: value }, version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', createdBy: null, ownerId: null });
const columns = buildColumns(fields);

/** Answers each lane's count query with the total of that lane; records what was asked. */
function stubTotals(totals: Record<string, number>, estimate = false) {
  const bodies: { filter: unknown; limit: number; fields: string[] }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (_url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body));
    bodies.push(body);
    const text = JSON.stringify(body.filter);
    const lane = Object.keys(totals).find((key) => (key === 'empty' ? text.includes('isEmpty') : text.includes(`["${key}"]`)));
    return json({ items: [], nextCursor: 'x', total: lane ? totals[lane] : 0, totalIsEstimate: estimate });
  }));
  return bodies;
}

function board(client: QueryClient, overrides: Partial<KanbanBoardProps> = {}) {
  const props: KanbanBoardProps = {
    appKey: 'crm', formKey: 'deal', filter: { '>': [{ var: 'amount' }, 100] }, field: stage,
    rows: [record('a', 'new'), record('b', 'new'), record('c', 'won')],
    titleColumn: columns[0], detailColumns: [], formatContext: { locale: 'zh-CN', yes: '是', no: '否' },
    canMove: true, onMove: () => undefined, pendingIds: new Set(), onOpen: () => undefined,
    hasNextPage: true, isFetchingNextPage: false, fetchNextPage: () => undefined, isMobile: false,
    ...overrides,
  };
  return (
    <QueryClientProvider client={client}>
      <App>
        <KanbanBoard {...props} />
      </App>
    </QueryClientProvider>
  );
}

const counts = () => ['new', 'won', '__empty__'].map((lane) => screen.getByTestId(`kanban-lane-${lane}`).querySelector('[data-testid="kanban-lane-count"]')?.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('KanbanBoard lane counts', () => {
  it('shows each lane’s total under the list’s filter, not only the loaded cards', async () => {
    await changeLocale('zh-CN');
    const bodies = stubTotals({ new: 37, won: 5, empty: 2 });
    render(board(new QueryClient({ defaultOptions: { queries: { retry: false } } })));
    // The loaded cards first, then the server's totals.
    expect(counts()).toEqual(['2', '1', '0']);
    await waitFor(() => expect(counts()).toEqual(['37', '5', '2']));
    expect(screen.getByTestId('kanban-lane-new').querySelector('[data-testid="kanban-lane-count"]')?.getAttribute('title')).toBe('共 37 条');
    expect(bodies).toHaveLength(3);
    expect(bodies).toContainEqual({ filter: { and: [{ '>': [{ var: 'amount' }, 100] }, { in: [{ var: 'stage' }, ['won']] }] }, limit: 1, fields: ['stage'] });
    expect(bodies).toContainEqual({ filter: { and: [{ '>': [{ var: 'amount' }, 100] }, { isEmpty: [{ var: 'stage' }] }] }, limit: 1, fields: ['stage'] });
  });

  it('asks again once a moved card has been saved, and marks estimates', async () => {
    await changeLocale('zh-CN');
    const bodies = stubTotals({ new: 12000, won: 5 }, true);
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const view = render(board(client, { pendingIds: new Set(['a']) }));
    await waitFor(() => expect(counts()).toEqual(['~12000', '~5', '~0']));
    expect(bodies).toHaveLength(3);
    // Cached: the same board again asks nothing.
    view.rerender(board(client, { pendingIds: new Set(['a']) }));
    expect(bodies).toHaveLength(3);
    // The move is done (nothing pending): every lane counts again.
    view.rerender(board(client, { pendingIds: new Set() }));
    await waitFor(() => expect(bodies).toHaveLength(6));
  });
});

describe('KanbanBoard keyboard', () => {
  const cardOf = (id: string) => document.querySelector<HTMLElement>(`[data-testid="kanban-card"][data-record-id="${id}"]`)!;
  const focused = () => (document.activeElement as HTMLElement | null)?.dataset.recordId;
  const press = (key: string) => fireEvent.keyDown(document.activeElement!, { key });

  it('moves focus along a lane and to the next lane with cards, and opens with Enter', async () => {
    await changeLocale('zh-CN');
    stubTotals({});
    const opened: string[] = [];
    const rows = [record('a', 'new'), record('b', 'new'), record('d', 'new'), record('c', 'won'), record('e', null)];
    render(board(new QueryClient({ defaultOptions: { queries: { retry: false } } }), { rows, onOpen: (row) => opened.push(row.id) }));
    cardOf('a').focus();
    press('ArrowDown');
    expect(focused()).toBe('b');
    press('End');
    expect(focused()).toBe('d');
    press('ArrowDown');
    expect(focused()).toBe('d');
    press('Home');
    expect(focused()).toBe('a');
    press('ArrowUp');
    expect(focused()).toBe('a');
    // Sideways: the neighbour's nearest card (happy-dom lays nothing out, so the nearest in order).
    press('ArrowRight');
    expect(focused()).toBe('c');
    press('ArrowRight');
    expect(focused()).toBe('e');
    press('ArrowRight');
    expect(focused()).toBe('e');
    press('ArrowLeft');
    expect(focused()).toBe('c');
    press('ArrowLeft');
    expect(focused()).toBe('a');
    // A modifier leaves the key to the browser.
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown', altKey: true });
    expect(focused()).toBe('a');
    press('Enter');
    expect(opened).toEqual(['a']);
  });

  it('skips empty lanes, and keys on the "move to" button do not move focus', async () => {
    await changeLocale('zh-CN');
    stubTotals({});
    render(board(new QueryClient({ defaultOptions: { queries: { retry: false } } }), { rows: [record('a', 'new'), record('e', null)] }));
    cardOf('a').focus();
    press('ArrowRight');
    expect(focused()).toBe('e');
    const move = cardOf('e').querySelector<HTMLElement>('[data-testid="kanban-move"]')!;
    move.focus();
    press('ArrowLeft');
    expect(document.activeElement).toBe(move);
  });

  it('moves within the one lane a phone shows', async () => {
    await changeLocale('zh-CN');
    stubTotals({});
    render(board(new QueryClient({ defaultOptions: { queries: { retry: false } } }), { isMobile: true }));
    cardOf('a').focus();
    press('ArrowDown');
    expect(focused()).toBe('b');
    press('ArrowRight');
    expect(focused()).toBe('b');
  });
});

import type { FieldDefinition, ViewDefinition } from './types';
import { findViewFieldIssues } from './view-issues';
import { validateViewDocument } from './validate-documents';

const fields: FieldDefinition[] = [
  { key: 'name', type: 'text', label: 'Name' },
  { key: 'stage', type: 'select', label: 'Stage', options: { options: [{ key: 'a', label: 'A' }] } },
  { key: 'level', type: 'radio', label: 'Level' },
  { key: 'close_on', type: 'date', label: 'Close' },
  { key: 'met_at', type: 'datetime', label: 'Met' },
  { key: 'split', type: 'divider', label: 'Split' },
];
const view = (over: Partial<ViewDefinition>): ViewDefinition => ({ key: 'v', formKey: 'f', name: 'V', type: 'table', ...over });

describe('validateViewDocument', () => {
  it('accepts a full table view', () => {
    expect(validateViewDocument(view({ columns: ['name'], sort: [{ field: 'name', dir: 'asc' }], columnWidths: { name: 200 }, frozenColumns: 1, filter: null }))).toEqual([]);
  });

  it.each([
    ['an unknown type', { type: 'gantt' }, ['type'], 'invalid_enum'],
    ['a bad sort direction', { sort: [{ field: 'name', dir: 'up' }] }, ['sort', 0, 'dir'], 'invalid_enum'],
    ['a narrow column', { columnWidths: { name: 5 } }, ['columnWidths', 'name'], 'invalid_minimum'],
    ['too many frozen columns', { frozenColumns: 9 }, ['frozenColumns'], 'invalid_maximum'],
    ['a repeated column', { columns: ['name', 'name'] }, ['columns'], 'invalid_uniqueItems'],
  ])('refuses %s', (_name, over, path, code) => {
    expect(validateViewDocument({ ...view({}), ...over })).toContainEqual(expect.objectContaining({ path, code }));
  });
});

describe('findViewFieldIssues', () => {
  it('accepts form and system fields', () => {
    expect(findViewFieldIssues(view({ columns: ['name', 'ownerId'], sort: [{ field: 'createdAt', dir: 'desc' }], columnWidths: { ownerId: 90 } }), fields)).toEqual([]);
  });

  it('names unknown and layout fields where they appear', () => {
    const issues = findViewFieldIssues(view({ columns: ['name', 'nope'], sort: [{ field: 'split', dir: 'asc' }], columnWidths: { ghost: 90 } }), fields);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      [['columns', 1], 'unknown_field'], [['columnWidths', 'ghost'], 'unknown_field'], [['sort', 0, 'field'], 'unknown_field'],
    ]);
  });

  it.each([
    ['kanban', 'stage', []],
    ['kanban', 'level', []],
    ['kanban', 'name', ['invalid_group_field']],
    ['kanban', undefined, ['required']],
    ['calendar', 'close_on', []],
    ['calendar', 'met_at', []],
    ['calendar', 'createdAt', []],
    ['calendar', 'stage', ['invalid_group_field']],
    ['table', 'stage', []],
    ['table', 'close_on', ['invalid_group_field']],
    ['table', undefined, []],
    ['cards', 'stage', ['invalid_group_field']],
    ['kanban', 'missing', ['unknown_field']],
  ] as const)('a %s view grouped by %s', (type, groupField, codes) => {
    const found = findViewFieldIssues(view({ type, ...(groupField ? { groupField } : {}) }), fields);
    expect(found.map((i) => i.code)).toEqual(codes);
  });
});

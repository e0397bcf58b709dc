import Ajv from 'ajv';
import { FIELD_TYPES, type FieldDefinition, type FieldType } from '@platform/schema';
import { fieldTypes } from './field-types';
import { fieldTypeFor } from './field-type-for';
import { getFieldType } from './get-field-type';
import { listFieldTypes } from './list-field-types';
import { columnName } from './column-name';
import { SYSTEM_FIELDS } from './system-fields';

/** All 40 catalog types (CATALOG.md section 1). */
const IMPLEMENTED: FieldType[] = [...FIELD_TYPES];
/** Types users cannot filter on (VALUES.md): files and sub-forms (rollups over them are). */
const NOT_FILTERABLE = new Set<FieldType>(['image', 'attachment', 'signature', 'subForm']);
const VALUES_OPERATORS = ['==', '!=', '>', '>=', '<', '<=', 'between', 'in', 'contains', 'startsWith', 'endsWith', 'containsAny', 'containsAll', 'isEmpty', 'isNotEmpty'];
const field = (type: FieldType, options?: Record<string, unknown>): FieldDefinition => ({ key: 'f', type, label: 'F', options });

describe('the registry', () => {
  it('holds exactly the implemented types, in catalog order', () => {
    expect([...fieldTypes.keys()].sort()).toEqual([...IMPLEMENTED].sort());
    const order = listFieldTypes().map((definition) => FIELD_TYPES.indexOf(definition.type));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('answers unknown and not yet implemented types with undefined', () => {
    expect(getFieldType('nope')).toBeUndefined();
    expect(getFieldType('__proto__')).toBeUndefined();
    expect(getFieldType('money')?.type).toBe('money');
  });

  it.each(IMPLEMENTED)('%s is a complete entry', (type) => {
    const definition = fieldTypeFor(field(type))!;
    expect(definition.label['zh-CN']).toMatch(/\S/);
    expect(definition.label['en-US']).toMatch(/\S/);
    expect(() => new Ajv({ strict: false }).compile(definition.optionsSchema)).not.toThrow();
    for (const operator of definition.operators) expect(VALUES_OPERATORS).toContain(operator);
    if (definition.layout) {
      expect(definition).toMatchObject({ valueKind: 'none', conditionKind: null, sortable: false, filterable: false, operators: [] });
      expect(definition.column(field(type))).toBeNull();
    } else {
      expect(definition.operators).toEqual(expect.arrayContaining(['isEmpty', 'isNotEmpty']));
      expect(definition.filterable).toBe(!NOT_FILTERABLE.has(type));
      if (definition.filterable) expect(definition.conditionKind).not.toBeNull();
      // A sub-form's rows live in a child table, not a column.
      if (type !== 'subForm') expect(definition.column(field(type))?.sqlType).toMatch(/\S/);
    }
  });

  it('labels types with the catalog names', () => {
    expect(getFieldType('text')!.label).toEqual({ 'zh-CN': '单行文本', 'en-US': 'Single-line text' });
    expect(getFieldType('moneyInWords')!.label['zh-CN']).toBe('大写金额');
    expect(getFieldType('multiSelect')!.label['zh-CN']).toBe('下拉复选框');
  });

  it.each<[FieldType, string, 'btree' | 'gin' | null, string, string | null, boolean]>([
    ['text', 'text', null, 'string', 'text', true],
    ['textarea', 'text', null, 'string', 'text', true],
    ['number', 'numeric', 'btree', 'number', 'number', true],
    ['money', 'numeric(18,2)', 'btree', 'number', 'number', true],
    ['percent', 'numeric', null, 'number', 'number', true],
    ['rating', 'smallint', null, 'number', 'number', true],
    ['moneyInWords', 'text', null, 'string', 'text', true],
    ['date', 'date', 'btree', 'date', 'date', true],
    ['datetime', 'timestamptz(3)', 'btree', 'datetime', 'datetime', true],
    ['time', 'time(0)', null, 'time', 'time', true],
    ['select', 'text', 'btree', 'string', 'text', true],
    ['radio', 'text', 'btree', 'string', 'text', true],
    ['multiSelect', 'text[]', 'gin', 'stringArray', 'textArray', false],
    ['checkbox', 'text[]', 'gin', 'stringArray', 'textArray', false],
    ['switch', 'boolean', null, 'boolean', 'boolean', true],
    ['member', 'uuid', 'btree', 'id', 'uuid', true],
    ['department', 'uuid', 'btree', 'id', 'uuid', true],
    ['members', 'uuid[]', 'gin', 'idArray', 'uuidArray', false],
    ['departments', 'uuid[]', 'gin', 'idArray', 'uuidArray', false],
    ['email', 'text', 'btree', 'string', 'text', true],
    ['phone', 'text', 'btree', 'string', 'text', true],
    ['url', 'text', null, 'string', 'text', true],
    ['idNumber', 'text', 'btree', 'string', 'text', true],
    ['richText', 'text', null, 'string', 'text', false],
    ['dateRange', 'jsonb', null, 'object', 'json', false],
    ['location', 'jsonb', null, 'object', 'json', false],
    ['cascader', 'text[]', 'gin', 'stringArray', 'textArray', false],
  ])('%s: column %s (%s), %s value, %s condition kind, sortable %s', (type, sqlType, index, valueKind, conditionKind, sortable) => {
    const definition = getFieldType(type)!;
    expect(definition.column(field(type))).toEqual({ sqlType, index });
    expect(definition).toMatchObject({ valueKind, conditionKind, sortable });
  });

  it.each<[string, string, 'btree' | 'gin' | null, string, string, string[]]>([
    ['number', 'numeric', 'btree', 'number', 'number', ['between', '>']],
    ['text', 'text', null, 'string', 'text', ['contains', 'startsWith']],
    ['date', 'date', 'btree', 'date', 'date', ['between', '<']],
    ['datetime', 'timestamptz(3)', 'btree', 'datetime', 'datetime', ['between', '>=']],
    ['boolean', 'boolean', null, 'boolean', 'boolean', ['==', '!=']],
  ])('a %s formula: column %s (%s), %s value, %s condition kind', (resultType, sqlType, index, valueKind, conditionKind, operators) => {
    const formula = field('formula', { expression: '1', resultType });
    const definition = fieldTypeFor(formula)!;
    expect(definition.column(formula)).toEqual({ sqlType, index });
    expect(definition).toMatchObject({ valueKind, conditionKind, sortable: true, filterable: true, derived: true });
    expect(definition.operators).toEqual(expect.arrayContaining([...operators, 'isEmpty', 'isNotEmpty']));
  });

  it('gives the bare formula entry no condition kind: filters need the field (fieldTypeFor)', () => {
    expect(getFieldType('formula')!.conditionKind).toBeNull();
    expect(fieldTypeFor(field('formula', { expression: '1' }))!.conditionKind).toBe('number');
    expect(fieldTypeFor(field('text'))).toBe(getFieldType('text'));
    expect(fieldTypeFor(field('nope' as FieldType))).toBeUndefined();
  });

  it('filters structured and rich values only as far as their columns allow', () => {
    for (const type of ['dateRange', 'location'] as const) expect(getFieldType(type)!.operators).toEqual(['isEmpty', 'isNotEmpty']);
    expect(getFieldType('richText')!.operators).toEqual(['contains', 'isEmpty', 'isNotEmpty']);
    expect(getFieldType('cascader')!.operators).toEqual(['containsAny', 'containsAll', 'isEmpty', 'isNotEmpty']);
    expect(getFieldType('idNumber')!.operators).toEqual(expect.arrayContaining(['==', 'in', 'startsWith']));
  });

  it('labels the new types with the catalog names', () => {
    expect(Object.fromEntries(['formula', 'idNumber', 'dateRange', 'cascader', 'location', 'tabs', 'richText'].map((type) => [type, getFieldType(type)!.label['zh-CN']]))).toEqual({
      formula: '公式', idNumber: '证件号', dateRange: '日期区间', cascader: '级联选择', location: '定位', tabs: '标签页', richText: '富文本',
    });
  });

  it('gives a unique text field a unique index, and only the types that offer the option', () => {
    expect(getFieldType('text')!.column(field('text', { unique: true }))).toEqual({ sqlType: 'text', index: 'btree', unique: true });
    expect(getFieldType('phone')!.column(field('phone', { unique: true }))).toEqual({ sqlType: 'text', index: 'btree', unique: true });
    expect(getFieldType('text')!.column(field('text', { unique: false }))).toEqual({ sqlType: 'text', index: null });
    expect(getFieldType('textarea')!.column(field('textarea', { unique: true }))).toEqual({ sqlType: 'text', index: null });
  });

  it('gives text operators to text and array operators to arrays', () => {
    expect(getFieldType('text')!.operators).toEqual(expect.arrayContaining(['contains', 'startsWith', 'endsWith']));
    expect(getFieldType('text')!.operators).toEqual(expect.arrayContaining(['>', 'between', 'in']));
    expect(getFieldType('text')!.operators).not.toContain('containsAny');
    expect(getFieldType('select')!.operators).not.toContain('>');
    expect(getFieldType('members')!.operators).toEqual(expect.arrayContaining(['containsAny', 'containsAll']));
    expect(getFieldType('members')!.operators).not.toContain('==');
    expect(getFieldType('money')!.operators).toEqual(expect.arrayContaining(['between', '>']));
    expect(getFieldType('switch')!.operators).not.toContain('>');
  });

  it('marks derived and layout types', () => {
    expect(getFieldType('moneyInWords')!.derived).toBe(true);
    expect(getFieldType('divider')!.layout).toBe(true);
    expect(getFieldType('description')!.layout).toBe(true);
    expect(getFieldType('tabs')!.layout).toBe(true);
    expect(getFieldType('formula')!.derived).toBe(true);
    expect(getFieldType('select')!.sortsByOptionOrder).toBe(true);
  });
});

describe('columns', () => {
  it('names a field column by its key', () => {
    expect(columnName(field('text'))).toBe('f');
  });

  it('describes the system fields with columns starting with an underscore', () => {
    expect(SYSTEM_FIELDS.map((system) => [system.key, system.column, system.conditionKind])).toEqual([
      ['id', '_id', 'uuid'],
      ['createdAt', '_created_at', 'datetime'],
      ['updatedAt', '_updated_at', 'datetime'],
      ['createdBy', '_created_by', 'uuid'],
      ['updatedBy', '_updated_by', 'uuid'],
      ['ownerId', '_owner_id', 'uuid'],
      ['ownerDeptId', '_owner_dept_id', 'uuid'],
      ['flowStatus', '_flow_status', 'text'],
    ]);
  });
});

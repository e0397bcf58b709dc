import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ISSUE_MESSAGES, translateIssue } from './issue-messages';
import { listFieldTypes } from './list-field-types';

describe('translateIssue', () => {
  it.each<[{ code: string; message: string; params?: Record<string, string | number> }, string, string]>([
    [{ code: 'required', message: 'name is required' }, '必填', 'Required'],
    [{ code: 'too_long', message: 'x', params: { max: 500 } }, '不能超过 500 个字符', 'Must be at most 500 characters'],
    [{ code: 'too_small', message: 'x', params: { min: 0 } }, '不能小于 0', 'Must be at least 0'],
    [{ code: 'too_many', message: 'x', params: { max: 3 } }, '最多选择 3 项', 'Choose at most 3'],
    [{ code: 'something_new', message: 'as the engine said' }, 'as the engine said', 'as the engine said'],
    [{ code: 'too_long', message: 'x' }, '不能超过 {max} 个字符', 'Must be at most {max} characters'],
    [{ code: 'range_too_long', message: 'x', params: { max: 7 } }, '区间最多 7 天', 'Must span at most 7 days'],
    [{ code: 'formula_syntax', message: 'x', params: { position: 4, character: 5 } }, '公式语法错误（第 5 个字符附近）', 'Formula syntax error (near character 5)'],
    [{ code: 'formula_cycle', message: 'x', params: { cycle: 'a -> b -> a' } }, '公式存在循环引用：a -> b -> a', 'The formula refers to itself: a -> b -> a'],
    [{ code: 'unique_conflict', message: 'x', params: { records: 3, values: '"A", "B"' } }, '已有 3 条记录的值重复（如 "A", "B"），请先修改这些记录，再设为不允许重复', '3 records share values (such as "A", "B"): change them before making the field unique'],
  ])('%p', (issue, zh, en) => {
    expect(translateIssue(issue, 'zh-CN')).toBe(zh);
    expect(translateIssue(issue, 'en-US')).toBe(en);
  });

  it('has both languages for every code the engine emits', () => {
    for (const code of ['required', 'too_long', 'too_short', 'too_small', 'too_big', 'too_few', 'too_many', 'invalid_type', 'invalid_option', 'invalid_format', 'unknown_field', 'read_only', 'stage_gate', 'unsupported_type',
      'invalid_range', 'range_too_short', 'range_too_long', 'not_leaf', 'too_large', 'tree_too_large', 'duplicate_tab_field', 'formula_syntax',
      'formula_unknown_field', 'formula_unknown_function', 'formula_arity', 'formula_too_long', 'formula_too_complex', 'formula_cycle']) {
      expect(ISSUE_MESSAGES[code]?.['zh-CN']).toMatch(/\S/);
      expect(ISSUE_MESSAGES[code]?.['en-US']).toMatch(/\S/);
    }
  });

  it('has both languages for every code written in the engine and the file uploads', () => {
    const missing = emittedCodes().filter((code) => !ISSUE_MESSAGES[code]?.['zh-CN']?.trim() || !ISSUE_MESSAGES[code]?.['en-US']?.trim());
    expect(missing).toEqual([]);
  });

  it('has both languages for every option the JSON Schemas of the field types can refuse', () => {
    const codes = [...schemaKeywords(listFieldTypes().map((definition) => definition.optionsSchema))].map((keyword) => `invalid_${keyword}`);
    expect(codes.filter((code) => !ISSUE_MESSAGES[code])).toEqual([]);
  });

  it('finds codes in the sources, so that the two checks above can fail', () => {
    expect(emittedCodes()).toEqual(expect.arrayContaining(['file_not_found', 'not_an_image', 'too_long', 'formula_cycle', 'duplicate']));
    expect(schemaKeywords([{ type: 'object', properties: { a: { enum: [1] } }, additionalProperties: false }])).toEqual(new Set(['additionalProperties', 'enum']));
  });
});

/** Where issues are made: this package and the API's file uploads (their issues reach the same UI). */
const SOURCE_DIRS = [__dirname, path.join(__dirname, '../../../apps/api/src/files')];
/** Codes whose message is not ours to translate: a rule's error is the designer's own text. */
const OWN_MESSAGE_CODES = new Set(['rule']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.fixture.ts') ? [full] : [];
  });
}

/** Issue codes written as literals: `fail('code', ...)` and `code: 'code'`. */
function emittedCodes(): string[] {
  const codes = new Set<string>();
  for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:\bfail\(|\bcode: )'([a-z][a-z_]*)'/g)) codes.add(match[1]);
  }
  return [...codes].filter((code) => !OWN_MESSAGE_CODES.has(code)).sort();
}

/** JSON Schema keywords that can refuse a value (type is refused as invalid_type, required as required). */
const REFUSING_KEYWORDS = new Set(['enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength',
  'pattern', 'minItems', 'maxItems', 'uniqueItems', 'additionalProperties', 'multipleOf', 'minProperties', 'maxProperties', 'format', 'not', 'oneOf', 'anyOf']);

function schemaKeywords(schemas: unknown[]): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      // `additionalProperties: {schema}` and `true` refuse nothing by themselves.
      if (REFUSING_KEYWORDS.has(key) && !(key === 'additionalProperties' && value !== false)) found.add(key);
      // An enum's or a const's values are data, not schemas.
      if (key !== 'enum' && key !== 'const') visit(value);
    }
  };
  schemas.forEach(visit);
  return found;
}

import Ajv from 'ajv';
import type { FieldDefinition, FieldType } from '@platform/schema';
import { formatValue } from '../format-value';
import { getFieldType } from '../get-field-type';
import { validateFormDefinition } from '../validate-form-definition';

const field = (type: FieldType, options?: Record<string, unknown>): FieldDefinition => ({ key: 'f', type, label: 'F', options });
const F1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
const F2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e70';
const F3 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e71';
const MB = 1024 * 1024;
const pdf = { id: F1, name: '报价单.pdf', size: 120_000, mime: 'application/pdf' };
const png = { id: F2, name: 'photo.PNG', size: 2 * MB, mime: 'image/png' };
const jpeg = { id: F3, name: 'scan.jpg', size: 300_000, mime: 'image/jpeg' };

type Row = [label: string, type: FieldType, options: Record<string, unknown> | undefined, input: unknown, expected: unknown];
const accepts = (label: string, type: FieldType, input: unknown, expected: unknown, options?: Record<string, unknown>): Row => [label, type, options, input, expected];

const accepted: Row[] = [
  // attachment: a list of refs, [] when empty
  accepts('attachment one file', 'attachment', [pdf], [pdf]),
  accepts('attachment several types', 'attachment', [pdf, png], [pdf, png]),
  accepts('attachment null', 'attachment', null, []),
  accepts('attachment []', 'attachment', [], []),
  accepts('attachment empty string', 'attachment', '', []),
  accepts('attachment id and mime lower-cased', 'attachment', [{ ...pdf, id: F1.toUpperCase(), mime: 'Application/PDF' }], [pdf]),
  accepts('attachment listed twice kept once', 'attachment', [pdf, { ...pdf }], [pdf]),
  accepts('attachment upload answer with url', 'attachment', [{ ...pdf, url: `/api/files/${F1}` }], [pdf]),
  accepts('attachment empty file', 'attachment', [{ ...pdf, size: 0 }], [{ ...pdf, size: 0 }]),
  accepts('attachment at maxCount', 'attachment', [pdf, png], [pdf, png], { maxCount: 2 }),
  accepts('attachment accepted by extension, any case', 'attachment', [png], [png], { accept: ['.png'] }),
  accepts('attachment accepted by mime', 'attachment', [pdf], [pdf], { accept: ['application/pdf', '.docx'] }),
  accepts('attachment accepted by wildcard', 'attachment', [png, jpeg], [png, jpeg], { accept: ['image/*'] }),
  accepts('attachment exactly maxSizeMB', 'attachment', [png], [png], { maxSizeMB: 2 }),
  accepts('attachment fractional maxSizeMB', 'attachment', [pdf], [pdf], { maxSizeMB: 0.5 }),
  accepts('attachment 255-character name', 'attachment', [{ ...pdf, name: '档'.repeat(251) + '.pdf' }], [{ ...pdf, name: '档'.repeat(251) + '.pdf' }]),
  // image: raster images only
  accepts('image', 'image', [png, jpeg], [png, jpeg]),
  accepts('image null', 'image', null, []),
  accepts('image with limits', 'image', [jpeg], [jpeg], { maxCount: 1, maxSizeMB: 1, accept: ['image/jpeg'] }),
  // signature: one ref or null
  accepts('signature', 'signature', png, png),
  accepts('signature null', 'signature', null, null),
  accepts('signature empty string', 'signature', '', null),
  accepts('signature within maxSizeMB', 'signature', png, png, { maxSizeMB: 5 }),
];

type Refusal = [label: string, type: FieldType, options: Record<string, unknown> | undefined, input: unknown, code: string, path?: (string | number)[]];
const refuses = (label: string, type: FieldType, input: unknown, code: string, options?: Record<string, unknown>, path?: (string | number)[]): Refusal => [label, type, options, input, code, path];

const refused: Refusal[] = [
  refuses('attachment not an array', 'attachment', pdf, 'invalid_type'),
  refuses('attachment of ids', 'attachment', [F1], 'invalid_type', undefined, [0]),
  refuses('attachment id not a uuid', 'attachment', [{ ...pdf, id: '../../etc/passwd' }], 'invalid_format', undefined, [0, 'id']),
  refuses('attachment missing id', 'attachment', [{ name: 'a.pdf', size: 1, mime: 'application/pdf' }], 'required', undefined, [0, 'id']),
  refuses('attachment missing name', 'attachment', [{ id: F1, size: 1, mime: 'application/pdf' }], 'required', undefined, [0, 'name']),
  refuses('attachment unexpected part', 'attachment', [{ ...pdf, path: '/tmp/x' }], 'invalid_type', undefined, [0, 'path']),
  refuses('attachment negative size', 'attachment', [{ ...pdf, size: -1 }], 'invalid_type', undefined, [0, 'size']),
  refuses('attachment fractional size', 'attachment', [{ ...pdf, size: 1.5 }], 'invalid_type', undefined, [0, 'size']),
  refuses('attachment size as text', 'attachment', [{ ...pdf, size: '10' }], 'invalid_type', undefined, [0, 'size']),
  refuses('attachment bad mime', 'attachment', [{ ...pdf, mime: 'pdf' }], 'invalid_format', undefined, [0, 'mime']),
  refuses('attachment mime with a header injection', 'attachment', [{ ...pdf, mime: 'text/html\r\nX: y' }], 'invalid_format', undefined, [0, 'mime']),
  refuses('attachment name with NUL', 'attachment', [{ ...pdf, name: 'a\u0000.pdf' }], 'invalid_format', undefined, [0, 'name']),
  refuses('attachment 256-character name', 'attachment', [{ ...pdf, name: 'a'.repeat(256) }], 'too_long', undefined, [0, 'name']),
  refuses('attachment above maxCount', 'attachment', [pdf, png, jpeg], 'too_many', { maxCount: 2 }),
  refuses('attachment not accepted (second file)', 'attachment', [pdf, png], 'invalid_format', { accept: ['.pdf'] }, [1]),
  refuses('attachment wildcard refuses another family', 'attachment', [pdf], 'invalid_format', { accept: ['image/*'] }, [0]),
  refuses('attachment above maxSizeMB', 'attachment', [{ ...png, size: 2 * MB + 1 }], 'too_big', { maxSizeMB: 2 }, [0]),
  refuses('image that is a pdf', 'image', [pdf], 'invalid_format', undefined, [0]),
  refuses('image svg (scripts, no thumbnail)', 'image', [{ ...png, name: 'x.svg', mime: 'image/svg+xml' }], 'invalid_format', undefined, [0]),
  refuses('image above maxCount', 'image', [png, jpeg], 'too_many', { maxCount: 1 }),
  refuses('image above maxSizeMB', 'image', [png], 'too_big', { maxSizeMB: 1 }, [0]),
  refuses('image not in accept', 'image', [png], 'invalid_format', { accept: ['image/jpeg'] }, [0]),
  refuses('signature as a list', 'signature', [png], 'invalid_type'),
  refuses('signature that is a pdf', 'signature', pdf, 'invalid_format'),
  refuses('signature bad id', 'signature', { ...png, id: 'x' }, 'invalid_format', undefined, ['id']),
  refuses('signature above maxSizeMB', 'signature', png, 'too_big', { maxSizeMB: 1 }),
];

describe('file types: coerce', () => {
  it.each(accepted)('accepts %s', (_label, type, options, input, expected) => {
    expect(getFieldType(type)!.coerce(input, field(type, options))).toEqual({ ok: true, value: expected });
  });

  it.each(refused)('refuses %s', (_label, type, options, input, code, path) => {
    const result = getFieldType(type)!.coerce(input, field(type, options));
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) {
      expect(result.message).toEqual(expect.any(String));
      expect(result.path).toEqual(path);
    }
  });

  it('accepts undefined as empty', () => {
    expect(getFieldType('image')!.coerce(undefined, field('image'))).toEqual({ ok: true, value: [] });
    expect(getFieldType('attachment')!.coerce(undefined, field('attachment'))).toEqual({ ok: true, value: [] });
    expect(getFieldType('signature')!.coerce(undefined, field('signature'))).toEqual({ ok: true, value: null });
  });

  it('reports the limits a message needs', () => {
    expect(getFieldType('attachment')!.coerce([png], field('attachment', { maxSizeMB: 1 }))).toMatchObject({ params: { max: '1 MB', maxSizeMB: 1 } });
    expect(getFieldType('image')!.coerce([png, jpeg], field('image', { maxCount: 1 }))).toMatchObject({ params: { max: 1 } });
    expect(getFieldType('attachment')!.coerce([png], field('attachment', { accept: ['.pdf', 'text/plain'] }))).toMatchObject({ params: { format: '.pdf, text/plain' } });
  });
});

describe('file types: storage and display', () => {
  it.each(['image', 'attachment', 'signature'] as const)('%s: jsonb without index, emptiness only, not sortable nor filterable', (type) => {
    const definition = getFieldType(type)!;
    expect(definition.column(field(type))).toEqual({ sqlType: 'jsonb', index: null });
    expect(definition).toMatchObject({ conditionKind: 'json', sortable: false, filterable: false, operators: ['isEmpty', 'isNotEmpty'] });
  });

  it('labels the types with the catalog names', () => {
    expect(['image', 'attachment', 'signature'].map((type) => getFieldType(type)!.label)).toEqual([
      { 'zh-CN': '图片', 'en-US': 'Image' },
      { 'zh-CN': '附件', 'en-US': 'Attachment' },
      { 'zh-CN': '手写签名', 'en-US': 'Signature' },
    ]);
  });

  it.each<[string, FieldType, unknown, unknown, unknown]>([
    ['a list', 'attachment', [pdf, png], JSON.stringify([pdf, png]), [pdf, png]],
    ['an empty list stored as NULL', 'attachment', [], null, []],
    ['a NULL list', 'image', null, null, []],
    ['a signature', 'signature', png, JSON.stringify(png), png],
    ['no signature', 'signature', null, null, null],
  ])('round-trips %s through the column', (_label, type, value, stored, read) => {
    const definition = getFieldType(type)!;
    expect(definition.toDb(value)).toEqual(stored);
    expect(definition.fromDb(stored)).toEqual(read);
    // The driver may also hand back parsed jsonb.
    if (typeof stored === 'string') expect(definition.fromDb(JSON.parse(stored))).toEqual(read);
  });

  it('reads a damaged column as empty rather than failing', () => {
    expect(getFieldType('attachment')!.fromDb('{not json')).toEqual([]);
    expect(getFieldType('attachment')!.fromDb([{ id: F1 }, pdf])).toEqual([pdf]);
    expect(getFieldType('signature')!.fromDb({ id: 1 })).toBeNull();
  });

  it.each<[string, FieldType, unknown, string, string]>([
    ['two attachments', 'attachment', [pdf, png], '报价单.pdf、photo.PNG', '报价单.pdf, photo.PNG'],
    ['one image', 'image', [jpeg], 'scan.jpg', 'scan.jpg'],
    ['no image', 'image', [], '', ''],
    ['a signature', 'signature', png, 'photo.PNG', 'photo.PNG'],
    ['no signature', 'signature', null, '', ''],
  ])('formats %s as the file names', (_label, type, value, zh, en) => {
    expect(formatValue(field(type), value, 'zh-CN')).toBe(zh);
    expect(formatValue(field(type), value, 'en-US')).toBe(en);
  });
});

describe('file types: options', () => {
  const form = (type: FieldType, options: Record<string, unknown>) => ({ key: 'doc', name: 'Doc', fields: [{ key: 'files', type, label: 'Files', options }] });

  it.each<[FieldType, Record<string, unknown>]>([
    ['attachment', { maxCount: 5, maxSizeMB: 20, accept: ['.pdf', 'image/*', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] }],
    ['image', { maxCount: 9, maxSizeMB: 0.5 }],
    ['signature', { maxSizeMB: 1, accept: ['image/png'] }],
    ['attachment', {}],
  ])('accepts %s options %j', (type, options) => {
    expect(validateFormDefinition(form(type, options))).toEqual([]);
  });

  it.each<[FieldType, Record<string, unknown>, string[]]>([
    ['attachment', { maxCount: 0 }, ['maxCount']],
    ['attachment', { maxCount: 101 }, ['maxCount']],
    ['attachment', { maxSizeMB: 0 }, ['maxSizeMB']],
    ['attachment', { accept: ['pdf'] }, ['accept', 0]],
    ['attachment', { accept: ['*/*x'] }, ['accept', 0]],
    ['image', { default: [{ id: F1 }] }, ['default']],
    ['signature', { maxCount: 1 }, []],
  ])('refuses %s options %j', (type, options, path) => {
    const issues = validateFormDefinition(form(type, options));
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0].path.slice(0, 3 + path.length)).toEqual(['fields', 0, 'options', ...path]);
  });

  it('publishes a JSON Schema a client can compile', () => {
    for (const type of ['image', 'attachment', 'signature']) {
      expect(() => new Ajv({ strict: false }).compile(getFieldType(type)!.optionsSchema)).not.toThrow();
    }
  });
});

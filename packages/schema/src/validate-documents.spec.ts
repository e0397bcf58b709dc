import { validateAppPackageDocument, validateFormDocument } from './validate-documents';
import { migrateAppPackage } from './migrate-app-package';

describe('validateFormDocument', () => {
  const form = { key: 'lead', name: '线索', fields: [{ key: 'company', type: 'text', label: '公司' }] };

  it('accepts a well-formed form', () => {
    expect(validateFormDocument(form)).toEqual([]);
  });

  it.each([
    ['a bad field key', { ...form, fields: [{ key: 'Company Name', type: 'text', label: 'x' }] }, ['fields', 0, 'key'], 'invalid_key'],
    ['an unknown type', { ...form, fields: [{ key: 'a', type: 'sql', label: 'x' }] }, ['fields', 0, 'type'], 'invalid_enum'],
    ['a missing label', { ...form, fields: [{ key: 'a', type: 'text' }] }, ['fields', 0, 'label'], 'required'],
    ['an unknown property', { ...form, color: 'red' }, ['color'], 'invalid_additionalProperties'],
    ['a SQL-looking key', { ...form, key: "lead'; drop table x;--" }, ['key'], 'invalid_key'],
  ])('refuses %s with a path and a code', (_name, doc, path, code) => {
    const issues = validateFormDocument(doc);
    expect(issues).toContainEqual(expect.objectContaining({ path, code }));
  });
});

describe('app packages', () => {
  const pkg = {
    schemaVersion: 1,
    kind: 'app-package',
    packageVersion: '1.0.0',
    app: { key: 'crm', name: 'CRM' },
    forms: [{ key: 'lead', name: 'Lead', fields: [] }],
  };

  it('validates a minimal package', () => {
    expect(validateAppPackageDocument(pkg)).toEqual([]);
    expect(validateAppPackageDocument({ ...pkg, kind: 'other' })).not.toEqual([]);
  });

  it('migrates the current version as a copy and refuses unknown versions', () => {
    const result = migrateAppPackage(pkg);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.document).not.toBe(pkg);
    expect(migrateAppPackage({ ...pkg, schemaVersion: 99 })).toMatchObject({ ok: false, code: 'UNSUPPORTED_SCHEMA_VERSION' });
  });
});

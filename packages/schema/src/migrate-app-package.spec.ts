import { migrateAppPackage } from './migrate-app-package';

describe('migrateAppPackage', () => {
  const pkg = {
    schemaVersion: 1,
    kind: 'app-package',
    packageVersion: '1.0.0',
    app: { key: 'crm', name: 'CRM' },
    forms: [{ key: 'quote', name: 'Quote', fields: [{ key: 'lines', type: 'subForm', label: 'Lines', options: { fields: [{ key: 'qty', type: 'number', label: 'Qty' }] } }] }],
    records: [{ formKey: 'quote', rows: [{ lines: [{ qty: 1 }] }] }],
  };

  it('copies into plain objects of this realm, which isPlainObject checks accept (not structuredClone)', () => {
    const result = migrateAppPackage(pkg);
    if (!result.ok) throw new Error(result.message);
    const copy = result.document as unknown as typeof pkg;
    expect(copy).toEqual(pkg);
    expect(copy.forms[0]).not.toBe(pkg.forms[0]);
    for (const value of [copy, copy.forms[0], copy.forms[0].fields[0].options, copy.forms[0].fields[0].options.fields[0], copy.records[0].rows[0].lines[0]]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
    expect(Object.getPrototypeOf(copy.forms)).toBe(Array.prototype);
  });
});

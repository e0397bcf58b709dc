import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { linkDependents } from './resolve-form-links';

const customer: FormDefinition = {
  key: 'customer',
  name: 'Customer',
  fields: [
    { key: 'name', type: 'text', label: 'Name' },
    { key: 'level', type: 'select', label: 'Level', options: { options: [{ key: 'a', label: 'A' }] } },
    { key: 'since', type: 'date', label: 'Since' },
  ],
};
const deal: FormDefinition = {
  key: 'deal',
  name: 'Deal',
  fields: [
    { key: 'customer', type: 'relation', label: 'Customer', options: { targetForm: 'customer', displayFields: ['name'] } },
    { key: 'level', type: 'lookup', label: 'Level', options: { relationField: 'customer', targetField: 'level' } },
    { key: 'amount', type: 'money', label: 'Amount' },
  ],
};
const forms = new Map([['customer', customer], ['deal', deal]]);
const withFields = (form: FormDefinition, fields: FieldDefinition[]): FormDefinition => ({ ...form, fields });

describe('linkDependents', () => {
  it('names the fields of other forms a change would break or retype', () => {
    const [name, level, since] = customer.fields;
    expect(linkDependents('customer', withFields(customer, [level, since]), forms)).toEqual([expect.objectContaining({ formKey: 'deal', fieldKey: 'customer' })]);
    expect(linkDependents('customer', withFields(customer, [name, since]), forms)).toEqual([expect.objectContaining({ formKey: 'deal', fieldKey: 'level' })]);
    expect(linkDependents('customer', withFields(customer, [name, { ...level, type: 'date', options: {} }, since]), forms))
      .toEqual([expect.objectContaining({ formKey: 'deal', fieldKey: 'level' })]);
    expect(linkDependents('customer', null, forms).map((d) => d.fieldKey)).toEqual(['customer', 'level']);
  });

  it('lets through what keeps the copies valid: labels, new options, new fields, unrelated fields', () => {
    const [name, level, since] = customer.fields;
    const relabelled = { ...level, label: 'Grade', options: { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] } };
    expect(linkDependents('customer', withFields(customer, [name, relabelled, since, { key: 'x', type: 'text', label: 'X' }]), forms)).toEqual([]);
    expect(linkDependents('customer', withFields(customer, [name, level]), forms)).toEqual([]);
    expect(linkDependents('deal', withFields(deal, [deal.fields[0]]), forms)).toEqual([]);
  });
});

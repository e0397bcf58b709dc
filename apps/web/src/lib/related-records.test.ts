import { describe, expect, it } from 'vitest';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { findReferencingFields, prefillSearch, prefilledValues, referenceKey, relatedRecordsFilter, relatedRowFields } from './related-records';

const label = (text: string) => ({ 'zh-CN': text, 'en-US': text });
const field = (key: string, type: FieldDefinition['type'], options?: FieldDefinition['options']): FieldDefinition => ({ key, type, label: label(key), ...(options ? { options } : {}) });
const form = (key: string, fields: FieldDefinition[], titleField?: string): FormDefinition =>
  ({ key, name: label(key), fields, ...(titleField ? { settings: { titleField } } : {}) }) as FormDefinition;

const customer = form('customer', [field('name', 'text')]);
const contact = form('contact', [field('name', 'text'), field('customer', 'relation', { targetForm: 'customer' }), field('phone', 'phone')]);
const campaign = form('campaign', [
  field('title', 'text'),
  field('customers', 'relation', { targetForm: 'customer', multiple: true }),
  field('owner_customer', 'relation', { targetForm: 'customer', multiple: false }),
  field('contact', 'relation', { targetForm: 'contact' }),
]);

describe('findReferencingFields', () => {
  it('finds every relation field of every form that targets the form, one- and many-relations alike', () => {
    const found = findReferencingFields([customer, contact, campaign], 'customer');
    expect(found.map((reference) => [referenceKey(reference), reference.multiple])).toEqual([
      ['contact.customer', false],
      ['campaign.customers', true],
      ['campaign.owner_customer', false],
    ]);
  });

  it('finds nothing when no relation points at the form (other targets and other types are ignored)', () => {
    const notes = form('notes', [field('customer', 'text', { targetForm: 'customer' })]);
    expect(findReferencingFields([customer, notes], 'customer')).toEqual([]);
    expect(findReferencingFields([customer, contact, campaign], 'campaign')).toEqual([]);
  });
});

describe('relatedRecordsFilter', () => {
  it('asks `==` for a one-relation and `containsAny` for a many-relation', () => {
    const [one, many] = findReferencingFields([contact, campaign], 'customer');
    expect(relatedRecordsFilter(one, 'r-1')).toEqual({ '==': [{ var: 'customer' }, 'r-1'] });
    expect(relatedRecordsFilter(many, 'r-1')).toEqual({ containsAny: [{ var: 'customers' }, ['r-1']] });
  });
});

describe('relatedRowFields', () => {
  it('takes settings.titleField as the title and three one-line fields besides the relation back', () => {
    const quote = form('quote', [
      field('amount', 'money'),
      field('customer', 'relation', { targetForm: 'customer' }),
      field('notes', 'richText'),
      field('divider1', 'divider'),
      field('code', 'serialNumber'),
      field('stage', 'select'),
      field('date', 'date'),
      field('subject', 'text'),
    ], 'code');
    const { title, details } = relatedRowFields(quote, 'customer');
    expect(title?.key).toBe('code');
    expect(details.map((detail) => detail.key)).toEqual(['amount', 'stage', 'date']);
  });

  it('falls back to the first text field for the title', () => {
    const { title, details } = relatedRowFields(contact, 'customer');
    expect(title?.key).toBe('name');
    expect(details.map((detail) => detail.key)).toEqual(['phone']);
  });
});

describe('prefilled relations', () => {
  const id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
  it('carries the relation and the record in the new-record address and reads them back', () => {
    const search = prefillSearch('customer', id);
    expect(search).toBe(`?relation=customer&record=${id}`);
    expect(prefilledValues(contact.fields, new URLSearchParams(search))).toEqual({ customer: id });
    expect(prefilledValues(campaign.fields, new URLSearchParams(`?relation=customers&record=${id}`))).toEqual({ customers: [id] });
  });

  it('ignores a field that is no relation of the form, and an id that is no record id', () => {
    expect(prefilledValues(contact.fields, new URLSearchParams(`?relation=phone&record=${id}`))).toEqual({});
    expect(prefilledValues(contact.fields, new URLSearchParams(`?relation=nothing&record=${id}`))).toEqual({});
    expect(prefilledValues(contact.fields, new URLSearchParams('?relation=customer&record=1%20OR%201'))).toEqual({});
    expect(prefilledValues(contact.fields, new URLSearchParams(''))).toEqual({});
  });
});

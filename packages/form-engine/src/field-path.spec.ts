import { fieldPathTarget, splitFieldPath } from './field-path';
import { getFieldType } from './get-field-type';

const address = getFieldType('address');
const text = getFieldType('text');

describe('splitFieldPath', () => {
  it.each<[string, string, string | null]>([
    ['amount', 'amount', null],
    ['home.city', 'home', 'city'],
    ['home.city.name', 'home', 'city.name'],
  ])('%s', (path, fieldKey, partKey) => {
    expect(splitFieldPath(path)).toEqual({ fieldKey, partKey });
  });
});

describe('fieldPathTarget', () => {
  it('gives a whole field its own kind and operators', () => {
    expect(fieldPathTarget(address, splitFieldPath('home'))).toEqual({ kind: 'json', operators: ['isEmpty', 'isNotEmpty'], part: null });
    expect(fieldPathTarget(text, splitFieldPath('name'))).toMatchObject({ kind: 'text', part: null });
  });

  it.each(['province', 'city', 'district', 'detail'])('gives address.%s the text operators', (part) => {
    expect(fieldPathTarget(address, splitFieldPath(`home.${part}`))).toMatchObject({
      kind: 'text',
      operators: ['==', '!=', 'in', 'contains', 'startsWith', 'endsWith', 'isEmpty', 'isNotEmpty'],
      part: { key: part },
    });
  });

  it.each<[string, ReturnType<typeof getFieldType>, RegExp]>([
    ['home.zip', address, /unknown field "home.zip": fields of type address offer the parts province, city, district, detail/],
    ['home.City', address, /unknown field "home.City"/],
    ['home.city.name', address, /unknown field "home.city.name"/],
    ['home.__proto__', address, /offer the parts/],
    ['name.length', text, /unknown field "name.length": fields of type text have no parts/],
  ])('refuses %s, saying why', (path, definition, message) => {
    const target = fieldPathTarget(definition, splitFieldPath(path));
    expect(target && 'refused' in target ? target.refused : undefined).toMatch(message);
  });

  it('clips a long path in the message', () => {
    const target = fieldPathTarget(address, splitFieldPath(`home.${'x'.repeat(500)}`));
    expect(target && 'refused' in target ? target.refused.length : 0).toBeLessThan(200);
  });

  it('knows nothing of fields conditions cannot compare', () => {
    expect(fieldPathTarget(undefined, splitFieldPath('x'))).toBeUndefined();
    expect(fieldPathTarget(getFieldType('divider'), splitFieldPath('split.title'))).toBeUndefined();
  });
});

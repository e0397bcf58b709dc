import type { FieldType } from '@platform/schema';
import type { FieldTypeDefinition } from '../field-type-definition';
import { fail } from '../values/coerce-result';
import { optionsObject } from '../options-schemas/option-schema-parts';

/** Builds the entry of a layout item (divider, description, later tabs): no value, no column. */
export function defineLayoutType(spec: {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  options: Record<string, object>;
}): FieldTypeDefinition {
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'none',
    optionsSchema: optionsObject(spec.options),
    operators: [],
    sortable: false,
    filterable: false,
    layout: true,
    column: () => null,
    conditionKind: null,
    coerce: () => fail('unknown_field', 'is a layout item and holds no value'),
    fromDb: () => undefined,
    toDb: () => undefined,
    format: () => '',
  };
}

import { KEY_PATTERN } from '@platform/schema';
import { FORMULA_LIMITS } from '../formula/formula-limits';

/** Building blocks of the options JSON Schemas (draft-07, as ajv 8 reads by default). */

export const keySchema = { type: 'string', pattern: KEY_PATTERN };

export const localizedTextSchema = (maxLength = 200) => ({
  anyOf: [
    { type: 'string', minLength: 1, maxLength },
    { type: 'object', minProperties: 1, additionalProperties: { type: 'string', maxLength } },
  ],
});

export const placeholderSchema = localizedTextSchema(200);

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** An options object: only the named properties, so that a typo in a designer's document is caught. */
export function optionsObject(properties: Record<string, object>, required: string[] = []): object {
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

/** `default` of a type: its value shape, or null for "no default". */
export const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

export const choiceListSchema = {
  type: 'array',
  maxItems: 500,
  items: {
    type: 'object',
    required: ['key', 'label'],
    additionalProperties: false,
    properties: {
      key: keySchema,
      label: localizedTextSchema(200),
      color: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
    },
  },
};

/**
 * The computed defaults every input type takes beside `default` (docs/defaults.md): an expression of the
 * formula language, or where to copy from ("field", "relation.targetField", "$user.id",
 * "$user.departmentId"). Their meaning is checked by checkDefaultOptions, not here.
 */
export const DEFAULT_SOURCE_OPTIONS = {
  defaultFormula: { type: 'string', minLength: 1, maxLength: FORMULA_LIMITS.maxLength },
  defaultFrom: { type: 'string', minLength: 1, maxLength: 130 },
};

/** An input type's options schema with the computed defaults added to its properties. */
export function withDefaultSources(schema: object): object {
  const properties = (schema as { properties?: Record<string, object> }).properties;
  return properties ? { ...schema, properties: { ...properties, ...DEFAULT_SOURCE_OPTIONS } } : schema;
}

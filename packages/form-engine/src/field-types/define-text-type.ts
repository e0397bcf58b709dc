import { labelText, type FieldDefinition, type FieldType } from '@platform/schema';
import type { CoerceFailure, FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { hasUnstorableCharacter } from '../values/unstorable-character';
import { readOption } from '../values/read-option';
import { nullable, optionsObject, placeholderSchema, localizedTextSchema } from '../options-schemas/option-schema-parts';
import { TEXT_OPERATORS } from './operator-sets';

export type TextTypeSpec = {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  /** Used when options.maxLength is absent. */
  defaultMaxLength: number;
  /** The largest options.maxLength a designer may choose. */
  maxLengthCap: number;
  /** Whether `unique` is offered (not for long text, which a b-tree index cannot hold). */
  allowsUnique: boolean;
  /** Surrounding white space is dropped (formatted values such as e-mail); free text keeps it. */
  trims: boolean;
  /** Indexed whatever the options (values looked up exactly, such as phone numbers). */
  alwaysIndexed?: boolean;
  extraOptions?: Record<string, object>;
  /** Rewrites a non-empty (trimmed) string into its canonical form before the checks (idNumber: x -> X). */
  normalize?: (text: string, field: FieldDefinition) => string;
  /** The type's own format rule, run on a non-empty string within the length limits. */
  checkFormat?: (text: string, field: FieldDefinition) => CoerceFailure | null;
};

const patternCache = new Map<string, RegExp | null>();

/** The designer's regular expression (Unicode mode), or null when it does not compile. */
export function compilePattern(source: string): RegExp | null {
  let compiled = patternCache.get(source);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(source, 'u');
    } catch {
      compiled = null;
    }
    patternCache.set(source, compiled);
  }
  return compiled;
}

/** Builds the entry of a text-valued type: text, textarea, email, phone, url, idNumber. */
export function defineTextType(spec: TextTypeSpec): FieldTypeDefinition {
  const lengthSchema = { type: 'integer', minimum: 0, maximum: spec.maxLengthCap };
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'string',
    optionsSchema: optionsObject({
      default: nullable({ type: 'string', maxLength: spec.maxLengthCap }),
      placeholder: placeholderSchema,
      ...(spec.allowsUnique ? { unique: { type: 'boolean' } } : {}),
      minLength: lengthSchema,
      maxLength: { ...lengthSchema, minimum: 1 },
      pattern: { type: 'string', minLength: 1, maxLength: 500 },
      patternMessage: localizedTextSchema(200),
      ...spec.extraOptions,
    }),
    operators: TEXT_OPERATORS,
    sortable: true,
    filterable: true,
    column: (field) => {
      const unique = spec.allowsUnique && field.options?.unique === true;
      return { sqlType: 'text', index: spec.alwaysIndexed || unique ? 'btree' : null, ...(unique ? { unique: true as const } : {}) };
    },
    conditionKind: 'text',
    coerce(value, field) {
      if (value === null || value === undefined) return ok(null);
      if (typeof value !== 'string') return fail('invalid_type', 'must be a string', { expected: 'string' });
      const trimmed = spec.trims ? value.trim() : value;
      if (trimmed === '') return ok(null);
      const text = spec.normalize ? spec.normalize(trimmed, field) : trimmed;
      if (hasUnstorableCharacter(text)) {
        return fail('invalid_format', 'contains a character that cannot be stored (NUL or a lone surrogate)', { format: 'text' });
      }
      const length = [...text].length;
      const maxLength = readOption(field, 'maxLength', 'number') ?? spec.defaultMaxLength;
      if (length > maxLength) return fail('too_long', `must be at most ${maxLength} characters`, { max: maxLength });
      const minLength = readOption(field, 'minLength', 'number');
      if (minLength !== undefined && length < minLength) {
        return fail('too_short', `must be at least ${minLength} characters`, { min: minLength });
      }
      const formatIssue = spec.checkFormat?.(text, field);
      if (formatIssue) return formatIssue;
      const pattern = readOption(field, 'pattern', 'string');
      const regex = pattern === undefined ? null : compilePattern(pattern);
      if (regex && !regex.test(text)) {
        const custom = readOption(field, 'patternMessage', 'text');
        return fail('invalid_format', custom ? labelText(custom, 'en-US') : 'does not match the required pattern', { format: 'pattern' });
      }
      return ok(text);
    },
    fromDb: (value) => (value === undefined ? null : value),
    toDb: (value) => (value === undefined || value === '' ? null : value),
    format: (value) => (typeof value === 'string' ? value : ''),
    checkOptions(field) {
      const issues: FieldOptionIssue[] = [];
      const min = readOption(field, 'minLength', 'number');
      const max = readOption(field, 'maxLength', 'number');
      if (min !== undefined && min > (max ?? spec.defaultMaxLength)) {
        issues.push({ path: ['options', 'minLength'], code: 'invalid_range', message: 'minLength must not exceed maxLength' });
      }
      const pattern = readOption(field, 'pattern', 'string');
      if (pattern !== undefined && compilePattern(pattern) === null) {
        issues.push({ path: ['options', 'pattern'], code: 'invalid_pattern', message: 'is not a valid regular expression' });
      }
      return issues;
    },
  };
}
